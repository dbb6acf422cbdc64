/** First wait after a failed poll. */
export const POLL_BACKOFF_INITIAL_MS = 1000;
/** Longest wait between failed polls. */
export const POLL_BACKOFF_MAX_MS = 30_000;

/**
 * Wait before the next poll after `failures` failed polls in a row (from 1): 1 s doubling to 30 s, with ±20 % jitter
 * so that many clients dropped by one outage do not return in step. `random` is injectable for tests.
 */
export function pollBackoff(failures: number, random: () => number = Math.random): number {
  const grown = Math.min(POLL_BACKOFF_INITIAL_MS * 2 ** Math.max(0, failures - 1), POLL_BACKOFF_MAX_MS);
  const jittered = grown * (1 + 0.2 * (random() * 2 - 1));
  return Math.round(Math.min(jittered, POLL_BACKOFF_MAX_MS));
}
