/** Seconds averaged over when fewer than one event a second arrives. */
const SPARSE_WINDOW_S = 10;
/** The rate now is measured over the events of this many recent milliseconds. */
const RATE_WINDOW_MS = 2000;
/** Timestamps kept for the rate now; a faster stream is measured by counting (see `snapshot`). */
const RECENT_CAP = 4096;

/**
 * Counts events per whole second over the last minute, for a sparkline, and measures the rate now from the recent
 * events' own timestamps. Buckets are keyed by the second of the meter's clock (wall-clock time for a live stream,
 * capture time for a replay), so a quiet minute reads as zeros without any timer.
 */
export class RateMeter {
  private readonly buckets: Float64Array;
  private lastSecond: number;
  /** The newest event times (a ring), for the rate now. */
  private readonly recent = new Float64Array(RECENT_CAP);
  private recentEnd = 0;
  private recentCount = 0;

  /** `seconds` buckets of history; `now` is injectable so tests need no clock. */
  constructor(private readonly seconds = 60, now = Date.now()) {
    this.buckets = new Float64Array(seconds + 1);
    this.lastSecond = Math.floor(now / 1000);
  }

  /** Forgets every event and starts the clock at `now` (a replay seeking back). */
  reset(now: number): void {
    this.buckets.fill(0);
    this.lastSecond = Math.floor(now / 1000);
    this.recentEnd = this.recentCount = 0;
  }

  /** Counts `n` events at time `t` (ms on the meter's clock). */
  add(t: number, n = 1): void {
    const second = Math.floor(t / 1000);
    this.advance(second);
    if (second <= this.lastSecond - this.buckets.length) return; // older than the window
    this.buckets[this.slot(Math.min(second, this.lastSecond))]! += n;
    for (let i = 0; i < Math.min(n, RECENT_CAP); i++) {
      this.recent[this.recentEnd] = t;
      this.recentEnd = (this.recentEnd + 1) % RECENT_CAP;
      this.recentCount = Math.min(this.recentCount + 1, RECENT_CAP);
    }
  }

  /** Events in each of the last `seconds` whole seconds (oldest first), and the rate now. */
  snapshot(now = Date.now()): { perSecond: number[]; now: number } {
    const current = Math.floor(now / 1000);
    this.advance(current);
    const perSecond: number[] = [];
    for (let s = current - this.seconds; s < current; s++) perSecond.push(this.buckets[this.slot(s)]!);
    // Past RECENT_CAP events in the window, counting is exact enough (±1 in thousands): the last second's count,
    // blended with the current partial second so the readout reacts within a second.
    const fraction = (now % 1000) / 1000;
    const last = perSecond[perSecond.length - 1] ?? 0;
    const partial = this.buckets[this.slot(current)]!;
    let rate = this.recentRate(now) ?? (fraction > 0 ? partial + last * (1 - fraction) : last);
    // A sparse stream (an event every few seconds) would read 0 or 1 by turns: below 1/s, the last 10 s's average.
    if (rate < 1) rate = perSecond.slice(-SPARSE_WINDOW_S).reduce((a, b) => a + b, 0) / SPARSE_WINDOW_S;
    return { perSecond, now: rate < 10 ? Math.round(rate * 10) / 10 : Math.round(rate) };
  }

  /**
   * Events per second from the intervals between the events of the last {@link RATE_WINDOW_MS}: n events span n - 1
   * intervals. Counting the events in a window instead reads 2 or 3 by turns for a feed of exactly 2/s, depending on
   * where the window's edge falls between two events. Silence longer than the usual interval lowers it smoothly.
   */
  private recentRate(now: number): number | undefined {
    let n = 0;
    let first = now;
    let last = -Infinity;
    for (let i = 1; i <= this.recentCount; i++) {
      const t = this.recent[(this.recentEnd - i + RECENT_CAP) % RECENT_CAP]!;
      if (t > now) continue; // ahead of the clock (a replay stepped back): not yet
      if (t <= now - RATE_WINDOW_MS) break;
      n++;
      first = t;
      if (last === -Infinity) last = t;
    }
    if (n === RECENT_CAP) return undefined; // the ring holds less than the window
    if (n < 2 || last <= first) return n / (RATE_WINDOW_MS / 1000);
    const fromIntervals = ((n - 1) * 1000) / (last - first);
    const withSilence = (n * 1000) / (now - first);
    return Math.min(fromIntervals, withSilence);
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
