import * as assert from 'node:assert/strict';
import { Session } from '../../src/core/session';
import { createStreamServer, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { InspectorController } from '../../src/panel/inspectorController';
import type { HostToWebview } from '../../src/shared/protocol';
import { startRecordedSession } from '../helpers/sessionRecords';

// WHATWG HTML, "Server-sent events": dispatch step 1 sets the last event ID string before the check for empty data,
// so `id: 77` alone in a block sets it; `id:` with nothing resets it to empty (then no Last-Event-ID header is sent);
// an id containing NULL is ignored. Every reconnect (automatic, Disconnect → Reconnect, a revived panel's Reconnect)
// sends that string, and the stats strip shows it.

/** A server whose n-th connection gets `scripts[n]` (and is kept open unless the script ends it). */
async function scriptedServer(scripts: Array<{ body: string; end?: boolean }>): Promise<{ server: StreamServer; sent: Array<string | null> }> {
  const sent: Array<string | null> = [];
  const server = await createStreamServer({
    routes: {
      '/ids': (req, res) => {
        const header = req.headers['last-event-id'];
        sent.push(typeof header === 'string' ? header : null);
        const script = scripts[sent.length - 1] ?? { body: '' };
        writeEventStreamHead(res);
        res.write(`retry: 20\n\n${script.body}`);
        if (script.end) res.end();
      },
    },
  });
  return { server, sent };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function restart(session: Session): Promise<void> {
  session.stop();
  await until(() => session.state === 'closed', 'the session to close');
  session.start();
}

describe('the last event ID string across reconnects (real server on 127.0.0.1)', () => {
  let server: StreamServer | undefined;
  afterEach(async () => { await server?.close(); server = undefined; });

  it('an id-only block sets it, an empty id resets it, an id with NULL is ignored; every reconnect sends it', async () => {
    const scripted = await scriptedServer([
      { body: 'id: 1\ndata: a\n\nid: 77\n\n' },
      { body: 'id:\n\ndata: b\n\n' },
      { body: 'id: 3\n\nid: 4\u00005\n\n', end: true }, // the automatic reconnect follows the end of this response
      { body: 'data: c\n\n' },
    ]);
    server = scripted.server;
    const { sent } = scripted;
    const s = startRecordedSession({ url: `${server.url}/ids`, lastEventId: '5' });
    const posted: HostToWebview[] = [];
    const controller = new InspectorController(s.session, { title: 'ids', method: 'GET', url: `${server.url}/ids`, mode: 'sse', readOnly: false }, {
      post: (m) => { posted.push(m); return Promise.resolve(true); },
      exportCapture: () => {}, copyText: () => {}, openDocument: () => {}, warn: () => {},
    });
    try {
      controller.onMessage({ type: 'ready' });
      await until(() => s.session.getStats().lastEventId === '77', 'the id-only block');
      const shown = (): string | undefined => {
        const last = posted.filter((m) => m.type === 'records/appended').at(-1);
        return last?.type === 'records/appended' ? last.stats.lastEventId : undefined;
      };
      await until(() => shown() === '77', 'the stats strip to be told 77 (no record carries it)');

      await restart(s.session); // toolbar Disconnect → Reconnect
      await until(() => s.records.some((r) => r.kind === 'event' && r.data === 'b'), 'event b');
      assert.equal(s.session.getStats().lastEventId, '', 'an empty id field resets it');
      await until(() => shown() === '', 'the stats strip to show the reset');

      await restart(s.session); // no header now: not the profile's initial "5" again
      await until(() => s.records.some((r) => r.kind === 'event' && r.data === 'c'), 'event c after the automatic reconnect');
      assert.equal(s.session.getStats().lastEventId, '3', 'the id with NULL was ignored');
      assert.deepEqual(sent, ['5', '77', null, '3']);
    } finally {
      controller.dispose();
      s.session.dispose();
    }
  });

  it("a revived panel's Reconnect sends the saved last event ID string, and none when it was reset", async () => {
    const scripted = await scriptedServer([{ body: 'id: 78\n\n' }, { body: '' }]);
    server = scripted.server;
    for (const saved of ['77', '']) {
      const revived = new Session({ url: `${server.url}/ids` }, { maxRecords: 100 });
      revived.restore([], { lastEventId: saved, events: 3 });
      revived.start();
      try {
        await until(() => scripted.sent.length === (saved === '' ? 2 : 1), 'the connection');
        if (saved === '77') await until(() => revived.getStats().lastEventId === '78', 'the id-only block');
      } finally { revived.dispose(); }
    }
    assert.deepEqual(scripted.sent, ['77', null]);
  });
});
