import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createStreamServer, formatEvent, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

// Output the CLI cannot write: a reader that goes away (`| head -1`) or an --out file that cannot be created.
describe('CLI: output that cannot be written', () => {
  let server: StreamServer;
  before(async () => {
    server = await createStreamServer({
      routes: {
        '/many': (_req, res, ctx) => {
          writeEventStreamHead(res);
          let n = 0;
          const timer = setInterval(() => { res.write(formatEvent({ id: String(++n), data: 'x'.repeat(200) })); }, 5);
          ctx.onClose(() => clearInterval(timer));
        },
      },
    });
  });
  after(async () => { await server.close(); });

  it('a reader that closes stdout early (EPIPE) ends the CLI quietly with status 0, not a crash', async () => {
    const child = spawn(process.execPath, [CLI, 'connect', `${server.url}/many`, '--duration', '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    // Read the header line, then close our end of the pipe, like `| head -1`.
    child.stdout.once('data', () => { child.stdout.destroy(); });
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => { child.kill(); reject(new Error(`cli did not end: ${stderr}`)); }, 15_000);
      child.on('close', (c) => { clearTimeout(timer); resolve(c); });
    });
    assert.doesNotMatch(stderr, /Unhandled|EPIPE|node:events/, stderr);
    assert.equal(code, 0, stderr);
  });

  it('--out in a directory that does not exist exits 2 with a message naming the file, not a crash', async () => {
    const child = spawn(process.execPath, [CLI, 'connect', `${server.url}/many`, '--max-events', '1', '--out', '/nonexistent-dir-qa/x.ndjson'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => { child.kill(); reject(new Error(`cli did not end: ${stderr}`)); }, 15_000);
      child.on('close', (c) => { clearTimeout(timer); resolve(c); });
    });
    assert.doesNotMatch(stderr, /Unhandled|node:events/, stderr);
    assert.match(stderr, /nonexistent-dir-qa\/x\.ndjson/);
    assert.equal(code, 2, stderr);
  });
});

describe('CLI: header values HTTP cannot carry', () => {
  const run = (args: string[]): Promise<{ code: number | null; stderr: string }> => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => { child.kill(); reject(new Error(`cli did not end: ${stderr}`)); }, 15_000);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stderr }); });
  });

  it('--last-event-id or -H with a line feed or NUL, or a bad header name, exits 2 with a clear message', async () => {
    for (const args of [['--last-event-id', 'a\nb'], ['-H', 'X-Trace: a\u0001b'], ['-H', 'Bad Name: x']]) {
      const { code, stderr } = await run(['connect', 'http://127.0.0.1:9/', ...args]);
      assert.equal(code, 2, `${JSON.stringify(args)}: ${stderr}`);
      assert.match(stderr, /control character|not a valid HTTP field name/, stderr);
      assert.doesNotMatch(stderr, /TypeError|    at /, stderr);
    }
  });
});
