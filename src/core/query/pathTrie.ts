const QUOTE = 0x22;
/** The node id of the whole value (the empty path). */
export const ROOT_NODE = 0;
/** Distinct paths a trie holds: beyond it, records with new paths are left to the per-record check. */
const MAX_NODES = 256;
/** Highest array index the trie interns (bigger arrays are left to the per-record check). */
const MAX_ARRAY_INDEX = 255;

/**
 * The JSON paths met in a session's records, interned once as small node ids. A path steps through object keys
 * (strings) and array indexes (numbers), kept apart as `resolvePath` keeps them apart: a number only indexes an
 * array, a string only names an own key of an object. Bounded, so a feed of ever-new keys cannot grow it.
 */
export class PathTrie {
  /** Per node: its children's keys and node ids, in first-seen order. */
  private readonly keys: string[][] = [[]];
  private readonly keyNodes: number[][] = [[]];
  /** Per node: node ids of its children by array index. */
  private readonly indexNodes: number[][] = [[]];
  /** Per node: where among its keys the last lookup hit; records of a feed repeat their key order. */
  private readonly lastHit: number[] = [0];
  /** Per node: the length of the key that leads to it (0 for the root and array elements). */
  private readonly keyLengths: number[] = [0];

  /** Paths interned so far (the empty path included). */
  get size(): number {
    return this.keys.length;
  }

  /**
   * The child of `node` whose key `data` spells from `start` up to a closing quote, compared in place; -1 when
   * `node` has no such key yet. Interned keys hold no quote, backslash or control character, so a match is also the
   * whole, valid string token.
   */
  knownKeyChild(node: number, data: string, start: number): number {
    const keys = this.keys[node]!;
    const n = keys.length;
    const from = this.lastHit[node]!;
    for (let k = 0; k < n; k++) {
      const at = from + k < n ? from + k : from + k - n;
      const key = keys[at]!;
      if (data.charCodeAt(start + key.length) === QUOTE && sameChars(data, start, key)) {
        this.lastHit[node] = at + 1 < n ? at + 1 : 0;
        return this.keyNodes[node]![at]!;
      }
    }
    return -1;
  }

  /** The length of the key leading to `node`. */
  keyLength(node: number): number {
    return this.keyLengths[node]!;
  }

  /** Adds the child of `node` under a new key (unescaped, valid JSON string content); -1 when the trie is full. */
  addKeyChild(node: number, key: string): number {
    const child = this.addNode(key.length);
    if (child !== -1) {
      this.keys[node]!.push(key);
      this.keyNodes[node]!.push(child);
    }
    return child;
  }

  /** The child of `node` at array index `index`, added when new. -1 when the trie is full or the index too high. */
  indexChild(node: number, index: number): number {
    const children = this.indexNodes[node]!;
    const known = children[index];
    if (known !== undefined) return known;
    if (index > MAX_ARRAY_INDEX) return -1;
    const child = this.addNode(0);
    if (child !== -1) children[index] = child;
    return child;
  }

  /** The node of a filter's path, or -1 when no record has had it. */
  find(path: readonly (string | number)[]): number {
    let node = ROOT_NODE;
    for (const step of path) {
      const child = typeof step === 'number' ? this.indexNodes[node]![step] : this.keyNodes[node]![this.keys[node]!.indexOf(step)];
      if (child === undefined) return -1;
      node = child;
    }
    return node;
  }

  private addNode(keyLength: number): number {
    if (this.keys.length >= MAX_NODES) return -1;
    this.keyLengths.push(keyLength);
    this.keys.push([]);
    this.keyNodes.push([]);
    this.indexNodes.push([]);
    this.lastHit.push(0);
    return this.keys.length - 1;
  }
}

/** True when `data` spells `key` from `start` (startsWith with a position is a runtime call; this loop is inlined). */
function sameChars(data: string, start: number, key: string): boolean {
  for (let k = 0; k < key.length; k++) if (data.charCodeAt(start + k) !== key.charCodeAt(k)) return false;
  return true;
}
