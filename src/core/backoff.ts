import { MAX_TIMER_MS } from './options';

/** Longest delay backoff grows to, unless the server's own reconnection time is longer. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * Delay before the next attempt. The first failure waits the reconnection time (the server's `retry:`); each further
 * attempt that ends without an event doubles it, up to a minute, with ±20 % jitter so many clients do not reconnect
 * in step. `random` is injectable for tests.
 */
export function computeBackoff(reconnectionMs: number, failuresWithoutEvent: number, random: () => number = Math.random): number {
  const base = Math.min(reconnectionMs, MAX_TIMER_MS);
  if (failuresWithoutEvent <= 1) return base;
  const grown = Math.min(base * 2 ** (failuresWithoutEvent - 1), Math.max(MAX_BACKOFF_MS, base));
  const jitter = grown * 0.2 * (random() * 2 - 1);
  return Math.min(MAX_TIMER_MS, Math.max(base, Math.round(grown + jitter)));
}
