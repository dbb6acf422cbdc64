import { compareField, type FieldFilter } from './filterSyntax';
import {
  slotLength, slotSmallInteger, slotStart, slotTag, TAG_ARRAY, TAG_ASCII_STRING, TAG_ESCAPED_STRING, TAG_FALSE,
  TAG_INTEGER, TAG_NULL, TAG_NUMBER, TAG_OBJECT, TAG_SMALL_INTEGER, TAG_STRING, TAG_TRUE,
} from './pathColumns';

const SOME_OBJECT = Object.freeze({});

/**
 * True when `field` needs more than the slot to answer: `contains` on an object or an array looks at the value's JSON
 * text, re-serialised, so the record must be parsed.
 */
export function slotNeedsParse(slot: number, field: FieldFilter): boolean {
  const tag = slotTag(slot);
  return (tag === TAG_OBJECT || tag === TAG_ARRAY) && field.op === 'contains';
}

/**
 * True when an indexed record whose value at the filter's path has `slot` passes `field`: the same answer as
 * `compareField(resolvePath(JSON.parse(data), field.path), field)`, read in place from `text`, where the record's data
 * ends at `dataEnd` (the data itself, or a chunk's joined text). Strings are compared without being copied where
 * that is exact (== and, for ASCII, contains); everything else goes through `compareField` itself, so the semantics
 * live in one place. Not for a slot that {@link slotNeedsParse}.
 */
export function slotMatches(text: string, dataEnd: number, slot: number, field: FieldFilter): boolean {
  const start = slotStart(slot, dataEnd);
  const length = slotLength(slot);
  switch (slotTag(slot)) {
    case 0: return compareField(undefined, field);
    case TAG_SMALL_INTEGER: return compareField(slotSmallInteger(slot), field);
    case TAG_INTEGER: return compareField(readInteger(text, start, length), field);
    case TAG_NUMBER: return compareField(Number(text.slice(start, start + length)), field);
    case TAG_ASCII_STRING: return plainStringMatches(text, start, length, true, field);
    case TAG_STRING: return plainStringMatches(text, start, length, false, field);
    case TAG_ESCAPED_STRING: return compareField(JSON.parse(text.slice(start - 1, start + length + 1)), field);
    case TAG_TRUE: return compareField(true, field);
    case TAG_FALSE: return compareField(false, field);
    case TAG_NULL: return compareField(null, field);
    case TAG_OBJECT:
    case TAG_ARRAY:
      if (field.op === 'contains') throw new Error('contains on an object or array needs the parsed record');
      return compareField(SOME_OBJECT, field); // every object or array answers the other operators alike
    default: throw new Error(`unknown path slot tag ${slotTag(slot)}`);
  }
}

/** An optional '-' and at most 15 digits (exact as a double); -0 stays -0 as JSON.parse reads it. */
function readInteger(text: string, start: number, length: number): number {
  const negative = text.charCodeAt(start) === 0x2d;
  let n = 0;
  for (let p = negative ? start + 1 : start, end = start + length; p < end; p++) n = n * 10 + text.charCodeAt(p) - 0x30;
  return negative ? -n : n;
}

/** A string without escapes at [start, start + length): == and contains in place, the rest through compareField. */
function plainStringMatches(text: string, start: number, length: number, ascii: boolean, field: FieldFilter): boolean {
  const { op, value } = field;
  if ((op === '==' || op === '!=') && typeof value === 'string') {
    const equal = length === value.length && text.startsWith(value, start);
    return op === '==' ? equal : !equal;
  }
  // compareField lower-cases the string; for ASCII that only maps A–Z, which the search does as it goes.
  if (op === 'contains' && ascii) return containsLowerCased(text, start, length, String(value));
  return compareField(text.slice(start, start + length), field);
}

/** True when the ASCII text at [start, start + length), lower-cased, contains `needle` (already lower-case). */
function containsLowerCased(text: string, start: number, length: number, needle: string): boolean {
  const m = needle.length;
  next: for (let k = start, last = start + length - m; k <= last; k++) {
    for (let j = 0; j < m; j++) {
      let c = text.charCodeAt(k + j);
      if (c >= 0x41 && c <= 0x5a) c += 0x20;
      if (c !== needle.charCodeAt(j)) continue next;
    }
    return true;
  }
  return false;
}
