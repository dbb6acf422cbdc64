import { decodeJsonString, scanJson, type JsonScalarKind, type JsonVisitor } from './jsonScanner';

/** A JSON value as it was written: numbers and strings keep their source text, objects their key order and repeats. */
export type SourceJsonValue = SourceJsonObject | SourceJsonArray | SourceJsonScalar;

export interface SourceJsonObject {
  readonly kind: 'object';
  readonly entries: SourceJsonEntry[];
}

export interface SourceJsonArray {
  readonly kind: 'array';
  readonly items: SourceJsonValue[];
}

export interface SourceJsonScalar {
  readonly kind: JsonScalarKind;
  /** The token as written: `1.10`, `-0`, `"caf\u00e9"` (with its quotes and escapes), `true`. */
  readonly text: string;
}

export interface SourceJsonEntry {
  /** The key's value (escapes decoded). */
  readonly key: string;
  /** The key as written (quotes included) when it holds an escape; see {@link sourceKeyText}. */
  readonly escapedKeyText?: string;
  readonly value: SourceJsonValue;
  /** Set when the key occurs more than once in its object: which occurrence this is (1-based) of how many. */
  repeat?: { readonly nth: number; readonly of: number };
}

/** JSON text read without losing anything JSON.parse would (see {@link readSourceJson}). */
export interface SourceJson {
  readonly root: SourceJsonValue;
  /** Keys written again in an object they already appear in (JSON.parse keeps only the last value of each). */
  readonly repeatedKeys: number;
}

/**
 * Reads JSON text into a tree that shows exactly what was sent: each number's and string's source text (no rounding of
 * 20-digit ids, `1.10` stays `1.10`, `-0` and `1e3` as written), keys in source order (JSON.parse moves integer-like
 * keys first) and repeated keys kept and marked. Undefined when JSON.parse would reject the text. Iterative: any depth.
 */
export function readSourceJson(text: string): SourceJson | undefined {
  const builder = new TreeBuilder(text);
  return scanJson(text, builder) && builder.root ? { root: builder.root, repeatedKeys: builder.repeatedKeys } : undefined;
}

/** The value of a string scalar (escapes decoded). */
export function sourceStringValue(scalar: SourceJsonScalar): string {
  return decodeJsonString(scalar.text, 0, scalar.text.length, scalar.text.includes('\\'));
}

/** A key as written, with its quotes and escapes. */
export function sourceKeyText(entry: SourceJsonEntry): string {
  return entry.escapedKeyText ?? `"${entry.key}"`;
}

/** Objects with at most this many keys look for repeats pairwise; larger ones use a Map. */
const PAIRWISE_REPEAT_CHECK = 8;

class TreeBuilder implements JsonVisitor {
  root: SourceJsonValue | undefined;
  repeatedKeys = 0;
  private readonly open: Array<SourceJsonObject | SourceJsonArray> = [];
  private pendingKey = '';
  private pendingKeyText: string | undefined;

  constructor(private readonly text: string) {}

  openObject(): void {
    const value: SourceJsonObject = { kind: 'object', entries: [] };
    this.add(value);
    this.open.push(value);
  }

  openArray(): void {
    const value: SourceJsonArray = { kind: 'array', items: [] };
    this.add(value);
    this.open.push(value);
  }

  key(start: number, end: number, escaped: boolean): void {
    // Most keys have no escape: their text is the key in quotes, so only the escaped ones keep their own copy.
    this.pendingKey = decodeJsonString(this.text, start, end, escaped);
    this.pendingKeyText = escaped ? this.text.slice(start, end) : undefined;
  }

  scalar(kind: JsonScalarKind, start: number, end: number): void {
    this.add({ kind, text: this.text.slice(start, end) });
  }

  close(): void {
    const done = this.open.pop();
    if (done?.kind === 'object' && done.entries.length > 1) this.repeatedKeys += markRepeats(done.entries);
  }

  private add(value: SourceJsonValue): void {
    const parent = this.open[this.open.length - 1];
    if (!parent) this.root = value;
    else if (parent.kind === 'array') parent.items.push(value);
    else parent.entries.push(this.pendingKeyText === undefined ? { key: this.pendingKey, value } : { key: this.pendingKey, escapedKeyText: this.pendingKeyText, value });
  }
}

/** Marks the entries whose key occurs more than once; returns how many occurrences are repeats (beyond the first). */
function markRepeats(entries: SourceJsonEntry[]): number {
  if (entries.length <= PAIRWISE_REPEAT_CHECK) {
    // Small objects are most of them: settle the common "no repeat" case without a Map.
    let any = false;
    for (let i = 1; i < entries.length && !any; i++) {
      for (let j = 0; j < i; j++) if (entries[j]!.key === entries[i]!.key) any = true;
    }
    if (!any) return 0;
  }
  const groups = new Map<string, SourceJsonEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.key);
    if (group) group.push(entry);
    else groups.set(entry.key, [entry]);
  }
  let repeats = 0;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    repeats += group.length - 1;
    group.forEach((entry, i) => { entry.repeat = { nth: i + 1, of: group.length }; });
  }
  return repeats;
}
