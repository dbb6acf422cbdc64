import type { FieldFilter } from './filterSyntax';
import { substringFinder, type JoinedText } from './joinedTextSearch';
import {
  RECORD_INDEXED, slotLength, slotStart, slotTag, TAG_ARRAY, TAG_ASCII_STRING, TAG_FALSE, TAG_NULL, TAG_OBJECT,
  TAG_SMALL_INTEGER, TAG_TRUE,
} from './pathColumns';
import { slotMatches } from './pathSlotMatch';

/**
 * Answers a field filter from the path slots of one chunk's indexed records. Values are read from the chunk's
 * joined text, where record i's data ends at `offsets[i + 1] - 1` (one contiguous string, not a record object and
 * its data per record, scattered over the heap), or, for the open chunk's newest records, from the record's data.
 * A slot that holds its whole value (a small integer, true, false, null, an object for operators other than
 * `contains`) answers alike every time, so it is compared once per distinct slot: a first scan, before V8 has
 * optimised compareField, then costs a map lookup per record.
 */
export class ChunkFieldMatcher {
  private readonly answers = new Map<number, boolean>();
  /** For `contains`: records [containsFrom, …) whose ASCII string value holds the needle (see findContainsHits). */
  private containsHits: Uint8Array | null = null;
  private containsFrom = 0;

  constructor(
    private readonly field: FieldFilter,
    private readonly joined: JoinedText | null,
    private readonly dataAt: (i: number) => string,
  ) {}

  /**
   * For `contains`, finds the needle in the chunk's joined text once (one search per hit, as a substring filter does)
   * and keeps which records [lo, hi) hold it inside their ASCII string value, instead of searching value by value.
   * At most a few searches per record: a hit before the value resumes at the value's start, and one inside or after
   * it decides the record. Records with other values are left to `matches`.
   */
  findContainsHits(lo: number, hi: number, states: Uint8Array, slots: Uint32Array): void {
    if (this.field.op !== 'contains' || this.joined === null) return;
    const find = substringFinder(this.joined, String(this.field.value));
    if (find === null) return;
    const offsets = this.joined.offsets;
    const hits = new Uint8Array(hi - lo);
    const limit = offsets[hi]!;
    let i = lo;
    let from = offsets[lo]!;
    while (i < hi) {
      const hit = find(from);
      if (hit === null || hit.at >= limit) break;
      while (offsets[i + 1]! <= hit.at) i++;
      const slot = states[i] === RECORD_INDEXED ? slots[i]! : 0;
      if (slot !== 0 && slotTag(slot) === TAG_ASCII_STRING) {
        const start = slotStart(slot, offsets[i + 1]! - 1);
        if (hit.at < start) {
          from = start;
          continue;
        }
        if (hit.at + hit.length <= start + slotLength(slot)) hits[i - lo] = 1;
      }
      i++;
      if (i < hi) from = offsets[i]!;
    }
    this.containsHits = hits;
    this.containsFrom = lo;
  }

  /** True when record i, whose slot at the filter's path is `slot` (not 0), passes the filter. */
  matches(i: number, slot: number): boolean {
    if (this.containsHits !== null && slotTag(slot) === TAG_ASCII_STRING) return this.containsHits[i - this.containsFrom] === 1;
    if (holdsWholeValue(slotTag(slot))) {
      let answer = this.answers.get(slot);
      if (answer === undefined) {
        answer = slotMatches('', 0, slot, this.field);
        // Few distinct values (flags, kinds, small ids) are worth remembering; a counter or a timestamp is not.
        if (this.answers.size < MAX_REMEMBERED_ANSWERS) this.answers.set(slot, answer);
      }
      return answer;
    }
    if (this.joined === null) {
      const data = this.dataAt(i);
      return slotMatches(data, data.length, slot, this.field);
    }
    return slotMatches(this.joined.text, this.joined.offsets[i + 1]! - 1, slot, this.field);
  }
}

/** Distinct whole-value slots whose answers a chunk's matcher remembers. */
const MAX_REMEMBERED_ANSWERS = 256;

function holdsWholeValue(tag: number): boolean {
  return tag === TAG_SMALL_INTEGER || tag === TAG_TRUE || tag === TAG_FALSE || tag === TAG_NULL || tag === TAG_OBJECT || tag === TAG_ARRAY;
}
