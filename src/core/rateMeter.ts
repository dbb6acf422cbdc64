/**
 * Counts events per whole second over the last minute, for a rate readout and a sparkline. Buckets are keyed by the
 * wall-clock second, so a quiet minute reads as zeros without any timer.
 */
/** Seconds averaged over when fewer than one event a second arrives. */
const SPARSE_WINDOW_S = 10;

export class RateMeter {
  private readonly buckets: Float64Array;
  private lastSecond: number;

  /** `seconds` buckets of history; `now` is injectable so tests need no clock. */
  constructor(private readonly seconds = 60, now = Date.now()) {
    this.buckets = new Float64Array(seconds + 1);
    this.lastSecond = Math.floor(now / 1000);
  }

  /** Counts `n` events at time `t` (ms since the epoch). */
  add(t: number, n = 1): void {
    const second = Math.floor(t / 1000);
    this.advance(second);
    if (second <= this.lastSecond - this.buckets.length) return; // older than the window
    this.buckets[this.slot(Math.min(second, this.lastSecond))]! += n;
  }

  /** Events in each of the last `seconds` whole seconds (oldest first), and the rate now. */
  snapshot(now = Date.now()): { perSecond: number[]; now: number } {
    const current = Math.floor(now / 1000);
    this.advance(current);
    const perSecond: number[] = [];
    for (let s = current - this.seconds; s < current; s++) perSecond.push(this.buckets[this.slot(s)]!);
    // Blend the last whole second with the current partial one, so the readout reacts within a second.
    const fraction = (now % 1000) / 1000;
    const last = perSecond[perSecond.length - 1] ?? 0;
    const partial = this.buckets[this.slot(current)]!;
    let rate = fraction > 0 ? (partial + last * (1 - fraction)) : last;
    // A sparse stream (an event every few seconds) would read 0 or 1 by turns: below 1/s, the last 10 s's average.
    if (rate < 1) rate = perSecond.slice(-SPARSE_WINDOW_S).reduce((a, b) => a + b, 0) / SPARSE_WINDOW_S;
    return { perSecond, now: rate < 10 ? Math.round(rate * 10) / 10 : Math.round(rate) };
  }

  private advance(second: number): void {
    if (second <= this.lastSecond) return;
    const steps = Math.min(second - this.lastSecond, this.buckets.length);
    for (let i = 1; i <= steps; i++) this.buckets[this.slot(this.lastSecond + i)] = 0;
    this.lastSecond = second;
  }

  private slot(second: number): number {
    const n = this.buckets.length;
    return ((second % n) + n) % n;
  }
}
