import * as assert from 'node:assert/strict';
import type { StreamRecord } from '../../src/core/records';
import { createReplay, replayTimes, type ReplayState } from '../../src/core/replay';

/** Comments at the given capture times (ms). */
function recordsAt(times: number[]): StreamRecord[] {
  return times.map((t, i) => ({ kind: 'comment', seq: i, t: 1_700_000_000_000 + t, attempt: 1, text: `c${i}` }));
}

describe('replay of a capture: timing, speed, pause, step, seek', () => {
  it('delivers every record in order with the original gaps scaled by speed (checked loosely)', async () => {
    const records = recordsAt([0, 100, 300, 600]);
    const arrivals: number[] = [];
    const started = performance.now();
    await new Promise<void>((resolve) => {
      createReplay(records, {
        speed: 2,
        onRecord: (_r, i) => { arrivals[i] = performance.now() - started; },
        onStateChange: (s) => { if (s === 'ended') resolve(); },
      });
    });
    assert.equal(arrivals.length, 4);
    assert.ok(arrivals[0]! < 100, `first at ${arrivals[0]}`);
    // At ×2 the last record is due at 300 ms: never early, and not absurdly late on a loaded machine.
    assert.ok(arrivals[3]! >= 290, `last at ${arrivals[3]}`);
    assert.ok(arrivals[3]! < 3000, `last at ${arrivals[3]}`);
    assert.ok(arrivals[1]! < arrivals[2]! && arrivals[2]! < arrivals[3]!);
  });

  it('step by step from paused, then pause, seek back and play to the end', async () => {
    const records = recordsAt([0, 50, 100, 150, 200]);
    const delivered: number[] = [];
    const seeks: number[] = [];
    const states: ReplayState[] = [];
    let ended!: () => void;
    const done = new Promise<void>((r) => { ended = r; });
    const replay = createReplay(records, {
      paused: true,
      onRecord: (_r, i) => delivered.push(i),
      onSeek: (i) => seeks.push(i),
      onStateChange: (s) => { states.push(s); if (s === 'ended') ended(); },
    });
    assert.equal(replay.state, 'paused');
    replay.step();
    replay.step();
    assert.deepEqual(delivered, [0, 1]);
    assert.equal(replay.position, 2);
    replay.seek(4);
    assert.deepEqual(seeks, [4]);
    assert.equal(replay.state, 'paused');
    replay.seek(1);
    replay.play();
    await done;
    assert.deepEqual(delivered, [0, 1, 1, 2, 3, 4]);
    assert.equal(replay.position, 5);
    assert.deepEqual(states, ['playing', 'ended']);
  });

  it('a pause stops delivery until play; speed changes apply at once', async () => {
    const records = recordsAt([0, 40, 80, 5000]);
    const delivered: number[] = [];
    const replay = createReplay(records, { onRecord: (_r, i) => delivered.push(i) });
    await new Promise((r) => setTimeout(r, 150));
    replay.pause();
    assert.deepEqual(delivered, [0, 1, 2]);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(delivered, [0, 1, 2], 'nothing while paused');
    replay.setSpeed(1000); // the 4.9 s gap now takes ~5 ms
    replay.play();
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(delivered, [0, 1, 2, 3]);
    assert.equal(replay.state, 'ended');
    assert.throws(() => replay.setSpeed(0), /positive/);
  });

  it('long silences can be capped and clock steps backwards count as no wait', () => {
    assert.deepEqual([...replayTimes(recordsAt([0, 10, 5, 60_000]), 1000)], [0, 10, 10, 1010]);
  });
});
