import * as assert from 'node:assert/strict';
import type { LifecycleRecord } from '../../src/core/records';
import { createStreamServer, writeEventStreamHead, formatEvent, type StreamServer } from '../../src/core/server/streamServer';
import { connectAndCollect, eventsOf } from '../helpers/collect';

// Node refuses header values with control characters (NUL, CR, LF) by throwing from http.request. A value the server
// chose (a long-poll item id becomes the next cursor / Last-Event-ID) or the user typed must become an error record,
// never an exception that kills the process.
describe('header values Node cannot send', function () {
  this.timeout(30_000);
  let server: StreamServer | undefined;
  afterEach(async () => { await server?.close(); server = undefined; });

  it('long polling: an item id with U+0000 from the server gives an error record on the next poll, not a crash', async () => {
    let polls = 0;
    server = await createStreamServer({
      routes: {
        '/poll': (_req, res) => {
          polls++;
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify([{ id: 'a\u0000b', n: 1 }]));
        },
      },
    });
    const c = connectAndCollect({ url: `${server.url}/poll`, mode: 'long-poll' });
    try {
      const records = await c.until((rs) => rs.some((r) => r.kind === 'error'), 15_000);
      assert.equal(eventsOf(records).length, 1, 'the event before the error stays');
      const error = records.find((r) => r.kind === 'error') as LifecycleRecord;
      assert.match(error.message, /Last-Event-ID|header/i, error.message);
      assert.equal(polls, 1);
    } finally {
      c.handle.close();
      await c.handle.done;
    }
  });

  it('SSE: an initial Last-Event-ID with a line feed gives an error record, not a crash', async () => {
    server = await createStreamServer({
      routes: { '/sse': (_req, res) => { writeEventStreamHead(res); res.end(formatEvent({ data: 'x' })); } },
    });
    const c = connectAndCollect({ url: `${server.url}/sse`, lastEventId: 'a\nb', reconnect: false });
    const end = await c.handle.done;
    assert.equal(end.ok, false);
    const error = c.records.find((r) => r.kind === 'error') as LifecycleRecord | undefined;
    assert.ok(error, JSON.stringify(c.records));
    assert.match(error.message, /Last-Event-ID/, error.message);
  });
});
