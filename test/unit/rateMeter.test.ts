import * as assert from 'node:assert/strict';
import { RateMeter } from '../../src/core/rateMeter';

const T0 = 1_700_000_000_000; // a whole second

/** Feeds `meter` a steady stream from `from` to `to` (ms) and returns the event times. */
function feed(meter: RateMeter, perSecond: number, from: number, to: number, jitter: (i: number) => number = () => 0): number[] {
  const times: number[] = [];
  for (let i = 0, t = from; t < to; i++, t = from + (i * 1000) / perSecond) times.push(t + jitter(i));
  for (const t of times) meter.add(t);
  return times;
}

describe('RateMeter', () => {
  it('reads exactly 2.0/s for a feed of 2 events a second, wherever the samples fall between events', () => {
    for (const phase of [0, 1, 137, 499, 500, 999]) {
      const meter = new RateMeter(60, T0);
      const times = feed(meter, 2, T0 + phase, T0 + 30_000);
      const seen = new Set<number>();
      // Sampled as the inspector does: right after each event (an update), and in between (the once-a-second tick).
      for (const t of times.filter((x) => x >= T0 + 3000)) {
        for (const after of [0, 1, 33, 250, 499]) {
          const probe = new RateMeter(60, T0);
          for (const u of times) if (u <= t) probe.add(u);
          seen.add(probe.snapshot(t + after).now);
        }
      }
      assert.deepEqual([...seen], [2], `phase ${phase} ms`);
    }
  });

  it('stays at 2.0/s with a few milliseconds of timer jitter, and reads other steady rates exactly', () => {
    const jittered = new RateMeter(60, T0);
    const times = feed(jittered, 2, T0 + 100, T0 + 20_000, (i) => ((i * 7) % 5) - 2);
    for (let k = 10; k < times.length; k++) {
      const probe = new RateMeter(60, T0);
      for (const u of times.slice(0, k + 1)) probe.add(u);
      assert.equal(probe.snapshot(times[k]! + 5).now, 2, `after event ${k}`);
    }
    for (const rate of [1, 5, 10, 50, 1000, 20_000]) {
      const meter = new RateMeter(60, T0);
      const fed = feed(meter, rate, T0, T0 + 5000);
      const now = meter.snapshot(fed.at(-1)!).now;
      // Past 4096 events in the window the meter counts instead: right to one event.
      if (rate < 2000) assert.equal(now, rate, `${rate}/s`);
      else assert.ok(Math.abs(now - rate) <= 1, `${rate}/s read ${now}/s`);
    }
  });

  it('the sparkline counts each whole second, and the rate falls to 0 once the feed stops', () => {
    const meter = new RateMeter(60, T0);
    feed(meter, 2, T0 + 250, T0 + 10_000);
    const { perSecond } = meter.snapshot(T0 + 10_000);
    assert.equal(perSecond.length, 60);
    assert.deepEqual(perSecond.slice(-10), Array(10).fill(2));
    assert.deepEqual(perSecond.slice(0, 50), Array(50).fill(0));
    const later = [12_000, 15_000, 19_000, 20_500].map((ms) => meter.snapshot(T0 + ms).now);
    assert.ok(later[0]! <= 2 && later.every((r, i) => i === 0 || r <= later[i - 1]!), `falls: ${later.join(', ')}`);
    assert.equal(later.at(-1), 0);
  });

  it('a stream slower than one event a second reads its 10 s average', () => {
    const meter = new RateMeter(60, T0);
    feed(meter, 0.5, T0, T0 + 30_000);
    assert.equal(meter.snapshot(T0 + 30_000).now, 0.5);
  });

  it('runs on any clock: events hours old count against a clock of their own time (a replay), and reset starts over', () => {
    const hourAgo = T0 - 3_600_000;
    const meter = new RateMeter(60, hourAgo);
    feed(meter, 4, hourAgo, hourAgo + 5000);
    const snap = meter.snapshot(hourAgo + 5000);
    assert.equal(snap.now, 4);
    assert.deepEqual(snap.perSecond.slice(-5), [4, 4, 4, 4, 4]);
    meter.reset(hourAgo);
    assert.equal(meter.snapshot(hourAgo + 1000).now, 0);
    assert.deepEqual(meter.snapshot(hourAgo + 1000).perSecond, Array(60).fill(0));
  });
});
