import * as assert from 'node:assert/strict';
import { createStreamServer, readBody, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { startRecordedSession } from '../helpers/sessionRecords';

// A request with a body (an LLM prompt) is never re-sent by an automatic reconnect; the final message says what a
// user can set to allow it, and the inspector's Reconnect (Session.start again), which the user asks for, sends it.
describe('a request with a body and reconnection (real server on 127.0.0.1)', () => {
  let server: StreamServer;
  const bodies: string[] = [];
  before(async () => {
    server = await createStreamServer({
      routes: {
        '/llm': (req, res) => {
          void readBody(req).then((body) => {
            bodies.push(body);
            writeEventStreamHead(res);
            res.end('retry: 20\n\ndata: {"delta":"hi"}\n\ndata: [DONE]\n\n');
          });
        },
      },
    });
  });
  after(async () => { await server.close(); });

  it('the final message names reconnect.resendBody and --resend-body, and Reconnect sends the body again', async () => {
    const body = '{"messages":[{"content":"hi"}]}';
    const s = startRecordedSession({ url: `${server.url}/llm`, method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    try {
      const isFinal = (n: number) => (rs: typeof s.records): boolean => rs.filter((r) => r.kind === 'closed' && r.final).length >= n;
      await s.until(isFinal(1));
      const final = s.records.find((r) => r.kind === 'closed' && r.final)!;
      assert.ok(final.kind === 'closed');
      assert.match(final.message, /reconnect\.resendBody/);
      assert.match(final.message, /--resend-body/);
      assert.doesNotMatch(final.message, /resendBodyOnReconnect/, 'not the API option, which no VS Code user can set');
      assert.deepEqual(bodies, [body], 'no automatic reconnect');
      await new Promise((r) => setTimeout(r, 100));
      s.session.start(); // the toolbar's Reconnect
      await s.until(isFinal(2));
      assert.deepEqual(bodies, [body, body], 'Reconnect, which the user asked for, sends the body again');
    } finally { s.session.dispose(); }
  });
});
