import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { captureLines } from '../helpers/cliEnv';
import { CLI, runCli } from '../helpers/runCli';

/**
 * What the CLI says when a run ends or fails: an HTTP error's body once and readable, why it stopped (a limit or the
 * user), a first connection with --last-event-id counted as a resumed start (not a reconnect), and what a dropped
 * connection was (the server closing it, mid-event or not, or a network error with its code).
 */
describe('CLI: how a run ends, in its records and on stderr', () => {
  const ERROR_BODY = '{"error":"method_not_allowed","message":"use POST"}';
  let server: http.Server;
  let base: string;

  before(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const sse = (): void => { res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' }); };
      switch (url.pathname) {
        case '/405':
          res.writeHead(405, { 'Content-Type': 'application/json' });
          res.end(ERROR_BODY);
          return;
        case '/numbered': {
          // Resumes after the Last-Event-ID it is sent; with ?drop=N it closes the connection after N events.
          const drop = Number(url.searchParams.get('drop') ?? 0);
          let n = Number.parseInt(String(req.headers['last-event-id'] ?? '0'), 10) || 0;
          let sent = 0;
          sse();
          res.write('retry: 20\n\n');
          const timer = setInterval(() => {
            n++;
            sent++;
            const block = `id: ${n}\ndata: event ${n}\n\n`;
            if (drop && sent >= drop) {
              clearInterval(timer);
              res.write(block, () => res.destroy());
            } else res.write(block);
          }, 20);
          req.on('close', () => clearInterval(timer));
          return;
        }
        case '/drop-mid-event':
        case '/drop-between-events':
        case '/reset': {
          sse();
          // 26 bytes: one whole event; then, mid-event, the start of a second one.
          res.write('id: 1\ndata: one\n\n' + (url.pathname === '/drop-between-events' ? '' : 'data: hal'));
          setTimeout(() => (url.pathname === '/reset' ? req.socket.resetAndDestroy() : req.socket.destroy()), 50);
          return;
        }
        case '/burst':
          // Five events in one write: --max-events is reached in the middle of the chunk.
          sse();
          res.write([1, 2, 3, 4, 5].map((n) => `id: ${n}\ndata: event ${n}\n\n`).join(''));
          return;
        case '/poll-burst':
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify([1, 2, 3, 4, 5].map((n) => ({ id: n }))));
          return;
        case '/poll-drop':
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('{"events":[{"id":1,');
          setTimeout(() => req.socket.destroy(), 50);
          return;
        default:
          res.writeHead(404);
          res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const finalClose = (stdout: string): Record<string, unknown> => {
    const closes = captureLines(stdout).filter((l) => l.kind === 'closed' && l.final === true);
    assert.equal(closes.length, 1, stdout);
    return closes[0]!;
  };

  describe('an HTTP error', () => {
    it('prints the body once, as the server sent it (SSE)', async () => {
      const { code, stdout, stderr } = await runCli(['connect', `${base}/405`]);
      assert.equal(code, 1);
      const expected = `HTTP 405 Method Not Allowed; content-type application/json; body starts: ${ERROR_BODY}`;
      assert.equal(stderr, `stream-debugger: connection failed: ${expected}\n`);
      const error = captureLines(stdout).find((l) => l.kind === 'error')!;
      assert.equal(error.message, expected, 'the record holds the text once too (its NDJSON line encodes it once)');
      assert.equal(error.bodyPreview, ERROR_BODY);
    });

    it('prints the body once, as the server sent it (long polling)', async () => {
      const { code, stderr } = await runCli(['connect', `${base}/405`, '--long-poll', '--no-reconnect']);
      assert.equal(code, 1);
      assert.ok(stderr.includes(`body starts: ${ERROR_BODY}`), stderr);
      assert.ok(!stderr.includes('\\'), stderr);
    });
  });

  describe('a run that stops', () => {
    it('--max-events: the final close says the event limit was reached (stdout and --out)', async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-endings-'));
      try {
        const out = path.join(tmp, 'capture.ndjson');
        const { code } = await runCli(['connect', `${base}/numbered`, '--max-events', '2', '--out', out]);
        assert.equal(code, 0);
        const close = finalClose(fs.readFileSync(out, 'utf8'));
        assert.equal(close.reason, 'max-events');
        assert.equal(close.message, 'stopped: reached --max-events 2');
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    for (const [mode, route, flags] of [['SSE', '/burst', []], ['long polling', '/poll-burst', ['--long-poll']]] as const) {
      it(`--max-events reached in the middle of a chunk: nothing after the final close (${mode})`, async () => {
        const { code, stdout } = await runCli(['connect', `${base}${route}`, '--max-events', '2', ...flags]);
        assert.equal(code, 0);
        const lines = captureLines(stdout);
        assert.deepEqual(lines.filter((l) => l.kind === 'event').map((l) => l.id), ['1', '2']);
        const last = lines[lines.length - 1]!;
        assert.equal(last.kind, 'closed', stdout);
        assert.equal(last.reason, 'max-events');
      });
    }

    it('--duration: the final close says the time limit was reached', async () => {
      const { code, stdout } = await runCli(['connect', `${base}/numbered`, '--duration', '0.3']);
      assert.equal(code, 0);
      const close = finalClose(stdout);
      assert.equal(close.reason, 'duration');
      assert.equal(close.message, 'stopped: reached --duration 0.3 s');
    });

    it('Ctrl+C (SIGINT) is still a close by the user', async () => {
      const child = spawn(process.execPath, [CLI, 'connect', `${base}/numbered`], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      const code = await new Promise<number | null>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          const first = stdout === '' || !stdout.includes('"kind":"event"');
          stdout += d.toString();
          if (first && stdout.includes('"kind":"event"')) child.kill('SIGINT');
        });
        child.on('close', resolve);
      });
      assert.equal(code, 0);
      const close = finalClose(stdout);
      assert.equal(close.reason, 'closed-by-user');
      assert.equal(close.message, 'closed by the user');
    });
  });

  describe('--last-event-id on the first connection', () => {
    it('is reported as a resumed start, not as a reconnect', async () => {
      const { code, stdout, stderr } = await runCli(['connect', `${base}/numbered`, '--last-event-id', '5', '--max-events', '2']);
      assert.equal(code, 0, stderr);
      const resume = captureLines(stdout).find((l) => l.kind === 'resume')!;
      assert.deepEqual([resume.lastEventIdSent, resume.firstIdReceived, resume.verdict, resume.resumedStart], ['5', '6', 'resumed', true]);
      assert.equal(stderr, 'stream-debugger: resumption: start from Last-Event-ID "5" checked: 1 resumed; 0 id(s) missing, 0 duplicate event(s)\n');
    });

    it('and reconnects after it are counted apart', async () => {
      const { code, stdout, stderr } = await runCli(['connect', `${base}/numbered?drop=2`, '--last-event-id', '5', '--max-events', '3']);
      assert.equal(code, 0, stderr);
      const resumes = captureLines(stdout).filter((l) => l.kind === 'resume');
      assert.deepEqual(resumes.map((r) => [r.lastEventIdSent, r.firstIdReceived, r.resumedStart]), [['5', '6', true], ['7', '8', undefined]]);
      assert.match(stderr, /^stream-debugger: resumption: start from Last-Event-ID "5" and 1 reconnect\(s\) checked: 2 resumed;/);
    });
  });

  describe('a connection the server drops', () => {
    it('closed in the middle of an event: says so, with the bytes received', async () => {
      const { code, stdout, stderr } = await runCli(['connect', `${base}/drop-mid-event`, '--no-reconnect']);
      assert.equal(code, 1);
      const expected = 'the server closed the connection after 26 bytes, in the middle of an event, without ending the response';
      const error = captureLines(stdout).find((l) => l.kind === 'error')!;
      assert.equal(error.message, expected);
      assert.equal(error.bytes, 26);
      assert.deepEqual(error.details, { midEvent: true });
      assert.equal(stderr, `stream-debugger: connection failed: ${expected}\n`);
    });

    it('closed between events: says so', async () => {
      const { stdout } = await runCli(['connect', `${base}/drop-between-events`, '--no-reconnect']);
      const error = captureLines(stdout).find((l) => l.kind === 'error')!;
      assert.equal(error.message, 'the server closed the connection after 17 bytes, between events, without ending the response');
      assert.deepEqual(error.details, { midEvent: false });
    });

    it('reset (a network error): names the error code', async () => {
      const { code, stdout, stderr } = await runCli(['connect', `${base}/reset`, '--no-reconnect']);
      assert.equal(code, 1);
      const error = captureLines(stdout).find((l) => l.kind === 'error')!;
      assert.equal(error.message, 'network error after 26 bytes, in the middle of an event: ECONNRESET: read ECONNRESET');
      assert.deepEqual(error.details, { midEvent: true, code: 'ECONNRESET' });
      assert.match(stderr, /connection failed: network error after 26 bytes, in the middle of an event: ECONNRESET/);
    });

    it('a long poll cut short: says the server closed it before the answer was complete', async () => {
      const { code, stdout, stderr } = await runCli(['connect', `${base}/poll-drop`, '--long-poll', '--no-reconnect']);
      assert.equal(code, 1);
      const error = captureLines(stdout).find((l) => l.kind === 'error')!;
      assert.equal(error.message, 'the server closed the connection after 19 bytes, before the answer was complete');
      assert.ok(!stderr.includes('aborted'), stderr);
    });
  });
});
