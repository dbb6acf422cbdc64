import * as assert from 'node:assert/strict';
import { createStreamServer, formatEvent, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import type { LifecycleRecord, StreamRecord } from '../../src/core/records';
import { connectAndCollect, eventsOf } from '../helpers/collect';

/** Sends an event with an increasing id every `everyMs`, resuming after the client's Last-Event-ID. */
function tickingRoute(everyMs: number) {
  return (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, ctx: { onClose(fn: () => void): void }) => {
    let n = Number(req.headers['last-event-id'] ?? 0) || 0;
    writeEventStreamHead(res);
    res.write('retry: 50\n\n');
    const timer = setInterval(() => { n++; res.write(formatEvent({ id: String(n), data: `tick ${n} ${'x'.repeat(40)}` })); }, everyMs);
    ctx.onClose(() => clearInterval(timer));
  };
}

const ofAttempt = (records: StreamRecord[], attempt: number) => records.filter((r) => r.attempt === attempt);

describe('connect() handle controls: disconnect and stall', () => {
  let server: StreamServer;
  before(async () => {
    server = await createStreamServer({ routes: { '/tick': tickingRoute(20), '/slow': tickingRoute(150) } });
  });
  after(async () => { await server.close(); });

  it('disconnect({ simulated: true }) drops now, marks the records simulated, and reconnects with Last-Event-ID', async () => {
    const c = connectAndCollect({ url: `${server.url}/tick` });
    try {
      await c.until((rs) => eventsOf(rs).length >= 3);
      c.handle.disconnect({ simulated: true, message: 'test drop' });
      const records = await c.until((rs) => eventsOf(ofAttempt(rs, 2)).length >= 1);
      const error = records.find((r) => r.kind === 'error') as LifecycleRecord;
      assert.equal(error.simulated, true);
      assert.equal(error.reason, 'simulated-disconnect');
      assert.equal(error.message, 'test drop');
      const reconnect = records.find((r) => r.kind === 'reconnect') as LifecycleRecord;
      assert.equal(reconnect.simulated, true);
      const lastBefore = eventsOf(ofAttempt(records, 1)).at(-1)!;
      const second = records.find((r) => r.kind === 'connecting' && r.attempt === 2) as LifecycleRecord;
      assert.equal(second.lastEventIdSent, lastBefore.lastEventId);
      assert.equal(eventsOf(ofAttempt(records, 2))[0]!.id, String(Number(lastBefore.lastEventId) + 1));
    } finally { c.handle.close(); }
  });

  it('disconnect({ midEvent: true }) cuts inside the next event: never dispatched, shown as discarded', async () => {
    const c = connectAndCollect({ url: `${server.url}/slow` });
    try {
      await c.until((rs) => eventsOf(rs).length >= 1);
      const eventsBefore = eventsOf(c.records).length;
      c.handle.disconnect({ midEvent: true });
      const records = await c.until((rs) => eventsOf(ofAttempt(rs, 2)).length >= 1);
      const first = ofAttempt(records, 1);
      assert.equal(eventsOf(first).length, eventsBefore, 'no event of attempt 1 is dispatched after the cut was armed');
      const discarded = first.find((r) => r.kind === 'discarded');
      assert.ok(discarded && discarded.kind === 'discarded', 'the partial event is a discarded record');
      const nextId = String(eventsBefore + 1);
      assert.ok(`id: ${nextId}\ndata: tick ${nextId}`.startsWith(discarded.text) || discarded.text.startsWith(`id: ${nextId}`),
        `discarded text ${JSON.stringify(discarded.text)} is the start of event ${nextId}`);
      const error = first.find((r) => r.kind === 'error') as LifecycleRecord;
      assert.equal(error.simulated, true);
      assert.deepEqual(error.details, { midEvent: true });
      assert.ok(first.indexOf(discarded) < first.indexOf(error));
      // The server resumes after the last dispatched id, so the cut event is delivered whole on the next attempt.
      assert.equal(eventsOf(ofAttempt(records, 2))[0]!.id, nextId);
    } finally { c.handle.close(); }
  });

  it('stall(ms) stops reading for that long, then the buffered events arrive', async () => {
    const c = connectAndCollect({ url: `${server.url}/tick` });
    try {
      await c.until((rs) => eventsOf(rs).length >= 2);
      const stalledAt = Date.now();
      c.handle.stall(500);
      const count = eventsOf(c.records).length;
      const records = await c.until((rs) => eventsOf(rs).length >= count + 3);
      const after = eventsOf(records).slice(count);
      assert.ok(after[0]!.t - stalledAt >= 400, `first event after the stall came ${after[0]!.t - stalledAt} ms later`);
      assert.ok(records.every((r) => r.kind !== 'error'), 'a stall alone does not drop the connection');
    } finally { c.handle.close(); }
  });
});
