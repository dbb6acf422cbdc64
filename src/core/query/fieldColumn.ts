import type { StreamRecord } from '../records';
import { compareField, resolvePath, type FieldFilter } from './filterSyntax';

/**
 * What one path of a field filter finds in the records of a chunk that the JSON path index cannot answer
 * (RECORD_UNINDEXED: invalid JSON, escaped or repeated keys, data past its bounds; and `contains` on an object or
 * array), read once with JSON.parse and kept, so changing the operator or the value, or scanning again, compares
 * without parsing. Each record is read the first time a scan asks about it.
 */
export class FieldColumn {
  private readonly tags: Uint8Array;
  /** Numbers found, as int32 until a non-int32 one comes (half the memory of doubles for ids and counts). */
  private ints: Int32Array | null = null;
  private doubles: Float64Array | null = null;
  private strings: string[] | null = null;
  private readonly lastKey: string | undefined;

  constructor(private readonly path: readonly (string | number)[], capacity: number) {
    this.tags = new Uint8Array(capacity);
    this.lastKey = [...path].reverse().find((k): k is string => typeof k === 'string');
  }

  /** A key for the path, for a map of columns. */
  static keyOf(path: readonly (string | number)[]): string {
    return JSON.stringify(path);
  }

  /**
   * True when record i passes `field` (whose path is this column's); the same answer as `matchesText`. `recordAt(i)`
   * is undefined for a dropped record.
   */
  matches(i: number, field: FieldFilter, recordAt: (i: number) => StreamRecord | undefined): boolean {
    if (this.tags[i] === UNREAD) {
      const r = recordAt(i);
      this.tags[i] = r === undefined ? NOT_JSON : this.read(i, r);
    }
    if (this.tags[i] === KEY_ABSENT) {
      if (field.op !== '!=') return false; // missing or not JSON: both fail every other operator
      const r = recordAt(i);
      this.tags[i] = r?.kind === 'event' ? this.parse(i, r.data) : NOT_JSON;
    }
    switch (this.tags[i]) {
      case NOT_JSON: return false;
      case MISSING: return compareField(undefined, field);
      case NUMBER: return compareField(this.doubles ? this.doubles[i]! : this.ints![i]!, field);
      case STRING: return compareField(this.strings![i], field);
      case TRUE: return compareField(true, field);
      case FALSE: return compareField(false, field);
      case NULL: return compareField(null, field);
      default: {
        // An object or array: only `contains` looks inside (its JSON text); for the rest any object answers alike.
        if (field.op !== 'contains') return compareField(SOME_OBJECT, field);
        const r = recordAt(i);
        return r !== undefined && r.kind === 'event' && compareField(resolvePath(JSON.parse(r.data), this.path), field);
      }
    }
  }

  /** Keeps a number found at record i. */
  private keepNumber(i: number, n: number): void {
    if (this.doubles === null && (n | 0) === n && !Object.is(n, -0)) {
      (this.ints ??= new Int32Array(this.tags.length))[i] = n;
      return;
    }
    if (this.doubles === null) {
      this.doubles = new Float64Array(this.tags.length);
      if (this.ints) this.doubles.set(this.ints);
      this.ints = null;
    }
    this.doubles[i] = n;
  }

  /** Classifies record i's value at the path, with the same answers as `matchesText`. */
  private read(i: number, r: StreamRecord): number {
    if (r.kind !== 'event') return NOT_JSON;
    const data = r.data;
    const head = data.trimStart()[0];
    if (head !== '{' && head !== '[') return NOT_JSON;
    // Without a backslash every key is written as it reads, so a last key not in the text is missing: unless the
    // data is not JSON at all, which only `!=` tells apart (see matches).
    if (this.lastKey !== undefined && !data.includes('\\') && !data.includes(this.lastKey)) return KEY_ABSENT;
    return this.parse(i, data);
  }

  /** Classifies record i's value at the path by parsing its data. */
  private parse(i: number, data: string): number {
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      return NOT_JSON;
    }
    const found = resolvePath(value, this.path);
    switch (typeof found) {
      case 'undefined': return MISSING;
      case 'number':
        this.keepNumber(i, found);
        return NUMBER;
      case 'string':
        (this.strings ??= new Array<string>(this.tags.length))[i] = found;
        return STRING;
      case 'boolean': return found ? TRUE : FALSE;
      default: return found === null ? NULL : OBJECT;
    }
  }
}

const UNREAD = 0;
/** Not an event, data that does not start like JSON, or JSON that does not parse: no operator passes. */
const NOT_JSON = 1;
/** The path leads nowhere: only `!=` passes. */
const MISSING = 2;
const NUMBER = 3;
const STRING = 4;
const TRUE = 5;
const FALSE = 6;
const NULL = 7;
const OBJECT = 8;
/** The path's last key is nowhere in the data: missing if the data is JSON, else NOT_JSON (parsed when it matters). */
const KEY_ABSENT = 9;
const SOME_OBJECT = Object.freeze({});
