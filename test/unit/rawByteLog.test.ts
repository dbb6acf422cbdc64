import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { RawByteLog } from '../../src/core/http/rawByteLog';

/** A full garbage collection (the flag is set at run time, so mocha needs no --expose-gc). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

describe('RawByteLog: the bounded raw bytes of each attempt', () => {
  it('keeps the newest bytes within the bound, oldest first, with offsets that continue across many drops', () => {
    const log = new RawByteLog({ bytesPerAttempt: 1000 });
    const chunk = (n: number): Uint8Array => new TextEncoder().encode(`data: ${String(n).padStart(5, '0')}\n\n`);
    const size = chunk(0).length;
    // 20 000 chunks: far more than the bound holds, so the front is dropped (and the array compacted) many times.
    for (let n = 0; n < 20_000; n++) assert.equal(log.append(1, chunk(n), n), (n + 1) * size);
    const kept = log.get(1)!;
    assert.equal(kept.received, 20_000 * size);
    assert.equal(kept.chunks.length, Math.floor(1000 / size));
    assert.equal(kept.dropped, kept.received - kept.chunks.length * size);
    kept.chunks.forEach((c, i) => {
      assert.equal(c.offset, kept.dropped + i * size, 'offsets are contiguous from the first retained byte');
      assert.equal(new TextDecoder().decode(c.bytes), `data: ${String(20_000 - kept.chunks.length + i).padStart(5, '0')}\n\n`);
      assert.equal(c.t, 20_000 - kept.chunks.length + i);
    });
  });

  it('a chunk larger than the bound is counted but not kept; attempts beyond the limit are forgotten, oldest first', () => {
    const log = new RawByteLog({ bytesPerAttempt: 10, attempts: 2 });
    log.append(1, new Uint8Array(25));
    assert.deepEqual({ ...log.get(1)!, chunks: log.get(1)!.chunks.length }, { attempt: 1, chunks: 0, received: 25, dropped: 25 });
    log.append(2, new Uint8Array(3));
    log.append(3, new Uint8Array(3));
    assert.deepEqual(log.attempts(), [2, 3]);
    assert.equal(log.get(1), undefined);
  });

  it('does not hold on to the chunks it dropped (the bound is on memory, not only on what get() shows)', async () => {
    // Large chunks, as a fast stream delivers them: each one pushes the previous out of a 100 KiB bound.
    const log = new RawByteLog({ bytesPerAttempt: 100 * 1024 });
    const dropped: Array<WeakRef<Uint8Array>> = [];
    for (let n = 0; n < 200; n++) {
      const chunk = new Uint8Array(64 * 1024);
      dropped.push(new WeakRef(chunk));
      log.append(1, chunk);
    }
    assert.equal(log.get(1)!.chunks.length, 1);
    await new Promise((resolve) => setImmediate(resolve)); // WeakRef targets are kept until the current job ends
    collectGarbage();
    const alive = dropped.slice(0, -1).filter((ref) => ref.deref() !== undefined).length;
    assert.equal(alive, 0, `${alive} dropped chunks of 64 KiB are still referenced by the log`);
  });
});
