import * as assert from 'node:assert/strict';
import { startDemoServer } from '../../src/core/server/demoFeeds';
import type { StreamServer } from '../../src/core/server/streamServer';
import { connectAndCollect, eventsOf } from '../helpers/collect';

describe('demo feeds through the SSE transport (real sockets on 127.0.0.1)', () => {
  let server: StreamServer;
  before(async () => { server = await startDemoServer({ timing: { speed: 20 } }); });
  after(async () => { await server.close(); });

  it('ticker: events with ids and several types', async () => {
    const c = connectAndCollect({ url: `${server.url}/ticker` });
    try {
      const records = await c.until((rs) => eventsOf(rs).length >= 10);
      const events = eventsOf(records);
      assert.deepEqual(events.slice(0, 3).map((e) => e.id), ['1', '2', '3']);
      assert.ok(new Set(events.map((e) => e.type)).size >= 2, 'several event types');
      assert.equal(records[0]!.kind, 'connecting');
      assert.equal(records[1]!.kind, 'open');
    } finally { c.handle.close(); }
  });

  it('resumable: reconnects after the server retry with Last-Event-ID and resumes exactly', async () => {
    const c = connectAndCollect({ url: `${server.url}/resumable?dropEvery=3` });
    try {
      const records = await c.until((rs) => eventsOf(rs).length >= 7);
      const ids = eventsOf(records).map((e) => Number(e.id));
      assert.deepEqual(ids.slice(0, 7), [1, 2, 3, 4, 5, 6, 7]);
      const second = records.filter((r) => r.kind === 'connecting')[1];
      assert.ok(second && second.kind === 'connecting');
      assert.equal(second.lastEventIdSent, '3');
      assert.equal(second.headers?.['Last-Event-ID'], '3');
      const reconnect = records.find((r) => r.kind === 'reconnect');
      assert.ok(reconnect && reconnect.kind === 'reconnect');
      assert.equal(reconnect.delay, 50, 'waits the retry: the server sent');
    } finally { c.handle.close(); }
  });

  it('llm: POST with a JSON body streams deltas and [DONE], and is not re-sent', async () => {
    const c = connectAndCollect({ url: `${server.url}/llm`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ messages: [{ content: 'hi' }] }) });
    const end = await c.handle.done;
    assert.equal(end.reason, 'body-not-resent');
    const events = eventsOf(c.records);
    assert.equal(events.at(-1)?.data, '[DONE]');
    assert.ok(events.length > 5);
    assert.equal(c.records.filter((r) => r.kind === 'connecting').length, 1);
  });

  it('heartbeat: comments and a retry field are their own records', async () => {
    const c = connectAndCollect({ url: `${server.url}/heartbeat` });
    try {
      const records = await c.until((rs) => rs.filter((r) => r.kind === 'comment').length >= 3);
      assert.ok(records.some((r) => r.kind === 'retry' && r.ms === 5000));
      assert.ok(records.some((r) => r.kind === 'comment' && r.text === ' heartbeat'));
    } finally { c.handle.close(); }
  });

  it('a non-SSE answer fails the connection with status, content type and body, and no retry', async () => {
    const c = connectAndCollect({ url: `${server.url}/llm` });
    const end = await c.handle.done;
    assert.equal(end.ok, false);
    const error = c.records.find((r) => r.kind === 'error');
    assert.ok(error && error.kind === 'error');
    assert.equal(error.status, 405);
    assert.match(error.message, /405/);
    assert.match(error.message, /application\/json/);
    assert.match(error.bodyPreview ?? '', /POST a JSON body/);
    assert.equal(c.records.filter((r) => r.kind === 'connecting').length, 1);
  });
});
