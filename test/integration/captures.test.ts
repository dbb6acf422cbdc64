import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StreamRecord } from '../../src/core/records';
import { createStreamServer, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { seededRandom } from '../helpers/chunking';
import { connectAndCollect } from '../helpers/collect';

const CAPTURES = path.resolve(__dirname, '../../../test/fixtures/captures');

/** What a record says, without when and where it was received. */
function content(r: StreamRecord): unknown {
  switch (r.kind) {
    case 'event': return ['event', r.type, r.data, r.id, r.lastEventId];
    case 'comment': return ['comment', r.text];
    case 'retry': return ['retry', r.ms];
    case 'discarded': return ['discarded', r.text];
    default: return undefined;
  }
}

/** Ways to serve a body: sizes of successive writes. */
function servings(bytes: Buffer): Array<{ name: string; sizes: number[] }> {
  const fixed = (n: number): number[] => Array.from({ length: Math.ceil(bytes.length / n) }, () => n);
  const random = (seed: number): number[] => {
    const next = seededRandom(seed);
    const sizes: number[] = [];
    for (let total = 0; total < bytes.length;) { const s = 1 + Math.floor(next() * 40); sizes.push(s); total += s; }
    return sizes;
  };
  // A cut inside the first multi-byte character, if any, and between every CR and LF.
  const multiByte = bytes.findIndex((b) => b >= 0xc0);
  return [
    { name: 'whole', sizes: [bytes.length] },
    { name: '1 byte per write', sizes: fixed(1) },
    { name: '7 bytes per write', sizes: fixed(7) },
    { name: '1000 bytes per write', sizes: fixed(1000) },
    ...(multiByte > 0 ? [{ name: 'split inside a multi-byte character', sizes: [multiByte + 1, bytes.length] }] : []),
    { name: 'random splits, seed 1', sizes: random(1) },
    { name: 'random splits, seed 2', sizes: random(2) },
  ];
}

describe('real captures served at several chunkings give the same records as served whole', function () {
  this.timeout(60_000);
  let server: StreamServer;
  const bodies = new Map<string, Buffer>();
  const plans = new Map<number, number[]>();
  const files = fs.readdirSync(CAPTURES).filter((f) => f.endsWith('.sse')).sort();

  before(async () => {
    for (const f of files) bodies.set(f, fs.readFileSync(path.join(CAPTURES, f)));
    server = await createStreamServer({ routes: { '/capture': (_req, res, ctx) => {
      const body = bodies.get(ctx.url.searchParams.get('file')!)!;
      const sizes = plans.get(Number(ctx.url.searchParams.get('plan')))!;
      writeEventStreamHead(res);
      res.socket?.setNoDelay(true);
      let offset = 0;
      let i = 0;
      const next = (): void => {
        if (res.destroyed) return;
        if (offset >= body.length) { res.end(); return; }
        const size = sizes[i++] ?? body.length;
        res.write(body.subarray(offset, offset + size));
        offset += size;
        setImmediate(next); // separate writes, so the client reads them as separate chunks most of the time
      };
      next();
    } } });
  });
  after(async () => { await server.close(); });

  async function recordsOf(file: string, sizes: number[]): Promise<unknown[]> {
    const plan = plans.size + 1;
    plans.set(plan, sizes);
    const c = connectAndCollect({ url: `${server.url}/capture?file=${encodeURIComponent(file)}&plan=${plan}`, reconnect: false });
    await c.handle.done;
    assert.ok(c.records.some((r) => r.kind === 'open'), `the capture was served: ${JSON.stringify(c.records.find((r) => r.kind === 'error'))}`);
    return c.records.map(content).filter((x) => x !== undefined);
  }

  for (const file of files) {
    it(`${file}`, async () => {
      const body = bodies.get(file)!;
      const plan = servings(body);
      const whole = await recordsOf(file, plan[0]!.sizes);
      assert.ok(whole.some((r) => (r as unknown[])[0] === 'event'), 'the capture has events');
      for (const { name, sizes } of plan.slice(1)) assert.deepEqual(await recordsOf(file, sizes), whole, `${file}, ${name}`);
      if (file.startsWith('C03')) {
        // No blank line after the last event: it is never dispatched, and shows as discarded.
        assert.deepEqual(whole.at(-1), ['discarded', 'event: message_stop\ndata: {"type":"message_stop"}']);
        assert.ok(!whole.some((r) => (r as unknown[])[0] === 'event' && (r as unknown[])[1] === 'message_stop'));
      } else {
        assert.equal((whole.at(-1) as unknown[])[0] === 'discarded', false, `${file} ends with a blank line: nothing discarded`);
      }
      if (file.startsWith('C07')) assert.deepEqual(whole[0], ['comment', 'thump']);
    });
  }
});
