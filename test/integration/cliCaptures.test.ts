import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCapture } from '../../src/core/captureReader';
import type { StreamServer } from '../../src/core/server/streamServer';
import { startResumeServer } from '../helpers/resumeServers';
import { runCli } from '../helpers/runCli';
import { startCli } from '../helpers/startCli';

const CAPTURES = path.resolve(__dirname, '../../../test/fixtures/captures');

describe('CLI: simulated drops, replay and serve (dist/cli.js)', () => {
  let server: StreamServer;
  let tmp: string;
  before(async () => {
    server = await startResumeServer(1000, 10);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-cli-'));
  });
  after(async () => {
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('connect --disconnect-after N: simulated drops, a resume verdict per reconnect, a summary on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['connect', `${server.url}/exact`, '--disconnect-after', '2', '--max-events', '6']);
    assert.equal(code, 0, stderr);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const drops = lines.filter((l) => l.kind === 'error');
    assert.equal(drops.length, 2);
    assert.ok(drops.every((d) => d.simulated === true));
    const resumes = lines.filter((l) => l.kind === 'resume');
    assert.deepEqual(resumes.map((r) => [r.lastEventIdSent, r.firstIdReceived, r.verdict]), [['2', '3', 'resumed'], ['4', '5', 'resumed']]);
    assert.deepEqual(lines.slice(1).map((l) => l.seq), lines.slice(1).map((_l, i) => i), 'numbered in order, resume records included');
    assert.match(stderr, /resumption: 2 reconnect\(s\) checked: 2 resumed/);
  });

  it('connect --disconnect-mid-event: the partial event is discarded, never an event', async () => {
    const { code, stdout } = await runCli(['connect', `${server.url}/exact`, '--disconnect-mid-event', '--max-events', '3']);
    assert.equal(code, 0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const kinds = lines.map((l) => l.kind);
    const discarded = kinds.indexOf('discarded');
    assert.ok(discarded > 0);
    assert.equal(kinds.slice(0, discarded).filter((k) => k === 'event').length, 1, 'alone it cuts the event after the first');
    assert.deepEqual(lines.filter((l) => l.kind === 'event').map((l) => l.id), ['1', '2', '3']);
  });

  it('bad simulation flags are usage errors (exit 2)', async () => {
    assert.equal((await runCli(['connect', `${server.url}/exact`, '--disconnect-after', '1.5'])).code, 2);
    assert.equal((await runCli(['connect', `${server.url}/exact`, '--disconnect-every', '0'])).code, 2);
  });

  it('a live capture written with --out reads back and re-exports byte for byte', async () => {
    const out = path.join(tmp, 'live.ndjson');
    assert.equal((await runCli(['connect', `${server.url}/ignores-header`, '--disconnect-after', '3', '--max-events', '7', '--out', out])).code, 0);
    const text = fs.readFileSync(out, 'utf8');
    const loaded = readCapture(text, { name: out });
    assert.equal(loaded.problemCount, 0);
    assert.ok(loaded.records.some((r) => r.kind === 'resume' && r.verdict === 'header-ignored'));
    assert.ok(loaded.records.some((r) => r.kind === 'event' && r.flags?.includes('duplicate')));
    const { serializeCapture } = await import('../../src/core/capture');
    assert.equal(serializeCapture(loaded.header, loaded.records), text);
  });

  it('replay re-emits a capture\'s lines (header first) with its timing', async () => {
    const file = path.join(tmp, 'timed.ndjson');
    const t0 = 1_700_000_000_000;
    const lines = [
      JSON.stringify({ format: 'stream-debugger-capture', version: 1, mode: 'sse', url: 'http://h/x', method: 'GET', requestHeaders: {}, startedAt: new Date(t0).toISOString() }),
      ...[0, 200, 400].map((dt, i) => JSON.stringify({ kind: 'event', seq: i, t: t0 + dt, attempt: 1, type: 'message', data: `d${i}`, id: String(i), lastEventId: String(i), bytes: 2 })),
    ];
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const started = Date.now();
    const { code, stdout } = await runCli(['replay', file, '--speed', '2']);
    assert.equal(code, 0);
    assert.equal(stdout, `${lines.join('\n')}\n`);
    assert.ok(Date.now() - started >= 200, 'the 400 ms capture took at least 200 ms at ×2');
    assert.equal((await runCli(['replay', file, '--speed', 'fast'])).code, 2);
    const missing = await runCli(['replay', path.join(tmp, 'nope.ndjson')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read/);
  });

  it('serve prints a loopback URL; connect through it gets the capture\'s events', async () => {
    const { child, firstLine } = await startCli(['serve', path.join(CAPTURES, 'C01-openai-chat-completions-refusal-logprobs.sse'), '--speed', '50']);
    try {
      assert.match(firstLine, /^http:\/\/127\.0\.0\.1:\d+\/stream$/);
      const { code, stdout } = await runCli(['connect', firstLine, '--no-reconnect']);
      assert.equal(code, 0);
      const events = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.kind === 'event');
      assert.ok(events.length > 5);
      assert.equal(events.at(-1)!.data, '[DONE]');
    } finally { child.kill('SIGTERM'); }
  });
});
