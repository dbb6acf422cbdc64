import * as assert from 'node:assert/strict';
import { CLI, runCli } from '../helpers/runCli';
import { spawn } from 'node:child_process';
import { startDemoServer } from '../../src/core/server/demoFeeds';
import type { StreamServer } from '../../src/core/server/streamServer';



describe('CLI (dist/cli.js)', () => {
  let server: StreamServer;
  before(async () => { server = await startDemoServer({ timing: { speed: 20 } }); });
  after(async () => { await server.close(); });

  it('connect writes a header line and NDJSON records, and exits 0 after --max-events', async () => {
    const { code, stdout } = await runCli(['connect', `${server.url}/ticker`, '--max-events', '4']);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines[0]!.format, 'stream-debugger-capture');
    assert.equal(lines.filter((l) => l.kind === 'event').length, 4);
    const event = lines.find((l) => l.kind === 'event')!;
    for (const field of ['seq', 't', 'attempt', 'type', 'data', 'id', 'lastEventId', 'bytes']) assert.ok(field in event, field);
  });

  it('connect exits 1 with a message when the connection fails', async () => {
    const { code, stderr } = await runCli(['connect', `${server.url}/llm`]);
    assert.equal(code, 1);
    assert.match(stderr, /405/);
  });

  it('connect exits 2 on bad usage', async () => {
    assert.equal((await runCli(['connect', 'ftp://example'])).code, 2);
    assert.equal((await runCli(['connect', `${server.url}/ticker`, '--max-events', 'x'])).code, 2);
    const bogus = await runCli(['bogus']);
    assert.equal(bogus.code, 2);
    // The message, and a pointer to the help rather than the whole help text.
    assert.deepEqual(bogus.stderr.trim().split('\n'), ['stream-debugger: unknown command "bogus"', 'Run "stream-debugger --help" (node dist/cli.js --help) for the usage.']);
  });

  it('demo prints "<feed-name> <url>" lines for every feed', async () => {
    const child = spawn(process.execPath, [CLI, 'demo'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const text = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.split('\n').length > 6) resolve(out); });
        setTimeout(() => reject(new Error(`demo printed: ${out}`)), 10_000);
      });
      const lines = text.trim().split('\n');
      assert.ok(lines.some((l) => /^ticker http:\/\/127\.0\.0\.1:\d+\/ticker$/.test(l)), text);
      assert.ok(lines.some((l) => /^poll http/.test(l)), text);
    } finally { child.kill('SIGTERM'); }
  });
});
