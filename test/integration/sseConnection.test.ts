import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { MAX_TIMER_MS } from '../../src/core/options';
import type { LifecycleRecord, StreamRecord } from '../../src/core/records';
import { createStreamServer, formatEvent, readBody, writeEventStreamHead, type RouteContext, type StreamServer } from '../../src/core/server/streamServer';
import { connectAndCollect, eventsOf } from '../helpers/collect';

type Route = (req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext) => void;

const lifecycle = (records: StreamRecord[], kind: string): LifecycleRecord[] => records.filter((r) => r.kind === kind) as LifecycleRecord[];

/** An event-stream route that echoes what it received (method, body, some headers) as one event, then ends. */
const echo: Route = (req, res) => {
  void readBody(req).then((body) => {
    writeEventStreamHead(res);
    res.end(formatEvent({ data: JSON.stringify({
      method: req.method, body, contentType: req.headers['content-type'] ?? null, authorization: req.headers.authorization ?? null,
      lastEventId: req.headers['last-event-id'] ?? null, accept: req.headers.accept ?? null,
    }) }));
  });
};

/** `/redirect?code=307&hops=2&to=/echo`: a chain of `hops` redirects with status `code`, then `to`. */
const redirect: Route = (_req, res, { url }) => {
  const hops = Number(url.searchParams.get('hops') ?? 1);
  const to = url.searchParams.get('to') ?? '/echo';
  const code = Number(url.searchParams.get('code') ?? 302);
  const next = hops > 1 ? `/redirect?code=${code}&hops=${hops - 1}&to=${encodeURIComponent(to)}` : to;
  res.writeHead(code, { Location: next });
  res.end('moved');
};

/** One event per `everyMs`, compressed with `enc`, flushed per event; ends after `count` events. */
function compressed(enc: string, count: number, everyMs: number): Route {
  return (_req, res, ctx) => {
    const stream = enc === 'gzip' ? zlib.createGzip() : enc === 'deflate' ? zlib.createDeflate() : enc === 'deflate-raw' ? zlib.createDeflateRaw() : zlib.createBrotliCompress();
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Content-Encoding': enc === 'deflate-raw' ? 'deflate' : enc });
    stream.pipe(res);
    let n = 0;
    const tick = (): void => {
      n++;
      stream.write(formatEvent({ id: String(n), data: `compressed ${n} ✓` }));
      stream.flush();
      if (n === count) stream.end();
      else timer = setTimeout(tick, everyMs);
    };
    let timer = setTimeout(tick, 0);
    ctx.onClose(() => clearTimeout(timer));
  };
}

describe('SSE connection rules against the stream server, with faults injected', function () {
  this.timeout(30_000);
  let server: StreamServer;
  let other: StreamServer;
  const counters = new Map<string, number>();
  const count = (key: string): number => { const n = (counters.get(key) ?? 0) + 1; counters.set(key, n); return n; };
  let concurrent = 0;
  let maxConcurrent = 0;

  before(async () => {
    other = await createStreamServer({ routes: { '/echo': echo } });
    server = await createStreamServer({ routes: {
      '/echo': echo,
      '/redirect': redirect,
      '/to-other': (_req, res) => { res.writeHead(307, { Location: `${other.url}/echo` }); res.end(); },
      '/status': (_req, res, { url }) => {
        res.writeHead(Number(url.searchParams.get('code')), { 'Content-Type': url.searchParams.get('type') ?? 'text/plain' });
        res.end(`body of ${url.searchParams.get('code')}`);
      },
      '/type': (_req, res, { url }) => {
        const type = url.searchParams.get('ct');
        res.writeHead(200, type === null ? {} : { 'Content-Type': type });
        res.end('data: ok\n\n');
      },
      '/no-content': (_req, res) => { res.writeHead(204); res.end(); },
      '/reset-mid-event': (req, res) => {
        if (req.headers['last-event-id'] === '1') { res.writeHead(204); res.end(); return; }
        writeEventStreamHead(res);
        res.write('retry: 10\n\nid: 1\ndata: one\n\nid: 2\ndata: par');
        setTimeout(() => res.socket?.destroy(), 30);
      },
      '/gzip': compressed('gzip', 3, 40),
      '/deflate': compressed('deflate', 3, 40),
      '/deflate-raw': compressed('deflate-raw', 3, 40),
      '/br': compressed('br', 3, 40),
      '/bad-gzip': (_req, res) => { res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Content-Encoding': 'gzip' }); res.end('this is not gzip'); },
      '/unknown-encoding': (_req, res) => { res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Content-Encoding': 'zstd-ish' }); res.end('x'); },
      '/held-gzip': (_req, res) => {
        // One event, flushed, then the stream stays open: the event must arrive before the response ends.
        const gz = zlib.createGzip();
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Content-Encoding': 'gzip' });
        gz.pipe(res);
        gz.write(formatEvent({ data: 'not held back' }));
        gz.flush();
      },
      '/trickle': (_req, res, ctx) => {
        const bytes = Buffer.from(': hi\n\nid: é1\nevent: t\ndata: trickled 😀\r\n\r\ndata: second\r\rdata: cut', 'utf8');
        writeEventStreamHead(res);
        res.socket?.setNoDelay(true);
        let i = 0;
        const timer = setInterval(() => {
          res.write(bytes.subarray(i, i + 1));
          if (++i === bytes.length) { clearInterval(timer); res.end(); }
        }, 2);
        ctx.onClose(() => clearInterval(timer));
      },
      '/stall': (req, res) => {
        writeEventStreamHead(res);
        res.write(formatEvent({ id: String(count(`stall-${req.headers['x-test'] ?? ''}`)), data: 'then silence' }));
      },
      '/big': (_req, res) => {
        writeEventStreamHead(res);
        const piece = 'x'.repeat(64 * 1024);
        res.write('data: ');
        for (let i = 0; i < 160; i++) res.write(piece); // 10 MiB of data in one event
        res.end('\n\n');
      },
      '/invalid-utf8': (_req, res) => {
        writeEventStreamHead(res);
        res.end(Buffer.concat([Buffer.from('data: a'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('b\n\ndata: '), Buffer.from([0xe2, 0x82]),
          Buffer.from('\n\ndata: z'), Buffer.from([0xf0, 0x9f])]));
      },
      '/huge-retry': (_req, res) => { writeEventStreamHead(res); res.end('retry: 99999999999999\n\n'); },
      '/empty': (_req, res, ctx) => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        ctx.onClose(() => { concurrent--; });
        writeEventStreamHead(res);
        setTimeout(() => res.end('retry: 20\n\n'), 5);
      },
      '/flaky': (req, res) => {
        const n = count(`flaky-${req.headers['x-test']}`);
        if (n <= 2) { res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '0' }); res.end('busy'); return; }
        writeEventStreamHead(res);
        res.end(formatEvent({ data: `after ${n - 1} errors` }));
      },
      '/hang': () => { /* never answers */ },
    } });
  });
  after(async () => { await server.close(); await other.close(); });

  describe('status and content type', () => {
    for (const code of [201, 202, 300, 304, 400, 401, 404, 500, 503]) {
      it(`HTTP ${code} fails the connection with the status, content type and body, and no retry`, async () => {
        const c = connectAndCollect({ url: `${server.url}/status?code=${code}&type=text/plain` });
        const end = await c.handle.done;
        assert.deepEqual(end, { reason: 'http-error', ok: false });
        const [error] = lifecycle(c.records, 'error');
        assert.equal(error!.status, code);
        assert.equal(error!.final, true);
        assert.match(error!.message, new RegExp(`HTTP ${code}`));
        assert.match(error!.message, /text\/plain/);
        if (code !== 304) assert.equal(error!.bodyPreview, `body of ${code}`);
        assert.equal(lifecycle(c.records, 'connecting').length, 1);
      });
    }

    for (const type of ['text/event-streamx', 'text/plain', 'application/json', 'text/event', null]) {
      it(`content type ${JSON.stringify(type)} is not text/event-stream: fails, no retry`, async () => {
        const c = connectAndCollect({ url: `${server.url}/type${type === null ? '' : `?ct=${encodeURIComponent(type)}`}` });
        assert.deepEqual(await c.handle.done, { reason: 'http-error', ok: false });
        const [error] = lifecycle(c.records, 'error');
        assert.equal(error!.reason, 'content-type');
        assert.equal(error!.bodyPreview, 'data: ok\n\n');
        assert.equal(eventsOf(c.records).length, 0);
      });
    }

    for (const type of ['text/event-stream', 'TEXT/Event-Stream', 'text/event-stream; charset=utf-8', 'text/event-stream;charset=UTF-8']) {
      it(`content type ${JSON.stringify(type)} opens the stream`, async () => {
        const c = connectAndCollect({ url: `${server.url}/type?ct=${encodeURIComponent(type)}`, reconnect: false });
        await c.handle.done;
        assert.deepEqual(eventsOf(c.records).map((e) => e.data), ['ok']);
      });
    }

    it('204 No Content stops for good', async () => {
      const c = connectAndCollect({ url: `${server.url}/no-content` });
      assert.deepEqual(await c.handle.done, { reason: 'http-204', ok: true });
      assert.equal(lifecycle(c.records, 'connecting').length, 1);
      assert.equal(lifecycle(c.records, 'reconnect').length, 0);
    });

    it('retry on HTTP errors (opt-in) retries with backoff until the stream opens', async () => {
      const c = connectAndCollect({ url: `${server.url}/flaky`, headers: { 'X-Test': 'opt-in' }, retryHttpErrors: true, initialRetryMs: 20 });
      const records = await c.until((rs) => eventsOf(rs).length === 1);
      c.handle.close();
      const errors = lifecycle(records, 'error');
      assert.deepEqual(errors.map((e) => [e.status, e.final]), [[503, false], [503, false]]);
      const delays = lifecycle(records, 'reconnect').map((r) => r.delay!);
      assert.equal(delays[0], 20);
      assert.ok(delays[1]! >= 20 * 2 * 0.8 && delays[1]! <= 20 * 2 * 1.2, `second delay ${delays[1]} is backed off with jitter`);
      assert.equal(eventsOf(records)[0]!.data, 'after 2 errors');
    });
  });

  describe('drops, timeouts and reconnection', () => {
    it('a reset in the middle of an event: the partial event is discarded, then it reconnects with Last-Event-ID', async () => {
      const c = connectAndCollect({ url: `${server.url}/reset-mid-event` });
      const end = await c.handle.done;
      assert.equal(end.reason, 'http-204');
      const first = c.records.filter((r) => r.attempt === 1);
      assert.deepEqual(eventsOf(first).map((e) => e.data), ['one']);
      const discarded = first.find((r) => r.kind === 'discarded');
      assert.equal(discarded && discarded.kind === 'discarded' && discarded.text, 'id: 2\ndata: par');
      assert.equal(lifecycle(first, 'error')[0]!.reason, 'network');
      const reconnect = lifecycle(c.records, 'reconnect')[0]!;
      assert.equal(reconnect.delay, 10);
      assert.equal(lifecycle(c.records, 'connecting')[1]!.lastEventIdSent, '1', 'the id of the discarded event is not used');
    });

    it('a stalled server trips the idle timeout, which counts as a drop and reconnects', async () => {
      const c = connectAndCollect({ url: `${server.url}/stall`, headers: { 'X-Test': 'idle' }, idleTimeoutMs: 300, initialRetryMs: 10 });
      const records = await c.until((rs) => eventsOf(rs).length >= 2);
      c.handle.close();
      const error = lifecycle(records, 'error')[0]!;
      assert.equal(error.reason, 'idle-timeout');
      assert.ok(error.t - records.find((r) => r.kind === 'event')!.t >= 250, 'not before the idle time');
      assert.equal(lifecycle(records, 'connecting')[1]!.lastEventIdSent, '1');
    });

    it('handle.stall(ms) longer than the idle timeout makes the idle timeout fire', async () => {
      const c = connectAndCollect({ url: `${server.url}/echo`, idleTimeoutMs: 200, reconnect: false });
      c.handle.stall(1000);
      await c.handle.done;
      assert.equal(lifecycle(c.records, 'error')[0]!.reason, 'idle-timeout');
      assert.equal(eventsOf(c.records).length, 0, 'the stalled bytes were never read');
    });

    it('no response headers within the connect timeout fails the attempt', async () => {
      const c = connectAndCollect({ url: `${server.url}/hang`, connectTimeoutMs: 200, reconnect: false });
      assert.equal((await c.handle.done).reason, 'no-reconnect');
      assert.equal(lifecycle(c.records, 'error')[0]!.reason, 'connect-timeout');
    });

    it('a refused connection is a network error that reconnects', async () => {
      const closed = await createStreamServer({ routes: {} });
      const url = `${closed.url}/gone`;
      await closed.close();
      const c = connectAndCollect({ url, initialRetryMs: 10 });
      const records = await c.until((rs) => lifecycle(rs, 'connecting').length >= 2);
      c.handle.close();
      assert.match(lifecycle(records, 'error')[0]!.message, /ECONNREFUSED/);
    });

    it('a huge retry value is capped to what a timer can wait, not fired at once', async () => {
      const c = connectAndCollect({ url: `${server.url}/huge-retry` });
      const records = await c.until((rs) => lifecycle(rs, 'reconnect').length === 1);
      c.handle.close();
      const reconnect = lifecycle(records, 'reconnect')[0]!;
      assert.equal(reconnect.delay, MAX_TIMER_MS);
      assert.equal(reconnect.details!.retryCapped, true);
      assert.equal(lifecycle(records, 'connecting').length, 1);
    });

    it('attempts that end without an event back off exponentially with jitter, never two at once', async () => {
      maxConcurrent = 0;
      const c = connectAndCollect({ url: `${server.url}/empty`, initialRetryMs: 20 });
      // Disconnect requests while a reconnect is pending must not start a parallel attempt.
      const poke = setInterval(() => c.handle.disconnect(), 3);
      const records = await c.until((rs) => lifecycle(rs, 'reconnect').length >= 5, 20_000);
      clearInterval(poke);
      c.handle.close();
      const delays = lifecycle(records, 'reconnect').map((r) => r.delay!);
      for (let i = 1; i < delays.length; i++) {
        const grown = 20 * 2 ** i;
        assert.ok(delays[i]! >= grown * 0.8 && delays[i]! <= grown * 1.2, `delay ${i} = ${delays[i]} within ±20 % of ${grown}`);
      }
      assert.equal(maxConcurrent, 1);
      const connecting = lifecycle(records, 'connecting').length;
      assert.ok(connecting <= delays.length + 1, `${connecting} attempts for ${delays.length} reconnects`);
    });
  });

  describe('request: method, body, headers', () => {
    it('sends Accept: text/event-stream and Cache-Control: no-cache by default; headers override them', async () => {
      const c = connectAndCollect({ url: `${server.url}/echo`, reconnect: false, headers: { accept: 'text/event-stream, */*' } });
      await c.handle.done;
      assert.equal(JSON.parse(eventsOf(c.records)[0]!.data).accept, 'text/event-stream, */*');
      const sent = lifecycle(c.records, 'connecting')[0]!.headers!;
      assert.equal(sent['Cache-Control'], 'no-cache');
      assert.equal(Object.keys(sent).filter((h) => h.toLowerCase() === 'accept').length, 1);
    });

    it('a JSON body is serialized with Content-Type: application/json', async () => {
      const c = connectAndCollect({ url: `${server.url}/echo`, method: 'POST', json: { prompt: 'hé', n: 1 }, reconnect: false });
      await c.handle.done;
      const seen = JSON.parse(eventsOf(c.records)[0]!.data);
      assert.deepEqual([seen.method, seen.body, seen.contentType], ['POST', '{"prompt":"hé","n":1}', 'application/json']);
    });

    it('a body read from a file is sent as is', async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sd-body-')), 'body.txt');
      fs.writeFileSync(file, 'from a file ✓');
      const c = connectAndCollect({ url: `${server.url}/echo`, method: 'PUT', bodyFile: file, headers: { 'Content-Type': 'text/plain' }, reconnect: false });
      await c.handle.done;
      assert.equal(JSON.parse(eventsOf(c.records)[0]!.data).body, 'from a file ✓');
    });

    it('a missing body file is a clear error before anything is sent', () => {
      assert.throws(() => connectAndCollect({ url: `${server.url}/echo`, bodyFile: '/nonexistent/body.json' }), /cannot read body file \/nonexistent\/body\.json: ENOENT/);
    });
  });

  describe('redirects (Fetch Standard rules)', () => {
    for (const [code, method, expectMethod, bodyKept] of [
      [301, 'POST', 'GET', false], [302, 'POST', 'GET', false], [303, 'POST', 'GET', false], [303, 'PUT', 'GET', false],
      [307, 'POST', 'POST', true], [308, 'POST', 'POST', true], [301, 'PUT', 'PUT', true], [302, 'GET', 'GET', false],
    ] as const) {
      it(`${code} on ${method} continues as ${expectMethod}${bodyKept ? ' with the body' : ''}, each hop a redirect record`, async () => {
        const body = method === 'GET' ? {} : { body: 'payload', headers: { 'Content-Type': 'text/plain' } };
        const c = connectAndCollect({ url: `${server.url}/redirect?code=${code}&hops=2&to=/echo`, method, reconnect: false, ...body });
        await c.handle.done;
        const redirects = lifecycle(c.records, 'redirect');
        assert.deepEqual(redirects.map((r) => [r.status, r.details!.count]), [[code, 1], [code, 2]]);
        assert.equal(redirects[1]!.url, `${server.url}/echo`);
        const seen = JSON.parse(eventsOf(c.records)[0]!.data);
        assert.equal(seen.method, expectMethod);
        assert.equal(seen.body, bodyKept ? 'payload' : '');
        assert.equal(seen.contentType, bodyKept ? 'text/plain' : null);
        assert.equal(lifecycle(c.records, 'open')[0]!.url, `${server.url}/echo`);
      });
    }

    it('follows 20 redirects, and fails on the 21st', async () => {
      const ok = connectAndCollect({ url: `${server.url}/redirect?code=302&hops=20&to=/echo`, reconnect: false });
      await ok.handle.done;
      assert.equal(lifecycle(ok.records, 'redirect').length, 20);
      assert.equal(eventsOf(ok.records).length, 1);
      const tooMany = connectAndCollect({ url: `${server.url}/redirect?code=302&hops=21&to=/echo`, reconnect: false });
      await tooMany.handle.done;
      assert.equal(lifecycle(tooMany.records, 'error')[0]!.reason, 'too-many-redirects');
      assert.equal(eventsOf(tooMany.records).length, 0);
    });

    it('drops Authorization on a redirect to another origin', async () => {
      const c = connectAndCollect({ url: `${server.url}/to-other`, headers: { Authorization: 'Bearer s3cret' }, reconnect: false });
      await c.handle.done;
      assert.equal(JSON.parse(eventsOf(c.records)[0]!.data).authorization, null);
      assert.deepEqual(lifecycle(c.records, 'redirect')[0]!.details!.droppedHeaders, ['Authorization']);
    });
  });

  describe('content encoding', () => {
    for (const enc of ['gzip', 'deflate', 'deflate-raw', 'br']) {
      it(`${enc}: decoded as a stream`, async () => {
        const c = connectAndCollect({ url: `${server.url}/${enc}`, reconnect: false });
        await c.handle.done;
        assert.deepEqual(eventsOf(c.records).map((e) => [e.id, e.data]), [['1', 'compressed 1 ✓'], ['2', 'compressed 2 ✓'], ['3', 'compressed 3 ✓']]);
        const closed = lifecycle(c.records, 'closed')[0]!;
        assert.ok(closed.bytes! > 0 && closed.rawOffset! > 0);
      });
    }

    it('a flushed compressed event is delivered while the response is still open', async () => {
      const c = connectAndCollect({ url: `${server.url}/held-gzip` });
      await c.until((rs) => eventsOf(rs).length === 1);
      assert.equal(lifecycle(c.records, 'closed').length, 0, 'the response has not ended');
      c.handle.close();
    });

    it('a corrupt gzip body is a clear decode error', async () => {
      const c = connectAndCollect({ url: `${server.url}/bad-gzip`, reconnect: false });
      await c.handle.done;
      const error = lifecycle(c.records, 'error')[0]!;
      assert.equal(error.reason, 'decode');
      assert.match(error.message, /cannot decode the gzip body/);
    });

    it('an unsupported Content-Encoding fails the connection and says which', async () => {
      const c = connectAndCollect({ url: `${server.url}/unknown-encoding` });
      assert.equal((await c.handle.done).ok, false);
      assert.match(lifecycle(c.records, 'error')[0]!.message, /unsupported Content-Encoding "zstd-ish"/);
    });
  });

  describe('bytes', () => {
    it('a slow trickle, one byte per write, gives the same records as the spec', async () => {
      const c = connectAndCollect({ url: `${server.url}/trickle`, reconnect: false });
      await c.handle.done;
      const shown = c.records.filter((r) => ['event', 'comment', 'discarded'].includes(r.kind)).map((r) =>
        r.kind === 'event' ? ['event', r.type, r.data, r.lastEventId] : r.kind === 'comment' ? ['comment', r.text] : ['discarded', (r as { text: string }).text]);
      assert.deepEqual(shown, [['comment', ' hi'], ['event', 't', 'trickled 😀', 'é1'], ['event', 'message', 'second', 'é1'], ['discarded', 'data: cut']]);
    });

    it('a 10 MB event arrives whole', async () => {
      const c = connectAndCollect({ url: `${server.url}/big`, reconnect: false });
      await c.handle.done;
      const [event] = eventsOf(c.records);
      assert.equal(event!.data.length, 160 * 64 * 1024);
      assert.equal(event!.bytes, 160 * 64 * 1024);
      assert.ok(/^x+$/.test(event!.data));
    });

    it('invalid UTF-8 becomes U+FFFD, also at the end of a response', async () => {
      const c = connectAndCollect({ url: `${server.url}/invalid-utf8`, reconnect: false });
      await c.handle.done;
      assert.deepEqual(eventsOf(c.records).map((e) => e.data), ['a\ufffd\ufffd\ufffdb', '\ufffd']);
      const discarded = c.records.find((r) => r.kind === 'discarded');
      assert.equal(discarded && discarded.kind === 'discarded' && discarded.text, 'data: z\ufffd', 'a truncated character at the end is U+FFFD too');
    });

    it('every record carries t and rawOffset; the raw-bytes log holds the body as received', async () => {
      const c = connectAndCollect({ url: `${server.url}/trickle`, reconnect: false });
      await c.handle.done;
      let previous = 0;
      for (const r of c.records) {
        assert.equal(typeof r.t, 'number');
        assert.ok(r.rawOffset! >= previous, `rawOffset never goes back (${JSON.stringify(r)})`);
        previous = r.rawOffset!;
      }
      const log = c.handle.rawLog.get(1)!;
      const body = Buffer.concat(log.chunks.map((ch) => ch.bytes)).toString('utf8');
      assert.equal(body, ': hi\n\nid: é1\nevent: t\ndata: trickled 😀\r\n\r\ndata: second\r\rdata: cut');
      assert.equal(log.received, Buffer.byteLength(body));
      assert.equal(lifecycle(c.records, 'closed')[0]!.rawOffset, log.received);
    });
  });
});
