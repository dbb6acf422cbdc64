import * as assert from 'node:assert/strict';
import { runCli } from '../helpers/runCli';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { createCaptureHeader } from '../../src/core/capture';
import { resolveProfile } from '../../src/core/profiles/resolve';
import { createStreamServer, formatEvent, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { connectAndCollect } from '../helpers/collect';

const SECRET = 'tok-Zq81-integration';


describe('profiles against a real server: secrets reach the wire and nothing else', () => {
  let server: StreamServer;
  let seen: http.IncomingHttpHeaders[];
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-profiles-it-'));
    server = await createStreamServer({
      routes: {
        // Answers 401 unless the right token arrives; echoes nothing of the request.
        '/secure': (req, res) => {
          seen.push(req.headers);
          if (req.headers.authorization !== `Bearer ${SECRET}`) {
            res.writeHead(401, { 'Content-Type': 'text/plain' });
            res.end('bad token');
            return;
          }
          writeEventStreamHead(res);
          res.end(formatEvent({ id: '1', data: 'hello' }) + formatEvent({ id: '2', data: 'world' }));
        },
      },
    });
  });
  beforeEach(() => { seen = []; });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends the resolved secret and keeps it out of every record and the capture header', async () => {
    const { options } = resolveProfile({
      name: 's', url: `${server.url}/secure`, reconnect: false,
      headers: { Authorization: 'Bearer ${secret:api}', 'X-Echo-Token': '${secret:api}' },
    }, { secret: (n) => (n === 'api' ? SECRET : undefined), env: () => undefined }, { readFile: fs.readFileSync });
    const run = connectAndCollect(options);
    await run.handle.done;
    assert.equal(seen[0]?.authorization, `Bearer ${SECRET}`);
    assert.equal(seen[0]?.['x-echo-token'], SECRET);
    assert.deepEqual(run.records.filter((r) => r.kind === 'event').map((r) => r.kind === 'event' && r.data), ['hello', 'world']);
    const everything = JSON.stringify(run.records) + JSON.stringify(createCaptureHeader({ mode: 'sse', url: options.url, method: 'GET', headers: options.headers!, startedAt: 0, secretValues: options.secretValues! }));
    assert.ok(!everything.includes(SECRET), 'no record holds the secret');
    assert.match(JSON.stringify(run.records), /«redacted»/);
  });

  it('CLI: connect --profile --settings takes secrets from STREAM_DEBUGGER_SECRET_*; the capture file never holds them', async () => {
    const settings = path.join(dir, 'settings.json');
    fs.writeFileSync(settings, `{
      // a user settings file, comments and all
      "streamDebugger.profiles": [
        { "name": "secure", "url": "${server.url}/secure", "headers": { "Authorization": "Bearer \${secret:api-token}", "X-Custom": "\${secret:api-token}" }, "reconnect": false },
      ],
    }`);
    const out = path.join(dir, 'capture.ndjson');
    const ok = await runCli(['connect', '--profile', 'secure', '--settings', settings, '--out', out], { STREAM_DEBUGGER_SECRET_API_TOKEN: SECRET });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(seen[0]?.authorization, `Bearer ${SECRET}`);
    const capture = fs.readFileSync(out, 'utf8');
    assert.equal(capture.split('\n').filter((l) => l.includes('"kind":"event"')).length, 2);
    assert.ok(!capture.includes(SECRET), 'the capture does not hold the secret');
    assert.match(capture.split('\n')[0]!, /"X-Custom":"«redacted»"/);
  });

  it('CLI: a missing secret says which variable to set; an unknown profile lists the ones there', async () => {
    const settings = path.join(dir, 'settings2.json');
    fs.writeFileSync(settings, JSON.stringify({ 'streamDebugger.profiles': [{ name: 'needs', url: `${server.url}/secure`, headers: { Authorization: 'Bearer ${secret:api-token}' } }] }));
    const env = { STREAM_DEBUGGER_SECRET_API_TOKEN: '' };
    delete (env as Record<string, string | undefined>).STREAM_DEBUGGER_SECRET_API_TOKEN;
    const missing = await runCli(['connect', '--profile', 'needs', '--settings', settings], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /profile "needs" needs secret "api-token": set STREAM_DEBUGGER_SECRET_API_TOKEN/);
    const unknown = await runCli(['connect', '--profile', 'nope', '--settings', settings], {});
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no profile named "nope" .*\(there: "needs"\)/);
    assert.equal(seen.length, 0, 'nothing was sent');
  });

  it('CLI: a profile on ${demoServer} starts the demo feeds in the process', async () => {
    const settings = path.join(dir, 'settings3.json');
    fs.writeFileSync(settings, JSON.stringify({ 'streamDebugger.profiles': [{ name: 'Demo: ticker', url: '${demoServer}/ticker' }] }));
    const run = await runCli(['connect', '--profile', 'Demo: ticker', '--settings', settings, '--max-events', '2'], {});
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.split('\n').filter((l) => l.includes('"kind":"event"')).length, 2);
    assert.match(run.stdout.split('\n')[0]!, /"url":"http:\/\/127\.0\.0\.1:\d+\/ticker"/);
  });

  it('CLI: a profile\'s disconnect schedule runs (simulated drops in the capture)', async () => {
    const settings = path.join(dir, 'settings4.json');
    fs.writeFileSync(settings, JSON.stringify({ 'streamDebugger.profiles': [{ name: 'drops', url: '${demoServer}/ticker', disconnect: { afterEvents: 2, once: true }, reconnect: { initialRetryMs: 50 } }] }));
    const run = await runCli(['connect', '--profile', 'drops', '--settings', settings, '--max-events', '4'], {});
    assert.equal(run.code, 0, run.stderr);
    const records = run.stdout.trim().split('\n').slice(1).map((l) => JSON.parse(l) as { kind: string; simulated?: boolean; attempt: number });
    assert.ok(records.some((r) => r.simulated === true), 'a simulated drop');
    assert.ok(records.some((r) => r.kind === 'event' && r.attempt === 2), 'events after the reconnect');
  });
});
