import { Buffer } from 'node:buffer';
import { runsWithinRecords } from './regexOverJoinedText';

/** The character between two records in a chunk's joined text (fields inside a record keep U+0000). */
export const RECORD_SEPARATOR = '\n';

/**
 * A run of records' searchable texts (see `searchableText`) in original case, joined by {@link RECORD_SEPARATOR}.
 * Record i is `text.slice(offsets[i], offsets[i + 1] - 1)`.
 */
export interface JoinedText {
  readonly text: string;
  readonly offsets: Uint32Array;
  /** How a case-insensitive substring search reads this text (see {@link caseFoldOf}). */
  readonly fold: CaseFold;
}

/**
 * - `ascii`: only ASCII characters, where `/needle/i` finds exactly what lower-casing both sides finds (for ASCII,
 *   upper- and lower-case equality agree, and a non-ASCII needle character cannot match an ASCII one under `/i`);
 * - `folded`: the lower-cased text, same length so the offsets hold (the same string when nothing changes case);
 * - `per-record`: lower-casing changes lengths here (İ → i̇), so each record is lower-cased on its own.
 */
export type CaseFold = { readonly kind: 'ascii' } | { readonly kind: 'folded'; readonly text: string } | { readonly kind: 'per-record' };

const ASCII_FOLD: CaseFold = { kind: 'ascii' };
const PER_RECORD_FOLD: CaseFold = { kind: 'per-record' };

/** How to search `text` case-insensitively; costs a lower-casing only for non-ASCII text. */
export function caseFoldOf(text: string): CaseFold {
  // Every code unit above 0x7f takes two or more UTF-8 bytes: equal lengths mean ASCII (6× faster than a regex).
  if (Buffer.byteLength(text, 'utf8') === text.length) return ASCII_FOLD;
  const lower = text.toLowerCase();
  if (lower === text) return { kind: 'folded', text };
  return lower.length === text.length ? { kind: 'folded', text: lower } : PER_RECORD_FOLD;
}

/** A record index i in a chunk, reported in ascending order. */
export type OnRecord = (i: number) => void;

/**
 * Finds `needle` (already lower-case) case-insensitively in a joined text from a position on, as findSubstring does;
 * null when the text must be lower-cased record by record.
 */
export function substringFinder(jt: JoinedText, needle: string): Finder | null {
  const fold = jt.fold;
  if (fold.kind === 'per-record') return null;
  return fold.kind === 'ascii' ? regexFinder(jt.text, literalPattern(needle)) : indexFinder(fold.text, needle);
}

/** Reports each record in [lo, hi) whose lower-cased text contains `needle` (already lower-case). */
export function findSubstring(jt: JoinedText, lo: number, hi: number, needle: string, onRecord: OnRecord): void {
  const fold = jt.fold;
  if (fold.kind === 'per-record') {
    for (let i = lo; i < hi; i++) if (recordText(jt, i).toLowerCase().includes(needle)) onRecord(i);
    return;
  }
  findHits(jt, lo, hi, substringFinder(jt, needle)!, onRecord);
}

/**
 * Reports each record in [lo, hi) for which `matchesRecord(i)` holds, the per-record answer of `regex` (no g or y
 * flag), which matches a record when it matches one of its fields on its own. A regex without context or reach
 * (see runsWithinRecords) runs over the joined text instead: a hit with no U+0000 in it lies inside one field, and
 * there it is a match of that field alone; any other hit (across fields, or empty, maybe between the separators of
 * an absent id) leaves that record to `matchesRecord`.
 */
export function findRegex(jt: JoinedText, lo: number, hi: number, regex: RegExp, matchesRecord: (i: number) => boolean, onRecord: OnRecord): void {
  const runner = joinedRunner(regex);
  if (runner === null) {
    for (let i = lo; i < hi; i++) if (matchesRecord(i)) onRecord(i);
    return;
  }
  const text = jt.text;
  findHits(jt, lo, hi, regexFinder(text, runner), onRecord, (i) => { if (matchesRecord(i)) onRecord(i); }, (at, length) => length > 0 && !hasFieldSeparator(text, at, at + length));
}

/** True when text[from, to) holds U+0000, the separator of a record's fields. */
function hasFieldSeparator(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 0) return true;
  return false;
}

/** The text of record i of a joined text. */
export function recordText(jt: JoinedText, i: number): string {
  return jt.text.slice(jt.offsets[i]!, jt.offsets[i + 1]! - 1);
}

/** Finds the next hit at or after `from`: its start and length, or null. */
export type Finder = (from: number) => { at: number; length: number } | null;

function indexFinder(text: string, needle: string): Finder {
  return (from) => {
    const at = text.indexOf(needle, from);
    return at === -1 ? null : { at, length: needle.length };
  };
}

function regexFinder(text: string, global: RegExp): Finder {
  return (from) => {
    global.lastIndex = from;
    const m = global.exec(text);
    return m === null ? null : { at: m.index, length: m[0].length };
  };
}

/**
 * Walks the hits of `find` over records [lo, hi): a hit wholly inside record i (and `decides` it, when given)
 * reports i and the walk goes on at the next record. Another hit goes to `onStraddle(i)` when given (decide record i
 * another way, then go on at the next record), else the walk goes on one character later (a substring may still
 * occur later in the same record).
 */
function findHits(jt: JoinedText, lo: number, hi: number, find: Finder, onRecord: OnRecord, onStraddle?: OnRecord, decides?: (at: number, length: number) => boolean): void {
  const offsets = jt.offsets;
  const limit = offsets[hi]!;
  let i = lo;
  let from = offsets[lo]!;
  while (i < hi) {
    const hit = find(from);
    if (hit === null || hit.at >= limit) return;
    while (offsets[i + 1]! <= hit.at) i++;
    const recordEnd = offsets[i + 1]! - 1;
    if (hit.at + hit.length <= recordEnd && (decides === undefined || decides(hit.at, hit.length))) {
      onRecord(i);
    } else if (onStraddle) {
      onStraddle(i);
    } else {
      from = hit.at + 1;
      continue;
    }
    i++;
    if (i < hi) from = offsets[i]!;
  }
}

/** The `g` copy of a user's regex for the joined text, or null when it must run record by record. */
function joinedRunner(regex: RegExp): RegExp | null {
  const cached = joinedRunners.get(regex);
  if (cached !== undefined) return cached;
  const runner = runsWithinRecords(regex) ? new RegExp(regex.source, `${regex.flags}g`) : null;
  joinedRunners.set(regex, runner);
  return runner;
}
const joinedRunners = new WeakMap<RegExp, RegExp | null>();

/** `/needle/gi` with the needle's characters taken literally (no `u`: code units match one by one). */
function literalPattern(needle: string): RegExp {
  if (lastLiteral?.needle !== needle) lastLiteral = { needle, regex: new RegExp(needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'gi') };
  return lastLiteral.regex;
}
let lastLiteral: { needle: string; regex: RegExp } | undefined;
