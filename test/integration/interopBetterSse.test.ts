import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSession } from 'better-sse';
import type { LifecycleRecord } from '../../src/core/records';
import { connectAndCollect, eventsOf } from '../helpers/collect';

/**
 * Interop with an SSE server library none of us wrote (better-sse): what it writes, our transport must read the way
 * a browser's EventSource does, including resumption with Last-Event-ID.
 */
describe('interop: better-sse server', function () {
  this.timeout(20_000);
  let server: http.Server;
  let url: string;
  const lastIdsSeen: string[] = [];

  before(async () => {
    server = http.createServer((req, res) => {
      void (async () => {
        if (lastIdsSeen.length === 2) { res.writeHead(204); res.end(); return; } // two connections, then stop
        const session = await createSession(req, res, { retry: 30, keepAlive: null, serializer: (data) => String(data) });
        lastIdsSeen.push(session.lastId);
        const from = Number(session.lastId || 0);
        for (let n = from + 1; n <= from + 3; n++) session.push(n % 2 ? `line one ${n}\nline two ✓` : `plain ${n}`, n % 2 ? 'multi' : 'message', String(n));
        setTimeout(() => res.end(), 20); // the server ends the stream; the client resumes
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sse`;
  });
  after(async () => { await new Promise<void>((resolve) => server.close(() => resolve())); });

  // Finding: better-sse writes a value with a newline as ONE `data:` line followed by a bare line, so a browser's
  // EventSource keeps only the first line (the bare line is a field with an unknown name, ignored by the spec's
  // "process the field" step). We show exactly what a browser sees.
  it('reads its events (types, ids, retry) like a browser, and resumes with Last-Event-ID', async () => {
    const c = connectAndCollect({ url });
    const end = await c.handle.done;
    assert.equal(end.reason, 'http-204');
    assert.deepEqual(eventsOf(c.records).map((e) => [e.attempt, e.type, e.id, e.data]), [
      [1, 'multi', '1', 'line one 1'], [1, 'message', '2', 'plain 2'], [1, 'multi', '3', 'line one 3'],
      [2, 'message', '4', 'plain 4'], [2, 'multi', '5', 'line one 5'], [2, 'message', '6', 'plain 6'],
    ]);
    assert.deepEqual(lastIdsSeen, ['', '3'], 'the library saw our Last-Event-ID');
    const retry = c.records.find((r) => r.kind === 'retry');
    assert.equal(retry && retry.kind === 'retry' && retry.ms, 30);
    const reconnect = c.records.find((r) => r.kind === 'reconnect') as LifecycleRecord;
    assert.equal(reconnect.delay, 30);
    assert.equal(reconnect.lastEventIdSent, '3');
  });
});
