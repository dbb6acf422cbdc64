/**
 * What the JSON path index knows about a chunk of records: a state per record and, for each path that occurs in the
 * chunk, one packed slot per record locating the value inside the record's own data (no copies of values).
 *
 * A slot is a Uint32: bits 0–3 the value's tag, bits 4–15 its length, bits 16–31 where it starts, counted back from
 * the end of the data. Counted from the end, the same slot finds the value in the record's data string and in the
 * chunk's joined text, where each record's data ends just before the separator: a scan reads that one contiguous
 * string instead of a record object and its string per record, scattered over the heap. 0 means the path is missing
 * in that record. Numbers span their literal; strings span their content between the quotes. A small
 * integer (ids, counts, enums: most of what field filters compare) is kept in the slot itself, in bits 4–31, so
 * comparing it reads no record at all.
 */

/** Not an event, or data that does not start with `{` or `[`: no field filter passes. */
export const RECORD_NOT_JSON = 0;
/** Every path of the record is in the slots: a field filter is answered from them. */
export const RECORD_INDEXED = 1;
/** The index cannot answer exactly (invalid JSON, an escaped key, a bound passed): check the record itself. */
export const RECORD_UNINDEXED = 2;

export const TAG_SMALL_INTEGER = 11; // in the slot: no start and length
export const TAG_INTEGER = 1; // '-'? and at most 15 digits: exact as a double, read without Number()
export const TAG_NUMBER = 2;
export const TAG_ASCII_STRING = 3; // no escape, only ASCII: compared and case-folded in place
export const TAG_STRING = 4; // no escape, some non-ASCII character
export const TAG_ESCAPED_STRING = 5;
export const TAG_TRUE = 6;
export const TAG_FALSE = 7;
export const TAG_NULL = 8;
export const TAG_OBJECT = 9;
export const TAG_ARRAY = 10;

/** Longest data a slot can address (16-bit start). */
export const MAX_DATA_LENGTH = 0xffff;
/** Longest number or string content a slot can hold (12-bit length). */
export const MAX_VALUE_LENGTH = 0xfff;

/** The slot for a value of `tag` that starts `fromEnd` characters before the end of the data and spans `length`. */
export function packSlot(tag: number, fromEnd: number, length: number): number {
  return ((fromEnd << 16) | (length << 4) | tag) >>> 0;
}

/** Largest magnitude of an integer a slot holds itself (28 bits, signed). */
export const MAX_SMALL_INTEGER = 2 ** 27 - 1;

/** The slot holding the integer `n` (within the small-integer range) itself. */
export function packSmallInteger(n: number): number {
  return ((n << 4) | TAG_SMALL_INTEGER) >>> 0;
}

/** The integer a TAG_SMALL_INTEGER slot holds. */
export function slotSmallInteger(slot: number): number {
  return slot >> 4; // an arithmetic shift: the sign comes back
}

/** The tag of a slot (0 for a missing path). */
export function slotTag(slot: number): number {
  return slot & 0xf;
}

/** Where a slot's value starts in a text where the record's data ends at `dataEnd`. */
export function slotStart(slot: number, dataEnd: number): number {
  return dataEnd - (slot >>> 16);
}

/** How long a slot's value is. */
export function slotLength(slot: number): number {
  return (slot >>> 4) & 0xfff;
}

/** The path index's columns for one chunk of `capacity` records. */
export class PathColumns {
  /** One of the RECORD_* states per record. */
  readonly states: Uint8Array;
  /** Slots by path node id; a column exists only for paths that occur in this chunk. */
  private readonly columns: (Uint32Array | undefined)[] = [];

  constructor(private readonly capacity: number) {
    this.states = new Uint8Array(capacity);
  }

  /** The column of `node`, or undefined when no record of the chunk has that path. */
  column(node: number): Uint32Array | undefined {
    return this.columns[node];
  }

  /**
   * Writes record i's slot for `node`. False when the slot was already written: the record holds the same key twice
   * (JSON.parse keeps the last one; the index does not try to).
   */
  write(node: number, i: number, slot: number): boolean {
    let column = this.columns[node];
    if (column === undefined) {
      column = new Uint32Array(this.capacity);
      this.columns[node] = column;
    }
    if (column[i] !== 0) return false;
    column[i] = slot;
    return true;
  }
}
