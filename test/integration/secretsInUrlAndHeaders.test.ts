import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { createStreamServer, formatEvent, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { sessionCaptureText } from '../../src/core/sessionCapture';
import { InspectorController } from '../../src/panel/inspectorController';
import { sessionFromSavedState } from '../../src/panel/restoreSession';
import { liveSessionInfo } from '../../src/panel/sessionInfo';
import type { HostToWebview } from '../../src/shared/protocol';
import { runCli } from '../helpers/runCli';
import { startRecordedSession } from '../helpers/sessionRecords';

// Credentials in a header the old list did not know (X-Auth-Token), in the query string (EventSource cannot send
// headers, so tokens ride there) and in the URL's userinfo: the server gets every one, and nothing that leaves the
// process shows any — not the records, not what the webview is sent or saves, not a capture, not the CLI's output.
const HEADER_SECRET = 'hdr-Secret-7f3a';
const QUERY_SECRET = 'qry-Secret-91bc';
const KEY_SECRET = 'key-Secret-44d0';
const PASSWORD = 'pw-Secret-0e2d';
const SECRETS = [HEADER_SECRET, QUERY_SECRET, KEY_SECRET, PASSWORD];

function assertNoSecret(text: string, where: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${where} shows ${secret}:\n${text.slice(0, 2000)}`);
}

describe('secrets in headers, the query string and the userinfo never leave the process', function () {
  this.timeout(30_000);
  let server: StreamServer;
  let received: Array<{ url: string; headers: http.IncomingHttpHeaders }>;
  let dir: string;
  let url: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-redact-it-'));
    server = await createStreamServer({
      routes: {
        // A redirect that carries the query on, as a relative Location: the hop record and the 307's headers show it.
        '/hop': (req, res) => {
          res.writeHead(307, { Location: `/sse${req.url!.slice(req.url!.indexOf('?'))}` });
          res.end();
        },
        '/sse': (req, res) => {
          received.push({ url: req.url!, headers: req.headers });
          writeEventStreamHead(res);
          res.end(formatEvent({ id: '1', data: 'hello' }) + formatEvent({ id: '2', data: 'world' }));
        },
      },
    });
    url = `${server.url.replace('http://', `http://alice:${PASSWORD}@`)}/hop?access_token=${QUERY_SECRET}&since=5&api_key=${KEY_SECRET}`;
  });
  beforeEach(() => { received = []; });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function assertServerGotEverySecret(): void {
    assert.ok(received.length > 0, 'the server was asked');
    const last = received[received.length - 1]!;
    assert.equal(last.url, `/sse?access_token=${QUERY_SECRET}&since=5&api_key=${KEY_SECRET}`);
    assert.equal(last.headers['x-auth-token'], HEADER_SECRET);
  }

  it('an inspector: records, everything posted to the webview, its saved state and the export', async () => {
    const options = { url, headers: { 'X-Auth-Token': HEADER_SECRET, Accept: 'text/event-stream' }, reconnect: false as const };
    const run = startRecordedSession(options);
    const posted: HostToWebview[] = [];
    const controller = new InspectorController(run.session, liveSessionInfo(options, '127.0.0.1/hop'), {
      post: (m) => { posted.push(m); return Promise.resolve(true); },
      exportCapture: () => {}, copyText: () => {}, openDocument: () => {}, warn: () => {},
    });
    try {
      controller.onMessage({ type: 'ready' });
      await run.until((records) => records.some((r) => r.kind === 'closed' && r.final));
      assertServerGotEverySecret();
      controller.onMessage({ type: 'records/requestWindow', requestId: 1, start: 0, count: 100 });
      for (const r of run.records) controller.onMessage({ type: 'record/requestDetail', requestId: 2 + r.seq, seq: r.seq });
      assert.ok(posted.some((m) => m.type === 'record/detail' && m.record?.kind === 'connecting'), 'the details were sent');

      assertNoSecret(JSON.stringify(run.records), 'the records');
      assertNoSecret(JSON.stringify(posted), 'the messages to the webview');
      assertNoSecret(sessionCaptureText(run.session), 'the exported capture');
      const init = posted.find((m) => m.type === 'init');
      assert.ok(init?.type === 'init');
      assert.equal(init.session.url, `${server.url.replace('http://', 'http://alice:«redacted»@')}/hop?access_token=«redacted»&since=5&api_key=«redacted»`, 'still readable');
      const connecting = run.records.find((r) => r.kind === 'connecting');
      assert.ok(connecting?.kind === 'connecting' && connecting.headers?.['X-Auth-Token'] === '«redacted»');

      // What the webview saves comes back after a reload; its Reconnect asks without the masked credentials.
      const revived = sessionFromSavedState({ version: 1, session: init.session, tail: [], stats: run.session.getStats() }, 100);
      assert.ok(revived, 'the saved state is accepted');
      assert.equal(revived.session.options.url, `${server.url}/hop?since=5`);
      assert.deepEqual(revived.session.options.headers, { Accept: 'text/event-stream' });
      revived.session.dispose();

      // State an older version saved holds the URL in clear: Reconnect still has it, the toolbar shows it masked.
      const older = sessionFromSavedState({ version: 1, session: { ...init.session, url }, tail: [] }, 100);
      assert.ok(older);
      assert.equal(older.session.options.url, url);
      assert.equal(older.info.url, init.session.url);
      older.session.dispose();
    } finally {
      controller.dispose();
      run.session.dispose();
    }
  });

  it('the CLI: its output, its --out capture and its error messages', async () => {
    const out = path.join(dir, 'capture.ndjson');
    const toFile = await runCli(['connect', url, '-H', `X-Auth-Token: ${HEADER_SECRET}`, '--no-reconnect', '--out', out]);
    assert.equal(toFile.code, 0, toFile.stderr);
    assertServerGotEverySecret();
    const capture = fs.readFileSync(out, 'utf8');
    assert.equal(capture.split('\n').filter((line) => line.includes('"kind":"event"')).length, 2, capture);
    assertNoSecret(capture, 'the --out capture');
    assertNoSecret(toFile.stdout + toFile.stderr, 'the CLI output');

    received = [];
    const toStdout = await runCli(['connect', url, '-H', `X-Auth-Token: ${HEADER_SECRET}`, '--no-reconnect']);
    assertServerGotEverySecret();
    assert.match(toStdout.stdout, /"url":"http:\/\/alice:«redacted»@127\.0\.0\.1:\d+\/hop\?access_token=«redacted»&since=5&api_key=«redacted»"/);
    assertNoSecret(toStdout.stdout + toStdout.stderr, 'the CLI output');

    // A refused connection's message names the URL too.
    const refused = await runCli(['connect', `http://127.0.0.1:9/sse?token=${QUERY_SECRET}`, '--no-reconnect']);
    assert.equal(refused.code, 1);
    assertNoSecret(refused.stdout + refused.stderr, 'a failed connection');
  });
});
