/**
 * Finds the user regexes that can backtrack catastrophically, before they run: one `regex.test` cannot be
 * interrupted, so `/(a+)+$/` over a few dozen "a"s would block the extension host for seconds.
 *
 * A backtracking matcher takes exponential time on a near-miss exactly when the pattern can match some text in
 * exponentially many ways: when its automaton is "exponentially ambiguous" (EDA; Weideman, van der Merwe, Berglund,
 * Watson 2016). The check builds the pattern's position automaton (Glushkov), keeping each way to reach a position as
 * its own edge, so `(a*)*` (two loops that both repeat "a") differs from `a*`, and looks for a state with two
 * different cycles that read the same text: in the product of the automaton with itself, a strongly connected
 * component holding both a pair (p, p) and a pair of two different edges. That catches nested quantifiers
 * (`(a+)+`, `(\w+)*\d`, `(a*b*)*`) and overlapping alternatives or optional parts under a quantifier (`(a|aa)+`,
 * `(\w|\d)+`, `(a?a)+`), and passes `(ab)+`, `(?:x|y)*`, `(\d+\.){3}\d+` or `([a-z]+\.)+`. A count above one is
 * checked as a loop: `(a+){10}` or `(.{1,9}){1,9}` are only polynomial, but of a degree that takes as long.
 *
 * Where the model is not exact it errs towards rejecting: character sets are over-approximated (`\p{…}` is any
 * character, case-insensitive sets gain the other case), lookarounds are checked as patterns of their own,
 * a backreference reads as "any text", and a pattern too large to check in a few milliseconds is refused.
 * Polynomial backtracking of low degree (`.*x`, `\w*\w*x`) is not refused: it is slow only on very long records.
 */

/** Why a pattern is refused: the part of its source that repeats ambiguously, or 'too-complex'. */
export type BacktrackingRisk = { kind: 'ambiguous-repeat'; part: string } | { kind: 'too-complex' };

/** Positions (single-character atoms) the check accepts: a 2000-character pattern has at most 2000. */
const MAX_POSITIONS = 3000;
/** Product-automaton nodes the check visits before it gives up and refuses the pattern. */
const MAX_PRODUCT_NODES = 10_000;
/** Edges of the position automaton the check accepts. */
const MAX_EDGES = 10_000;
/** Pairs of edges the check may compare: with the bounds above, the check takes at most a few milliseconds. */
const MAX_EDGE_PAIRS = 300_000;

/** The risk `regex` carries, or undefined when it cannot backtrack exponentially. */
export function findBacktrackingRisk(regex: RegExp): BacktrackingRisk | undefined {
  const flags = { ignoreCase: regex.flags.includes('i'), dotAll: regex.flags.includes('s'), unicode: regex.flags.includes('u') };
  let tree: ParsedPattern;
  try {
    tree = new PatternParser(regex.source, flags).parse();
  } catch (err) {
    if (err instanceof TooComplex) return { kind: 'too-complex' };
    throw err;
  }
  for (const pattern of [tree.main, ...tree.lookarounds]) {
    const risk = checkAutomaton(pattern, regex.source);
    if (risk) return risk;
  }
  return undefined;
}

// ---- Character sets: sorted, disjoint, inclusive [lo, hi] code point ranges ----

type CharSet = readonly number[]; // [lo0, hi0, lo1, hi1, …]

const MAX_CODE_POINT = 0x10ffff;
const ANY: CharSet = [0, MAX_CODE_POINT];
const DIGITS: CharSet = [0x30, 0x39];
const WORD: CharSet = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACES: CharSet = [0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff];
const LINE_TERMINATORS: CharSet = [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029];

function normalise(ranges: number[]): CharSet {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i]!, ranges[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= out[last]! + 1) out[last] = Math.max(out[last]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

function complement(set: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i]! > next) out.push(next, set[i]! - 1);
    next = set[i + 1]! + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i + 1]! < b[j]!) i += 2;
    else if (b[j + 1]! < a[i]!) j += 2;
    else return true;
  }
  return false;
}

/** Adds the other case of every character a case-insensitive match may pair with (over-approximated). */
function withOtherCase(set: CharSet): CharSet {
  const extra: number[] = [];
  for (let i = 0; i < set.length; i += 2) {
    const lo = set[i]!;
    const hi = set[i + 1]!;
    if (hi - lo > 512) return ANY; // a wide range: any character may fold into it
    for (let c = lo; c <= hi; c++) {
      for (const other of [String.fromCodePoint(c).toLowerCase(), String.fromCodePoint(c).toUpperCase()]) {
        for (const ch of other) extra.push(ch.codePointAt(0)!, ch.codePointAt(0)!);
      }
      // Unicode case folding pairs K (Kelvin) with k and ſ (long s) with s.
      if (c === 0x6b || c === 0x4b) extra.push(0x212a, 0x212a);
      if (c === 0x73 || c === 0x53) extra.push(0x17f, 0x17f);
    }
  }
  return normalise([...set, ...extra]);
}

// ---- The pattern as a tree ----

type Node =
  | { kind: 'atom'; set: CharSet }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; branches: Node[] }
  | { kind: 'repeat'; body: Node; min: number; max: number; start: number; end: number };

interface ParsedPattern {
  main: Node;
  /** Bodies of lookarounds: in the main automaton they match nothing, so each is checked on its own. */
  lookarounds: Node[];
}

class TooComplex extends Error {}

const EMPTY: Node = { kind: 'seq', items: [] };

/** A reader for the syntax `new RegExp` has already accepted, so it need not report errors. */
class PatternParser {
  private pos = 0;
  private readonly lookarounds: Node[] = [];

  constructor(private readonly source: string, private readonly flags: { ignoreCase: boolean; dotAll: boolean; unicode: boolean }) {}

  parse(): ParsedPattern {
    const main = this.alternation();
    return { main, lookarounds: this.lookarounds };
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.source[this.pos] === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alt', branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.source.length && this.source[this.pos] !== '|' && this.source[this.pos] !== ')') {
      const start = this.pos;
      const atom = this.atom();
      items.push(this.quantified(atom, start));
    }
    return { kind: 'seq', items };
  }

  private quantified(atom: Node, start: number): Node {
    const s = this.source;
    let min: number;
    let max: number;
    const c = s[this.pos];
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.pos));
      if (!m) return atom; // a literal "{" (outside u mode)
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.pos += m[0].length - 1;
    } else return atom;
    this.pos++;
    if (s[this.pos] === '?') this.pos++; // lazy: the same ways to match, tried in another order
    return { kind: 'repeat', body: atom, min, max, start, end: this.pos };
  }

  private atom(): Node {
    const s = this.source;
    const c = s[this.pos]!;
    switch (c) {
      case '^': case '$':
        this.pos++;
        return EMPTY;
      case '.':
        this.pos++;
        return this.charAtom(this.flags.dotAll ? ANY : complement(LINE_TERMINATORS), false);
      case '(': return this.group();
      case '[': return this.charAtom(this.charClass(), true);
      case '\\': return this.escapeAtom();
      default: {
        const cp = this.flags.unicode ? s.codePointAt(this.pos)! : s.charCodeAt(this.pos);
        this.pos += cp > 0xffff ? 2 : 1;
        return this.charAtom([cp, cp], true);
      }
    }
  }

  private charAtom(set: CharSet, foldsCase: boolean): Node {
    return { kind: 'atom', set: foldsCase && this.flags.ignoreCase ? withOtherCase(set) : set };
  }

  private group(): Node {
    const s = this.source;
    this.pos++; // (
    let lookaround = false;
    if (s[this.pos] === '?') {
      const m = /^\?(?:<[=!]|[=!]|<[^>]*>|[a-zA-Z-]*:)/.exec(s.slice(this.pos));
      const head = m ? m[0] : '?';
      lookaround = /^\?<?[=!]$/.test(head);
      this.pos += head.length;
    }
    const body = this.alternation();
    this.pos++; // )
    if (!lookaround) return body;
    this.lookarounds.push(body);
    return EMPTY;
  }

  private escapeAtom(): Node {
    const s = this.source;
    const next = s[this.pos + 1]!;
    if (next === 'b' || next === 'B') {
      this.pos += 2;
      return EMPTY;
    }
    // A backreference matches text some group matched: model it as any text.
    const backreference = /^\\(?:[1-9]\d*|k<[^>]*>)/.exec(s.slice(this.pos));
    if (backreference) {
      this.pos += backreference[0].length;
      return { kind: 'repeat', body: { kind: 'atom', set: ANY }, min: 0, max: Infinity, start: this.pos, end: this.pos };
    }
    const { set, foldsCase } = this.escapeSet();
    return this.charAtom(set, foldsCase);
  }

  /** The set of the escape at `pos` (after moving past it), for atoms and class members alike. */
  private escapeSet(): { set: CharSet; foldsCase: boolean } {
    const s = this.source;
    const next = s[this.pos + 1]!;
    this.pos += 2;
    const fixed = (cp: number): { set: CharSet; foldsCase: boolean } => ({ set: [cp, cp], foldsCase: true });
    switch (next) {
      case 'd': return { set: DIGITS, foldsCase: false };
      case 'D': return { set: complement(DIGITS), foldsCase: false };
      case 'w': return { set: this.wordSet(), foldsCase: false };
      case 'W': return { set: complement(this.wordSet()), foldsCase: false };
      case 's': return { set: SPACES, foldsCase: false };
      case 'S': return { set: complement(SPACES), foldsCase: false };
      case 'p': case 'P':
        if (s[this.pos] === '{') this.pos = s.indexOf('}', this.pos) + 1;
        return { set: ANY, foldsCase: false };
      case 't': return fixed(0x09);
      case 'n': return fixed(0x0a);
      case 'v': return fixed(0x0b);
      case 'f': return fixed(0x0c);
      case 'r': return fixed(0x0d);
      case '0': return fixed(0);
      case 'c': {
        const letter = s.charCodeAt(this.pos);
        if (/[A-Za-z]/.test(s[this.pos] ?? '')) {
          this.pos++;
          return fixed(letter % 32);
        }
        return fixed(0x5c); // "\c" without a letter is a backslash and a "c" outside u mode: over-approximate
      }
      case 'x': {
        const hex = /^[0-9a-fA-F]{2}/.exec(s.slice(this.pos));
        if (!hex) return fixed(0x78);
        this.pos += 2;
        return fixed(parseInt(hex[0], 16));
      }
      case 'u': {
        const braced = /^\{([0-9a-fA-F]+)\}/.exec(s.slice(this.pos));
        if (braced && this.flags.unicode) {
          this.pos += braced[0].length;
          return fixed(parseInt(braced[1]!, 16));
        }
        const hex = /^[0-9a-fA-F]{4}/.exec(s.slice(this.pos));
        if (!hex) return fixed(0x75);
        this.pos += 4;
        return fixed(parseInt(hex[0], 16));
      }
      default: {
        // Legacy octal escapes and other digits (outside u mode): over-approximate as any character.
        if (/[0-9]/.test(next)) return { set: ANY, foldsCase: false };
        const cp = s.codePointAt(this.pos - 1)!;
        if (cp > 0xffff) this.pos++;
        return fixed(cp);
      }
    }
  }

  private wordSet(): CharSet {
    // With i and u, \w also matches K (Kelvin) and ſ (long s), which fold into k and s.
    return this.flags.ignoreCase && this.flags.unicode ? normalise([...WORD, 0x17f, 0x17f, 0x212a, 0x212a]) : WORD;
  }

  /** A `[…]` class; `pos` moves past it. */
  private charClass(): CharSet {
    const s = this.source;
    this.pos++; // [
    const negated = s[this.pos] === '^';
    if (negated) this.pos++;
    const ranges: number[] = [];
    const member = (): { set: CharSet; single?: number } => {
      if (s[this.pos] === '\\') {
        if (s[this.pos + 1] === 'b') {
          this.pos += 2;
          return { set: [8, 8], single: 8 };
        }
        if (s[this.pos + 1] === '-') {
          this.pos += 2;
          return { set: [0x2d, 0x2d], single: 0x2d };
        }
        const { set } = this.escapeSet();
        return set.length === 2 && set[0] === set[1] ? { set, single: set[0]! } : { set };
      }
      const cp = this.flags.unicode ? s.codePointAt(this.pos)! : s.charCodeAt(this.pos);
      this.pos += cp > 0xffff ? 2 : 1;
      return { set: [cp, cp], single: cp };
    };
    while (this.pos < s.length && s[this.pos] !== ']') {
      const from = member();
      if (s[this.pos] === '-' && s[this.pos + 1] !== ']' && from.single !== undefined) {
        this.pos++;
        const to = member();
        if (to.single !== undefined && to.single >= from.single) {
          ranges.push(from.single, to.single);
          continue;
        }
        ranges.push(...from.set, 0x2d, 0x2d, ...to.set);
        continue;
      }
      ranges.push(...from.set);
    }
    this.pos++; // ]
    let set = normalise(ranges);
    if (this.flags.ignoreCase) set = withOtherCase(set);
    return negated ? complement(set) : set;
  }
}

// ---- The position automaton, each way to reach a position kept as its own edge ----

interface Automaton {
  /** Character set of each position; position 0 is the start state. */
  sets: CharSet[];
  /** Outgoing edges per state: indexes into `targets`. */
  out: number[][];
  targets: number[];
  /** The repeat whose loop made an edge (its source span), or null. */
  loops: ({ start: number; end: number } | null)[];
}

interface Fragment {
  nullable: boolean;
  first: number[];
  last: number[];
}

function buildAutomaton(root: Node): Automaton {
  const a: Automaton = { sets: [[]], out: [[]], targets: [], loops: [] };
  const edge = (from: number, to: number, loop: { start: number; end: number } | null): void => {
    if (a.targets.length >= MAX_EDGES) throw new TooComplex();
    a.out[from]!.push(a.targets.length);
    a.targets.push(to);
    a.loops.push(loop);
  };
  const link = (from: readonly number[], to: readonly number[], loop: { start: number; end: number } | null): void => {
    for (const f of from) for (const t of to) edge(f, t, loop);
  };
  const concat = (x: Fragment, y: Fragment): Fragment => {
    link(x.last, y.first, null);
    return {
      nullable: x.nullable && y.nullable,
      first: x.nullable ? [...x.first, ...y.first] : x.first,
      last: y.nullable ? [...x.last, ...y.last] : y.last,
    };
  };
  const build = (node: Node): Fragment => {
    switch (node.kind) {
      case 'atom': {
        if (a.sets.length > MAX_POSITIONS) throw new TooComplex();
        const p = a.sets.length;
        a.sets.push(node.set);
        a.out.push([]);
        return { nullable: false, first: [p], last: [p] };
      }
      case 'seq': return node.items.reduce<Fragment>((acc, item) => concat(acc, build(item)), { nullable: true, first: [], last: [] });
      case 'alt': {
        const parts = node.branches.map(build);
        return { nullable: parts.some((p) => p.nullable), first: parts.flatMap((p) => p.first), last: parts.flatMap((p) => p.last) };
      }
      case 'repeat': {
        if (node.max <= 1) {
          const f = node.max === 0 ? { nullable: true, first: [], last: [] } : build(node.body);
          return node.min === 0 ? { ...f, nullable: true } : f;
        }
        // Any count above one is checked as a loop: X{2,9} can split a text among its copies in as many ways as X+
        // splits it among iterations ((.{1,9}){1,9} or (a+){10} take as long as (a+)+ on a few dozen characters).
        const f = build(node.body);
        link(f.last, f.first, { start: node.start, end: node.end });
        return node.min === 0 ? { ...f, nullable: true } : f;
      }
    }
  };
  const root_ = build(root);
  link([0], root_.first, null);
  return a;
}

/**
 * Exponential ambiguity in the product of the automaton with itself. Product nodes are pairs of states and pairs of
 * edges; two copies step together on a character both edges' target sets hold. A strongly connected component with a
 * pair (p, p) and a pair of different edges means two different cycles through p that read the same text.
 */
function checkAutomaton(root: Node, source: string): BacktrackingRisk | undefined {
  try {
    return findAmbiguity(buildAutomaton(root), source);
  } catch (err) {
    if (err instanceof TooComplex) return { kind: 'too-complex' };
    throw err;
  }
}

function findAmbiguity(a: Automaton, source: string): BacktrackingRisk | undefined {
  const states = a.sets.length;
  const edges = a.targets.length;
  // Node ids: state pair (p, q) → p * states + q; edge pair (e, f) → states² + e * edges + f.
  const stateBase = states * states;
  let pairsLeft = MAX_EDGE_PAIRS;
  const successors = (node: number): number[] => {
    const out: number[] = [];
    if (node < stateBase) {
      const p = Math.floor(node / states);
      const q = node % states;
      pairsLeft -= a.out[p]!.length * a.out[q]!.length;
      if (pairsLeft < 0) throw new TooComplex();
      for (const e of a.out[p]!) {
        for (const f of a.out[q]!) {
          if (intersects(a.sets[a.targets[e]!]!, a.sets[a.targets[f]!]!)) out.push(stateBase + e * edges + f);
        }
      }
    } else {
      const e = Math.floor((node - stateBase) / edges);
      const f = (node - stateBase) % edges;
      out.push(a.targets[e]! * states + a.targets[f]!);
    }
    return out;
  };
  const isDiagonal = (node: number): boolean => node < stateBase ? Math.floor(node / states) === node % states : Math.floor((node - stateBase) / edges) === (node - stateBase) % edges;
  const isEdgeSplit = (node: number): boolean => node >= stateBase && !isDiagonal(node);

  // Tarjan's strongly connected components, iteratively, from the start pair.
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  let counter = 0;
  const frames: { node: number; next: number[]; i: number }[] = [];
  const open = (node: number): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    frames.push({ node, next: successors(node), i: 0 });
  };
  open(0);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.i < frame.next.length) {
      const w = frame.next[frame.i++]!;
      if (!index.has(w)) {
        if (index.size >= MAX_PRODUCT_NODES) throw new TooComplex();
        open(w);
      } else if (onStack.has(w)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
      continue;
    }
    frames.pop();
    const v = frame.node;
    const parent = frames[frames.length - 1];
    if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(v)!));
    if (low.get(v) !== index.get(v)) continue;
    const component: number[] = [];
    let w: number;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.some(isEdgeSplit) && component.some((n) => n < stateBase && isDiagonal(n))) {
      return { kind: 'ambiguous-repeat', part: ambiguousPart(a, component, stateBase, edges, source) };
    }
  }
  return undefined;
}

/** The widest repeat whose loop takes part in the ambiguity, as written; the whole pattern when none is found. */
function ambiguousPart(a: Automaton, component: number[], stateBase: number, edges: number, source: string): string {
  let widest: { start: number; end: number } | null = null;
  for (const node of component) {
    if (node < stateBase) continue;
    for (const e of [Math.floor((node - stateBase) / edges), (node - stateBase) % edges]) {
      const loop = a.loops[e];
      if (loop && (widest === null || loop.end - loop.start > widest.end - widest.start)) widest = loop;
    }
  }
  return widest && widest.end > widest.start ? source.slice(widest.start, widest.end) : source;
}
