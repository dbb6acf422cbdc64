/**
 * What can be known about the order of a stream's ids. Many servers number events (`7`, `8`, …) or number them behind
 * a fixed prefix (`n7`, `evt-8`); others use opaque ids (UUIDs, hashes), where only "seen before or not" can be told.
 */

/** An id split into a fixed prefix and a trailing integer, or null when it has no trailing digits. */
export interface NumberedId {
  prefix: string;
  n: number;
}

const MAX_DIGITS = 15; // 15 digits stay exact in a double
const ZERO = 48;
const NINE = 57;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * Splits `id` into prefix and number (`evt-12` → `evt-`, 12), or null for an opaque id: the last 1–15 digits are the
 * number. Same result as matching /^(.*?)(\d{1,15})$/, as a scan: this runs for every event with an id, and the regex
 * cost as much as the rest of the resumption check.
 */
export function parseNumberedId(id: string): NumberedId | null {
  let start = id.length;
  while (start > 0 && id.length - start < MAX_DIGITS) {
    const code = id.charCodeAt(start - 1);
    if (code < ZERO || code > NINE) break;
    start--;
  }
  if (start === id.length) return null;
  const prefix = id.slice(0, start);
  if (prefix !== '' && LINE_TERMINATOR.test(prefix)) return null; // `.` in that regex matches no line terminator
  return { prefix, n: Number(id.slice(start)) };
}

/** The id `steps` after `base` in the same numbering (`evt-12`, 2 → `evt-14`). */
export function numberedId(base: NumberedId, steps: number): string {
  return `${base.prefix}${base.n + steps}`;
}

/**
 * Learns from consecutive ids within one connection whether a stream numbers its events one by one. Steps across a
 * reconnect are not counted: they are what is being judged.
 */
export class IdOrderLearner {
  private plusOne = 0;
  private otherUp = 0;
  private down = 0;

  /** Observes the step from `previous` to `next`, two ids received one after the other on one connection. */
  observe(previous: NumberedId | null, next: NumberedId | null): void {
    if (!previous || !next || previous.prefix !== next.prefix) return;
    const step = next.n - previous.n;
    if (step === 1) this.plusOne++;
    else if (step > 1) this.otherUp++;
    else this.down++;
  }

  /**
   * `consecutive` when nearly every step seen was +1 (a lost event within a connection does not change that),
   * `increasing` when ids only grew, `unknown` otherwise or without evidence.
   */
  get order(): 'consecutive' | 'increasing' | 'unknown' {
    const total = this.plusOne + this.otherUp + this.down;
    if (total === 0 || this.down > 0) return 'unknown';
    return this.plusOne / total >= 0.9 ? 'consecutive' : 'increasing';
  }
}
