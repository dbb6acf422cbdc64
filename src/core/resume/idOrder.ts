/**
 * What can be known about the order of a stream's ids. Many servers number events (`7`, `8`, …) or number them behind
 * a fixed prefix (`n7`, `evt-8`); others use opaque ids (UUIDs, hashes), where only "seen before or not" can be told.
 */

/** An id split into a fixed prefix and a trailing integer, or null when it has no trailing digits. */
export interface NumberedId {
  prefix: string;
  n: number;
}

const NUMBERED = /^(.*?)(\d{1,15})$/; // 15 digits stay exact in a double

/** Splits `id` into prefix and number (`evt-12` → `evt-`, 12), or null for an opaque id. */
export function parseNumberedId(id: string): NumberedId | null {
  const m = NUMBERED.exec(id);
  return m ? { prefix: m[1]!, n: Number(m[2]) } : null;
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
