/**
 * Coalesces many "something changed" signals into at most one call per `intervalMs` (VS Code's postMessage has a
 * fixed cost of milliseconds, so updates go at display rate, never per event).
 */
export class UpdateThrottle {
  private timer: NodeJS.Timeout | undefined;
  private lastRun = 0;

  constructor(private readonly intervalMs: number, private readonly run: () => void) {}

  /** Asks for a run; it happens at once if the last was long enough ago, else at the next slot. */
  request(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.lastRun + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastRun = Date.now();
      this.run();
    }, wait);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
