import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createStreamServer, formatEvent, readBody, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { startTestProxy, type TestProxy } from '../helpers/httpProxy';
import { captureLines, runCliWith } from '../helpers/cliEnv';

describe('CLI connect: request and transport flags, exit codes (dist/cli.js)', function () {
  this.timeout(30_000);
  let server: StreamServer;
  let proxy: TestProxy;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-cli-'));

  before(async () => {
    server = await createStreamServer({ routes: {
      '/echo': (req, res) => {
        void readBody(req).then((body) => {
          writeEventStreamHead(res);
          res.end(formatEvent({ data: JSON.stringify({ method: req.method, body, contentType: req.headers['content-type'] ?? null }) }));
        });
      },
      '/stall': (_req, res) => { writeEventStreamHead(res); res.write(formatEvent({ data: 'then silence' })); },
      '/no-content': (_req, res) => { res.writeHead(204); res.end(); },
      '/hop': (_req, res, { url }) => {
        const n = Number(url.searchParams.get('n'));
        res.writeHead(302, { Location: n > 1 ? `/hop?n=${n - 1}` : '/echo' });
        res.end();
      },
    } });
    proxy = await startTestProxy();
  });
  after(async () => { await server.close(); await proxy.close(); fs.rmSync(dir, { recursive: true, force: true }); });
  beforeEach(() => { proxy.seen.length = 0; });

  const echoed = (stdout: string): Record<string, unknown> =>
    JSON.parse(captureLines(stdout).find((l) => l.kind === 'event')!.data as string) as Record<string, unknown>;

  it('-d @file with -X sends the file as the body; exit 0 when the stream ends with --no-reconnect', async () => {
    const file = path.join(dir, 'body.txt');
    fs.writeFileSync(file, 'file body ✓');
    const { code, stdout } = await runCliWith(['connect', `${server.url}/echo`, '-X', 'PUT', '-d', `@${file}`, '-H', 'Content-Type: text/plain', '--no-reconnect']);
    assert.equal(code, 0);
    assert.deepEqual(echoed(stdout), { method: 'PUT', body: 'file body ✓', contentType: 'text/plain' });
  });

  it('--json sends JSON as written, POST with Content-Type: application/json', async () => {
    const { code, stdout } = await runCliWith(['connect', `${server.url}/echo`, '--json', '{"q": "hé"}']);
    assert.equal(code, 0, 'the body is not re-sent, so the run ends');
    assert.deepEqual(echoed(stdout), { method: 'POST', body: '{"q": "hé"}', contentType: 'application/json' });
  });

  it('bad values are usage errors (exit 2) with a clear message', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--json', '{oops'], /--json: not valid JSON/],
      [['--ca', path.join(dir, 'missing.pem')], /cannot read CA file .*missing\.pem: ENOENT/],
      [['--idle-timeout', 'soon'], /--idle-timeout takes a positive number of seconds/],
      [['-d', '@/nonexistent/file'], /cannot read body file/],
      [['--max-redirects', '-1'], /--max-redirects takes a whole number/],
    ];
    for (const [flags, message] of cases) {
      const { code, stderr } = await runCliWith(['connect', `${server.url}/echo`, ...flags]);
      assert.equal(code, 2, flags.join(' '));
      assert.match(stderr, message);
    }
  });

  it('--idle-timeout drops a stalled stream; with --no-reconnect that is a failure: exit 1', async () => {
    const { code, stdout, stderr } = await runCliWith(['connect', `${server.url}/stall`, '--idle-timeout', '0.3', '--no-reconnect']);
    assert.equal(code, 1);
    assert.match(stderr, /idle timeout/);
    assert.equal(captureLines(stdout).filter((l) => l.kind === 'event').length, 1, 'the event before the stall is kept');
  });

  it('--connect-timeout gives up on a server that never answers; a refused connection also exits 1', async () => {
    const silent = (await import('node:net')).createServer(() => { /* accepts, never answers */ });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    try {
      const hung = await runCliWith(['connect', `http://127.0.0.1:${port}/`, '--connect-timeout', '0.3', '--no-reconnect']);
      assert.equal(hung.code, 1);
      assert.match(hung.stderr, /no response within 300 ms/);
    } finally { silent.close(); }
    const refused = await runCliWith(['connect', `http://127.0.0.1:${port}/`, '--no-reconnect']);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /ECONNREFUSED/);
  });

  it('204 is a normal end: exit 0', async () => {
    assert.equal((await runCliWith(['connect', `${server.url}/no-content`])).code, 0);
  });

  it('--max-redirects limits the chain; each hop is a redirect record', async () => {
    const ok = await runCliWith(['connect', `${server.url}/hop?n=2`, '--no-reconnect']);
    assert.equal(ok.code, 0);
    assert.equal(captureLines(ok.stdout).filter((l) => l.kind === 'redirect').length, 2);
    const limited = await runCliWith(['connect', `${server.url}/hop?n=2`, '--max-redirects', '1', '--no-reconnect']);
    assert.equal(limited.code, 1);
    assert.match(limited.stderr, /more than 1 redirects/);
  });

  it('uses HTTP_PROXY from the environment, --proxy over it, and NO_PROXY', async () => {
    const viaEnv = await runCliWith(['connect', `${server.url}/echo`, '--no-reconnect'], { HTTP_PROXY: proxy.url });
    assert.equal(viaEnv.code, 0);
    assert.deepEqual(proxy.seen.map((s) => s.line), [`GET ${server.url}/echo`]);
    proxy.seen.length = 0;
    const bypassed = await runCliWith(['connect', `${server.url}/echo`, '--no-reconnect'], { http_proxy: proxy.url, NO_PROXY: '127.0.0.1' });
    assert.equal(bypassed.code, 0);
    assert.deepEqual(proxy.seen, []);
    const flag = await runCliWith(['connect', `${server.url}/echo`, '--no-reconnect', '--proxy', proxy.url], { HTTP_PROXY: 'http://127.0.0.1:9' });
    assert.equal(flag.code, 0);
    assert.equal(proxy.seen.length, 1);
  });

  it('--out writes the capture to a file', async () => {
    const file = path.join(dir, 'capture.ndjson');
    const { code, stdout } = await runCliWith(['connect', `${server.url}/echo`, '--no-reconnect', '--out', file]);
    assert.equal(code, 0);
    assert.equal(stdout, '');
    const lines = captureLines(fs.readFileSync(file, 'utf8'));
    assert.equal(lines[0]!.format, 'stream-debugger-capture');
    assert.ok(lines.some((l) => l.kind === 'event'));
  });
});
