import type { FieldFilter } from './filterSyntax';
import type { JoinedText } from './joinedTextSearch';
import { slotTag, TAG_ARRAY, TAG_FALSE, TAG_NULL, TAG_OBJECT, TAG_SMALL_INTEGER, TAG_TRUE } from './pathColumns';
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

  constructor(
    private readonly field: FieldFilter,
    private readonly joined: JoinedText | null,
    private readonly dataAt: (i: number) => string,
  ) {}

  /** True when record i, whose slot at the filter's path is `slot` (not 0), passes the filter. */
  matches(i: number, slot: number): boolean {
    if (holdsWholeValue(slotTag(slot))) {
      let answer = this.answers.get(slot);
      if (answer === undefined) {
        answer = slotMatches('', 0, slot, this.field);
        this.answers.set(slot, answer);
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

function holdsWholeValue(tag: number): boolean {
  return tag === TAG_SMALL_INTEGER || tag === TAG_TRUE || tag === TAG_FALSE || tag === TAG_NULL || tag === TAG_OBJECT || tag === TAG_ARRAY;
}
