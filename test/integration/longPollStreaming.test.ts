import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { connect } from '../../src/core/connect';
import { decodePollBody } from '../../src/core/longpoll/pollDecoders';
import type { LifecycleRecord, StreamRecord } from '../../src/core/records';
import { createStreamServer, type StreamServer } from '../../src/core/server/streamServer';
import { seededRandom } from '../helpers/chunking';
import { connectAndCollect, eventsOf } from '../helpers/collect';
import { intParam } from '../helpers/pollLog';
import { CLI } from '../helpers/runCli';
import { spawn } from 'node:child_process';

function ofKind(records: StreamRecord[], kind: LifecycleRecord['kind']): LifecycleRecord[] {
  return records.filter((r): r is LifecycleRecord => r.kind === kind);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Writes `chunks` one at a time (a pause between, so they leave as separate TCP segments), then ends or holds. */
async function writeSlowly(res: http.ServerResponse, chunks: Buffer[], gapMs = 2): Promise<void> {
  for (const chunk of chunks) {
    if (res.destroyed) return;
    res.write(chunk);
    await sleep(gapMs);
  }
}

describe('long polling: NDJSON answers streamed line by line (real HTTP servers on 127.0.0.1)', function () {
  this.timeout(30_000);
  let server: StreamServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('an open NDJSON answer: each line is an event while the server still holds the response', async () => {
    const open: http.ServerResponse[] = [];
    server = await createStreamServer({
      routes: {
        '/forever': (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
          res.write('{"id":1,"type":"token","text":"Hel"}\n');
          open.push(res);
        },
      },
    });
    const seenWhileOpen: boolean[] = [];
    const c = connectAndCollect({ url: `${server.url}/forever`, mode: 'long-poll' });
    try {
      await c.until((rs) => eventsOf(rs).length >= 1);
      seenWhileOpen.push(!open[0]!.writableEnded);
      open[0]!.write('{"id":2,"type":"token","te');
      await sleep(100);
      assert.equal(eventsOf(c.records).length, 1, 'half a line is no event');
      open[0]!.write('xt":"lo"}\r\n{"id":3,"type":"done"}\n');
      await c.until((rs) => eventsOf(rs).length >= 3);
      seenWhileOpen.push(!open[0]!.writableEnded);
      assert.deepEqual(seenWhileOpen, [true, true], 'the events came while the response was open');
      const kinds = c.records.map((r) => r.kind);
      assert.deepEqual(kinds, ['connecting', 'open', 'event', 'event', 'event'], 'no poll record yet: the answer has not ended');
      assert.deepEqual(eventsOf(c.records).map((e) => [e.id, e.type, e.lastEventId]), [['1', 'token', '1'], ['2', 'token', '2'], ['3', 'done', '3']]);
      open[0]!.end();
      const records = await c.until((rs) => ofKind(rs, 'poll').length >= 1);
      const poll = ofKind(records, 'poll')[0]!;
      assert.equal(poll.details?.events, 3);
      assert.equal(poll.details?.format, 'ndjson');
      assert.equal(poll.details?.streamed, true);
      assert.equal(poll.details?.nextCursor, '3');
      await c.until(() => open.length >= 2);
    } finally { c.handle.close(); }
  });

  it('the same records as the whole-answer path, wherever the chunks split (multi-byte text, CRLF, blank lines, no final newline)', async () => {
    const body = Buffer.from('\ufeff{"id":1,"type":"a","t":"héllo 😀"}\r\n\r\n  \n{"id":"2","event":"b"}\r\n{"n":"日本語"}\n{"id":1,"type":"again"}\r\n\t{"id":3,"t":"€"}', 'utf8');
    const whole = decodePollBody(body, 'application/x-ndjson').entries;
    const splits: Buffer[][] = [[body]];
    const random = seededRandom(7);
    for (let i = 0; i < 12; i++) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < body.length;) {
        const size = 1 + Math.floor(random() * 9);
        chunks.push(body.subarray(at, at + size));
        at += size;
      }
      splits.push(chunks);
    }
    // Inside the BOM, inside "😀", between CR and LF, inside "€" at the very end.
    for (const at of [1, body.indexOf('😀') + 2, body.indexOf('\r\n') + 1, body.length - 2]) splits.push([body.subarray(0, at), body.subarray(at)]);
    let answer = 0;
    const cursors: Array<string | null> = [];
    server = await createStreamServer({
      routes: {
        '/nd': (_req, res, ctx) => {
          cursors.push(ctx.url.searchParams.get('cursor'));
          const chunks = splits[answer++ % splits.length]!;
          if (ctx.url.searchParams.has('cursor')) { res.writeHead(204); res.end(); return; } // the next poll: nothing new
          res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8' });
          void writeSlowly(res, chunks).then(() => res.end());
        },
      },
    });
    const expectedEvents = whole.map((e) => (e.kind === 'event' ? [e.type, e.id, e.data, e.bytes] : e.kind));
    for (let i = 0; i < splits.length; i++) {
      const c = connectAndCollect({ url: `${server.url}/nd`, mode: 'long-poll' });
      try {
        const records = await c.until((rs) => ofKind(rs, 'poll').length >= 2);
        const events = eventsOf(records);
        assert.deepEqual(events.map((e) => [e.type, e.id, e.data, e.bytes]), expectedEvents, `split ${i}`);
        assert.deepEqual(events.map((e) => e.lastEventId), ['1', '2', '2', '1', '3'], `split ${i}`);
        assert.deepEqual(events.map((e) => e.flags ?? []), [[], [], [], ['duplicate'], []], `split ${i}: id checks`);
        const poll = ofKind(records, 'poll')[0]!;
        assert.deepEqual([poll.details?.events, poll.details?.nextCursor, poll.bytes, poll.details?.streamed], [5, '3', body.length, true], `split ${i}: read as a stream`);
        assert.equal(ofKind(records, 'error').length, 0);
        assert.equal(cursors.at(-1), '3', `split ${i}: the next poll's cursor`);
      } finally { c.handle.close(); }
    }
  });

  it('a cursor from a header still moves only when the answer ends', async () => {
    const sent: Array<string | null> = [];
    server = await createStreamServer({
      routes: {
        '/h': (_req, res, ctx) => {
          sent.push(ctx.url.searchParams.get('index'));
          res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'X-Index': String(10 * sent.length) });
          res.write('{"k":"a"}\n');
          setTimeout(() => res.end('{"k":"b"}\n'), 150);
        },
      },
    });
    const c = connectAndCollect({ url: `${server.url}/h`, mode: 'long-poll', longPoll: { cursorHeader: 'X-Index', cursorParam: 'index' } });
    try {
      await c.until((rs) => ofKind(rs, 'poll').length >= 2);
      while (sent.length < 3) await sleep(20);
      assert.deepEqual(sent.slice(0, 3), [null, '10', '20']);
      assert.deepEqual(ofKind(c.records, 'poll').map((p) => [p.details?.nextCursor, p.details?.streamed]).slice(0, 2), [['10', true], ['20', true]]);
    } finally { c.handle.close(); }
  });

  it('a mid-event drop cuts inside the next line: it is discarded, never an event, and the next poll resumes after the last whole line', async () => {
    const lines = ['{"id":1,"msg":"first"}', '{"id":2,"msg":"second, cut in the middle"}', '{"id":3,"msg":"third"}'];
    const cursors: Array<string | null> = [];
    server = await createStreamServer({
      routes: {
        '/s': (_req, res, ctx) => {
          const after = intParam(ctx.url, 'cursor');
          cursors.push(ctx.url.searchParams.get('cursor'));
          res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
          const rest = lines.filter((l) => (JSON.parse(l) as { id: number }).id > after);
          // The first line alone, then the others one by one; never ends (a "forever" poll).
          void writeSlowly(res, rest.map((l) => Buffer.from(`${l}\n`)), 150);
        },
      },
    });
    const records: StreamRecord[] = [];
    let cutAsked = false;
    const handle = connect({ url: `${server.url}/s`, mode: 'long-poll' }, {
      onRecord: (r) => {
        records.push(r);
        if (r.kind === 'event' && r.id === '1' && !cutAsked) {
          cutAsked = true;
          handle.disconnect({ simulated: true, midEvent: true, message: 'simulated disconnect in the middle of the event after event 1' });
        }
      },
    });
    try {
      const started = Date.now();
      while (!records.some((r) => r.kind === 'event' && r.id === '3') && Date.now() - started < 10_000) await sleep(20);
      const shape = records.map((r) => (r.kind === 'event' ? `event ${r.id}` : r.kind));
      assert.deepEqual(shape.slice(0, 10), ['connecting', 'open', 'event 1', 'discarded', 'poll', 'error', 'reconnect', 'connecting', 'open', 'event 2']);
      const discarded = records.find((r) => r.kind === 'discarded');
      assert.ok(discarded?.kind === 'discarded');
      assert.ok(discarded.text.length > 0 && lines[1]!.startsWith(discarded.text) && discarded.text.length < lines[1]!.length, discarded.text);
      const error = ofKind(records, 'error')[0]!;
      assert.equal(error.simulated, true);
      assert.equal(error.reason, 'simulated-disconnect');
      assert.equal(error.details?.midEvent, true);
      assert.match(error.message, /cut after \d+ bytes? of a line, before its newline; the next poll asks from cursor 1/);
      assert.equal(ofKind(records, 'poll')[0]!.details?.events, 1);
      assert.deepEqual(cursors.slice(0, 2), [null, '1'], 'resumed after the last whole line');
      assert.deepEqual(eventsOf(records).map((e) => e.id), ['1', '2', '3'], 'nothing lost, nothing twice');
      assert.ok(eventsOf(records).every((e) => !e.flags));
    } finally { handle.close(); }
  });

  it('a line longer than maxBodyBytes fails the poll as too-large, as a whole answer that large does', async () => {
    let n = 0;
    server = await createStreamServer({
      routes: {
        '/big': (_req, res) => {
          n++;
          res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
          if (n === 1) {
            res.write('{"id":1}\n');
            setTimeout(() => { if (!res.destroyed) res.write(`{"id":2,"pad":"${'x'.repeat(5000)}`); }, 50);
          } else res.end(`{"pad":"${'y'.repeat(5000)}`); // a whole first line over the bound: the poll's own limit
        },
      },
    });
    const c = connectAndCollect({ url: `${server.url}/big`, mode: 'long-poll', longPoll: { maxBodyBytes: 4096 } });
    try {
      const records = await c.until((rs) => ofKind(rs, 'error').length >= 2);
      const [streamed, whole] = ofKind(records, 'error');
      for (const error of [streamed!, whole!]) {
        assert.equal(error.reason, 'too-large');
        assert.match(error.message, /the answer is larger than 4096 bytes/);
      }
      assert.deepEqual(eventsOf(records).map((e) => e.id), ['1']);
      assert.ok(records.some((r) => r.kind === 'discarded'), 'the unfinished line is shown as discarded');
      assert.equal(ofKind(records, 'poll')[0]!.details?.events, 1);
    } finally { c.handle.close(); }
  });

  it('a line longer than maxBodyBytes is too-large however it is split: also when its newline comes in the same chunk', async () => {
    const big = `{"id":2,"pad":"${'x'.repeat(5000)}"}`;
    for (const split of [false, true]) {
      server = await createStreamServer({
        routes: {
          '/big': async (_req, res) => {
            res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
            res.write('{"id":1}\n');
            await sleep(30);
            await writeSlowly(res, split ? [Buffer.from(big.slice(0, 2500)), Buffer.from(`${big.slice(2500)}\n`)] : [Buffer.from(`${big}\n`)], 30);
            res.end('{"id":3}\n');
          },
        },
      });
      const c = connectAndCollect({ url: `${server.url}/big`, mode: 'long-poll', reconnect: false, longPoll: { maxBodyBytes: 4096 } });
      try {
        await c.until((rs) => ofKind(rs, 'poll').length >= 1);
        const what = split ? 'split' : 'in one chunk';
        assert.deepEqual(eventsOf(c.records).map((e) => e.id), ['1'], `the line over the bound is no event (${what})`);
        assert.equal(ofKind(c.records, 'error')[0]?.reason, 'too-large', what);
      } finally {
        c.handle.close();
        await server.close();
        server = undefined;
      }
    }
  });

  it('CLI --long-poll prints each line as an event record while the answer is still open', async () => {
    let held: http.ServerResponse | undefined;
    server = await createStreamServer({
      routes: {
        '/cli': (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'application/jsonl' });
          res.write('{"id":"a","type":"progress","done":1}\n');
          held = res;
        },
      },
    });
    const env = { ...process.env };
    for (const name of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY']) delete env[name];
    const child = spawn(process.execPath, [CLI, 'connect', `${server.url}/cli`, '--long-poll', '--max-events', '2'], { env });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const outLines = (): Array<Record<string, unknown>> => out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
    const waitFor = async (predicate: () => boolean, what: string): Promise<void> => {
      const started = Date.now();
      while (!predicate()) {
        if (Date.now() - started > 10_000) throw new Error(`${what}; stdout:\n${out}\nstderr:\n${err}`);
        await sleep(20);
      }
    };
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await waitFor(() => outLines().some((l) => l.kind === 'event'), 'no event printed while the answer was open');
      assert.ok(held && !held.writableEnded, 'the server still holds the answer');
      assert.equal(outLines().find((l) => l.kind === 'event')!.id, 'a');
      held.write('{"id":"b","type":"progress","done":2}\n');
      assert.equal(await exited, 0, err);
      assert.deepEqual(outLines().filter((l) => l.kind === 'event').map((l) => l.id), ['a', 'b']);
    } finally { child.kill(); }
  });
});
