import * as assert from 'node:assert/strict';
import { startDemoServer } from '../../src/core/server/demoFeeds';
import { createStreamServer, type StreamServer } from '../../src/core/server/streamServer';
import { answer } from '../helpers/pollLog';
import { runCli } from '../helpers/runCli';

function lines(stdout: string): Array<Record<string, unknown>> {
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('CLI --long-poll (dist/cli.js)', function () {
  this.timeout(30_000);

  it('captures the demo /poll feed: a long-poll header, poll records and events, exit 0 after --max-events', async () => {
    const demo = await startDemoServer({ timing: { speed: 20 } });
    try {
      const { code, stdout, stderr } = await runCli(['connect', `${demo.url}/poll`, '--long-poll', '--max-events', '3']);
      assert.equal(code, 0, stderr);
      const out = lines(stdout);
      assert.equal(out[0]!.mode, 'long-poll');
      assert.equal(out.filter((l) => l.kind === 'event').length, 3);
      assert.ok(out.some((l) => l.kind === 'poll'));
    } finally { await demo.close(); }
  });

  it('passes the cursor flags through: an offset-style API with its own id field and parameter', async () => {
    const offsets: Array<string | null> = [];
    const server: StreamServer = await createStreamServer({
      routes: {
        '/getUpdates': (_req, res, ctx) => {
          const offset = ctx.url.searchParams.get('offset');
          offsets.push(offset);
          const from = offset === null ? 1 : Number(offset);
          answer(res, 200, 'application/json', JSON.stringify({ ok: true, result: [{ update_id: from, text: `u${from}` }, { update_id: from + 1, text: `u${from + 1}` }] }));
        },
      },
    });
    try {
      const { code, stdout, stderr } = await runCli(['connect', `${server.url}/getUpdates`, '--long-poll', '--id-field', 'update_id',
        '--cursor-param', 'offset', '--offset-cursor', '--no-cursor-last-event-id', '--poll-timeout', '5', '--max-events', '6']);
      assert.equal(code, 0, stderr);
      const events = lines(stdout).filter((l) => l.kind === 'event');
      assert.deepEqual(events.map((e) => e.id), ['1', '2', '3', '4', '5', '6']);
      assert.deepEqual(offsets.slice(0, 3), [null, '3', '5']);
    } finally { await server.close(); }
  });

  it('--disconnect-after drops long polls too: an error marked simulated, then the next poll resumes from the cursor', async () => {
    const demo = await startDemoServer({ timing: { speed: 20 } });
    try {
      const { code, stdout, stderr } = await runCli(['connect', `${demo.url}/poll`, '--long-poll', '--disconnect-after', '2', '--max-events', '3']);
      assert.equal(code, 0, stderr);
      const out = lines(stdout);
      const drop = out.find((l) => l.kind === 'error');
      assert.ok(drop, 'a drop');
      assert.equal(drop.simulated, true);
      assert.deepEqual(out.filter((l) => l.kind === 'event').map((e) => e.id), ['1', '2', '3']);
      const reconnect = out.filter((l) => l.kind === 'connecting')[1];
      assert.equal(reconnect?.lastEventIdSent, '2');
    } finally { await demo.close(); }
  });

  it('exits 1 when a poll fails and --no-reconnect is set', async () => {
    const server = await createStreamServer({ routes: { '/down': (_req, res) => answer(res, 503, 'text/html', '<html>maintenance</html>') } });
    try {
      const { code, stderr } = await runCli(['connect', `${server.url}/down`, '--long-poll', '--no-reconnect']);
      assert.equal(code, 1);
      assert.match(stderr, /503/);
    } finally { await server.close(); }
  });

  it('exits 2 on bad long-poll flags', async () => {
    assert.equal((await runCli(['connect', 'http://127.0.0.1:9/x', '--cursor-param', 'offset'])).code, 2, 'needs --long-poll');
    assert.equal((await runCli(['connect', 'http://127.0.0.1:9/x', '--long-poll', '--poll-format', 'xml'])).code, 2);
    const bad = await runCli(['connect', 'http://127.0.0.1:9/x', '--long-poll', '--events-path', 'a..b']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /events-?Path|empty segment/);
  });
});
