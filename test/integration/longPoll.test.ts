import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { connect, ConnectError } from '../../src/core/connect';
import { createLongPollTransport } from '../../src/core/longpoll/longPollTransport';
import type { LifecycleRecord, StreamRecord } from '../../src/core/records';
import { startDemoServer } from '../../src/core/server/demoFeeds';
import { createStreamServer, formatEvent, type RouteHandler, type StreamServer } from '../../src/core/server/streamServer';
import { connectAndCollect, eventsOf } from '../helpers/collect';
import { answer, intParam, PollLog } from '../helpers/pollLog';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/captures');

function polls(records: StreamRecord[]): LifecycleRecord[] {
  return records.filter((r): r is LifecycleRecord => r.kind === 'poll');
}

function ofKind(records: StreamRecord[], kind: LifecycleRecord['kind']): LifecycleRecord[] {
  return records.filter((r): r is LifecycleRecord => r.kind === kind);
}

async function serve(routes: Record<string, RouteHandler>): Promise<StreamServer> {
  return createStreamServer({ routes });
}

describe('long polling (real HTTP servers on 127.0.0.1)', function () {
  this.timeout(30_000);
  let server: StreamServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  describe('decoders', () => {
    it('a JSON array: each item an event, type from "type", id from "id", data the item JSON; cursor from the last id', async () => {
      const log = new PollLog();
      log.append(3, 'created');
      server = await serve({
        '/array': (req, res, ctx) => {
          log.see(req, ctx);
          log.hold(ctx, intParam(ctx.url, 'cursor'), 5_000, (fresh) => answer(res, 200, 'application/json', JSON.stringify(fresh)));
        },
      });
      const c = connectAndCollect({ url: `${server.url}/array`, mode: 'long-poll' });
      try {
        await c.until((rs) => eventsOf(rs).length >= 3);
        log.append(2, 'updated');
        const records = await c.until((rs) => eventsOf(rs).length >= 5);
        const events = eventsOf(records);
        assert.deepEqual(events.map((e) => e.id), ['1', '2', '3', '4', '5']);
        assert.deepEqual(events.map((e) => e.type), ['created', 'created', 'created', 'updated', 'updated']);
        assert.deepEqual(JSON.parse(events[3]!.data), log.events[3]);
        assert.equal(events[3]!.bytes, Buffer.byteLength(events[3]!.data));
        assert.equal(events[4]!.lastEventId, '5');
        assert.ok(events.every((e) => e.flags === undefined), 'no flags on a clean stream');
        // The second poll carried the cursor as a query parameter and as Last-Event-ID.
        const second = log.requests[1]!;
        assert.equal(second.url.searchParams.get('cursor'), '3');
        assert.equal(second.headers['last-event-id'], '3');
        assert.equal(log.requests[0]!.url.searchParams.get('cursor'), null, 'no cursor before the first answer');
        const first = polls(records)[0]!;
        assert.equal(first.status, 200);
        assert.equal(first.details?.events, 3);
        assert.equal(first.details?.format, 'json-array');
        assert.equal(first.details?.nextCursor, '3');
        assert.ok((first.bytes ?? 0) > 0);
        assert.equal(records[0]!.kind, 'connecting');
        assert.equal(records[1]!.kind, 'open');
        assert.equal(ofKind(records, 'error').length, 0);
      } finally { c.handle.close(); }
    });

    it('a JSON object: the first array among events/messages/updates/data/result by default, or a configured path', async () => {
      const log = new PollLog();
      log.append(2, 'chat');
      server = await serve({
        '/default': (_req, res, ctx) => log.hold(ctx, intParam(ctx.url, 'cursor'), 5_000, (fresh) =>
          answer(res, 200, 'application/json; charset=utf-8', JSON.stringify({ ok: true, count: fresh.length, messages: fresh, data: ['not', 'these'] }))),
        '/nested': (_req, res, ctx) => log.hold(ctx, intParam(ctx.url, 'cursor'), 5_000, (fresh) =>
          answer(res, 200, 'application/json', JSON.stringify({ events: 'a string, not the events', payload: { items: fresh } }))),
      });
      const byDefault = connectAndCollect({ url: `${server.url}/default`, mode: 'long-poll' });
      const byPath = connectAndCollect({ url: `${server.url}/nested`, mode: 'long-poll', longPoll: { eventsPath: 'payload.items' } });
      try {
        const [a, b] = await Promise.all([byDefault.until((rs) => eventsOf(rs).length >= 2), byPath.until((rs) => eventsOf(rs).length >= 2)]);
        for (const records of [a, b]) {
          assert.deepEqual(eventsOf(records).map((e) => [e.id, e.type]), [['1', 'chat'], ['2', 'chat']]);
          assert.equal(polls(records)[0]!.details?.format, 'json-object');
        }
        assert.equal(polls(a)[0]!.details?.eventsPath, 'messages');
        assert.equal(polls(b)[0]!.details?.eventsPath, 'payload.items');
      } finally {
        byDefault.handle.close();
        byPath.handle.close();
      }
    });

    it('NDJSON: one event per line, data exactly the line; the type falls back to "event", then "message"', async () => {
      const lines = ['{"id":"a1","event":"open","n":1}', '{"id":"a2", "kind":"no type field"}', '{"id":"a3","type":"typed","event":"ignored"}'];
      const log = new PollLog();
      server = await serve({
        '/nd': (_req, res, ctx) => {
          if (ctx.url.searchParams.get('cursor') === 'a3') return log.hold(ctx, Number.MAX_SAFE_INTEGER, 5_000, () => answer(res, 200, 'application/x-ndjson', ''));
          answer(res, 200, 'application/x-ndjson', `${lines.join('\r\n')}\r\n`);
        },
      });
      const c = connectAndCollect({ url: `${server.url}/nd`, mode: 'long-poll' });
      try {
        const records = await c.until((rs) => polls(rs).length >= 1);
        const events = eventsOf(records);
        assert.deepEqual(events.map((e) => e.data), lines);
        assert.deepEqual(events.map((e) => e.type), ['open', 'message', 'typed']);
        assert.equal(polls(records)[0]!.details?.format, 'ndjson');
      } finally { c.handle.close(); }
    });

    it('a text/event-stream body goes through the SSE parser: ids, types, comments, multi-line data', async () => {
      server = await serve({
        '/sse': (_req, res, ctx) => {
          const cursor = ctx.url.searchParams.get('cursor');
          if (cursor === 'e2') {
            setTimeout(() => answer(res, 204, 'text/event-stream', ''), 300).unref();
            return;
          }
          answer(res, 200, 'text/event-stream', `: batch\n\n${formatEvent({ id: 'e1', event: 'tick', data: 'one' })}${formatEvent({ id: 'e2', data: 'two\nlines' })}`);
        },
      });
      const c = connectAndCollect({ url: `${server.url}/sse`, mode: 'long-poll' });
      try {
        const records = await c.until((rs) => eventsOf(rs).length >= 2);
        const events = eventsOf(records);
        assert.deepEqual(events.map((e) => [e.id, e.type, e.data]), [['e1', 'tick', 'one'], ['e2', 'message', 'two\nlines']]);
        assert.ok(records.some((r) => r.kind === 'comment' && r.text === ' batch'));
        assert.equal(polls(records)[0]!.details?.format, 'event-stream');
        await c.until((rs) => polls(rs).length >= 2);
        assert.equal(polls(c.records)[1]!.details?.cursorSent, 'e2');
      } finally { c.handle.close(); }
    });
  });

  it('204 and empty arrays are empty answers: no error, and the next poll goes out at once', async () => {
    const arrivals: number[] = [];
    server = await serve({
      '/empty': (_req, res) => {
        arrivals.push(Date.now());
        const n = arrivals.length;
        // Each answer is held 300 ms, like a server whose hold ran out.
        setTimeout(() => {
          if (n === 1) answer(res, 204, 'application/json', '');
          else if (n === 2) answer(res, 200, 'application/json', '[]');
          else if (n === 3) answer(res, 200, 'application/json', '{"events":[]}');
          else if (n === 4) answer(res, 200, 'application/json', '[{"id":1,"type":"finally"}]');
          else setTimeout(() => answer(res, 200, 'application/json', '[]'), 5_000).unref();
        }, 300).unref();
      },
    });
    const c = connectAndCollect({ url: `${server.url}/empty`, mode: 'long-poll' });
    try {
      const records = await c.until((rs) => eventsOf(rs).length >= 1);
      assert.equal(ofKind(records, 'error').length, 0);
      assert.equal(ofKind(records, 'reconnect').length, 0);
      const ps = polls(records);
      assert.deepEqual(ps.slice(0, 4).map((p) => [p.status, p.details?.events]), [[204, 0], [200, 0], [200, 0], [200, 1]]);
      for (let i = 1; i < 4; i++) {
        const gap = arrivals[i]! - (ps[i - 1]!.t);
        assert.ok(gap < 700, `poll ${i + 1} went out ${gap} ms after the previous answer`);
      }
    } finally { c.handle.close(); }
  });

  it('an empty answer that was not held is re-polled no faster than minIntervalMs', async () => {
    const arrivals: number[] = [];
    server = await serve({ '/fast': (_req, res) => { arrivals.push(Date.now()); answer(res, 200, 'application/json', '[]'); } });
    const c = connectAndCollect({ url: `${server.url}/fast`, mode: 'long-poll', longPoll: { minIntervalMs: 200 } });
    try {
      await c.until((rs) => polls(rs).length >= 4);
      c.handle.close();
      const gaps = arrivals.slice(1, 4).map((t, i) => t - arrivals[i]!);
      assert.ok(gaps.every((g) => g >= 150), `gaps ${gaps.join(', ')} ms`);
    } finally { c.handle.close(); }
  });

  it('a server that ignores the cursor and repeats itself at once is re-polled no faster than minIntervalMs', async () => {
    const arrivals: number[] = [];
    server = await serve({ '/same': (_req, res) => { arrivals.push(Date.now()); answer(res, 200, 'application/json', '[{"id":1},{"id":2}]'); } });
    const c = connectAndCollect({ url: `${server.url}/same`, mode: 'long-poll', longPoll: { minIntervalMs: 200 } });
    try {
      const records = await c.until((rs) => polls(rs).length >= 4);
      c.handle.close();
      const gaps = arrivals.slice(2, 4).map((t, i) => t - arrivals[i + 1]!);
      assert.ok(gaps.every((g) => g >= 150), `repeats: gaps ${gaps.join(', ')} ms`);
      assert.ok(eventsOf(records).slice(2).every((e) => e.flags?.includes('duplicate')));
    } finally { c.handle.close(); }
  });

  describe('cursors', () => {
    it('from a JSON path in the body, sent in a configured query parameter and header', async () => {
      const log = new PollLog();
      log.append(2);
      const token = (n: number): string => `tok-${(n * 7919).toString(36)}`;
      const fromToken = (t: string | null): number => {
        if (!t) return 0;
        for (const e of log.events) if (token(e.id) === t) return e.id;
        return 0;
      };
      server = await serve({
        '/paged': (req, res, ctx) => {
          log.see(req, ctx);
          const after = fromToken(ctx.url.searchParams.get('page'));
          log.hold(ctx, after, 5_000, (fresh) => answer(res, 200, 'application/json',
            JSON.stringify({ result: fresh.map((e) => ({ uid: `u${e.id}`, kind: e.type })), meta: { next: token(fresh.at(-1)?.id ?? after) } })));
        },
      });
      const c = connectAndCollect({
        url: `${server.url}/paged`, mode: 'long-poll',
        longPoll: { cursorPath: 'meta.next', cursorParam: 'page', cursorSendHeader: 'X-Page-Token', sendLastEventId: false, idField: 'uid', typeField: 'kind' },
      });
      try {
        await c.until((rs) => eventsOf(rs).length >= 2);
        log.append(1);
        const records = await c.until((rs) => eventsOf(rs).length >= 3);
        assert.deepEqual(eventsOf(records).map((e) => e.id), ['u1', 'u2', 'u3']);
        const second = log.requests[1]!;
        assert.equal(second.url.searchParams.get('page'), token(2));
        assert.equal(second.headers['x-page-token'], token(2));
        assert.equal(second.headers['last-event-id'], undefined);
        assert.equal(polls(records)[0]!.details?.nextCursor, token(2));
      } finally { c.handle.close(); }
    });

    it("from a response header (Consul's X-Consul-Index), for answers whose items have no ids", async () => {
      let index = 40;
      const seen: Array<string | null> = [];
      server = await serve({
        '/v1/kv/*': (_req, res, ctx) => {
          const asked = ctx.url.searchParams.get('index');
          seen.push(asked);
          const reply = (): void => answer(res, 200, 'application/json', JSON.stringify([{ Key: 'config/flag', Value: Buffer.from(`v${index}`).toString('base64'), ModifyIndex: index }]), { 'X-Consul-Index': String(index) });
          if (asked === null || Number(asked) < index) return reply();
          const timer = setTimeout(() => { index++; reply(); }, 150);
          ctx.onClose(() => clearTimeout(timer));
        },
      });
      const c = connectAndCollect({ url: `${server.url}/v1/kv/config/flag`, mode: 'long-poll', longPoll: { cursorHeader: 'X-Consul-Index', cursorParam: 'index' } });
      try {
        const records = await c.until((rs) => eventsOf(rs).length >= 3);
        assert.deepEqual(seen.slice(0, 3), [null, '40', '41']);
        assert.ok(eventsOf(records).every((e) => e.id === null && e.type === 'message'));
        assert.equal(polls(records)[1]!.details?.nextCursor, '41');
      } finally { c.handle.close(); }
    });

    it("offset style (Telegram's getUpdates): sends last id + 1 and gets each update once", async () => {
      const updates: Array<{ update_id: number; message: { text: string } }> = [];
      let next = 500;
      const offsets: Array<string | null> = [];
      const add = (n: number): void => { for (let i = 0; i < n; i++) updates.push({ update_id: next, message: { text: `hello ${next++}` } }); };
      add(3);
      server = await serve({
        '/bot/getUpdates': (_req, res, ctx) => {
          const offset = ctx.url.searchParams.get('offset');
          offsets.push(offset);
          // Telegram: updates with update_id >= offset; an offset confirms everything before it.
          const fresh = updates.filter((u) => offset === null || u.update_id >= Number(offset));
          if (fresh.length) return answer(res, 200, 'application/json', JSON.stringify({ ok: true, result: fresh }));
          const timer = setTimeout(() => { add(2); answer(res, 200, 'application/json', JSON.stringify({ ok: true, result: updates.filter((u) => u.update_id >= Number(offset)) })); }, 200);
          ctx.onClose(() => clearTimeout(timer));
        },
      });
      const c = connectAndCollect({ url: `${server.url}/bot/getUpdates?timeout=30`, mode: 'long-poll', longPoll: { idField: 'update_id', cursorParam: 'offset', cursorStyle: 'offset' } });
      try {
        const records = await c.until((rs) => eventsOf(rs).length >= 7);
        const ids = eventsOf(records).map((e) => e.id);
        assert.deepEqual(ids.slice(0, 7), ['500', '501', '502', '503', '504', '505', '506']);
        assert.deepEqual(offsets.slice(0, 3), [null, '503', '505']);
        assert.ok(eventsOf(records).every((e) => !e.flags), 'no duplicates');
      } finally { c.handle.close(); }
    });

    it('a server that ignores the cursor: repeated ids are flagged duplicate, and a cursor that goes back is flagged', async () => {
      let n = 0;
      server = await serve({
        '/stubborn': (_req, res) => {
          n++;
          const body = JSON.stringify(n === 1 ? [{ id: 1 }, { id: 2 }, { id: 3 }] : n === 2 ? [{ id: 2 }, { id: 4 }] : []);
          const header = { 'X-Seq': String(n === 2 ? 5 : 10 + n) };
          if (n <= 2) answer(res, 200, 'application/json', body, header);
          else setTimeout(() => answer(res, 200, 'application/json', '[]', header), 5_000).unref();
        },
      });
      const c = connectAndCollect({ url: `${server.url}/stubborn`, mode: 'long-poll', longPoll: { cursorHeader: 'X-Seq' } });
      try {
        const records = await c.until((rs) => eventsOf(rs).length >= 5);
        const events = eventsOf(records);
        assert.deepEqual(events.map((e) => [e.id, e.flags ?? []]), [['1', []], ['2', []], ['3', []], ['2', ['duplicate']], ['4', []]]);
        const second = polls(records)[1]!;
        assert.deepEqual(second.details?.flags, ['cursor-backwards']);
        assert.match(second.message, /cursor went back to 5/);
      } finally { c.handle.close(); }
    });
  });

  describe('failures', () => {
    it('HTTP 500: an error record with the body, then backoff 1 s doubling, reset after a success (gaps measured)', async () => {
      const arrivals: number[] = [];
      const statuses = [200, 500, 500, 200, 503, 200];
      server = await serve({
        '/flaky': (_req, res) => {
          arrivals.push(Date.now());
          const status = statuses[arrivals.length - 1];
          if (status === undefined) return void setTimeout(() => answer(res, 200, 'application/json', '[]'), 5_000).unref();
          if (status === 200) answer(res, 200, 'application/json', JSON.stringify([{ id: arrivals.length }]));
          else answer(res, status, 'text/plain', `upstream exploded (${status})`);
        },
      });
      const c = connectAndCollect({ url: `${server.url}/flaky`, mode: 'long-poll' });
      try {
        const records = await c.until((rs) => polls(rs).length >= 6, 20_000);
        const errors = ofKind(records, 'error');
        assert.equal(errors.length, 3);
        assert.equal(errors[0]!.status, 500);
        assert.equal(errors[0]!.reason, 'http-status');
        assert.equal(errors[0]!.bodyPreview, 'upstream exploded (500)');
        assert.match(errors[0]!.message, /HTTP 500/);
        const delays = ofKind(records, 'reconnect').map((r) => r.delay!);
        assert.equal(delays.length, 3);
        assert.ok(delays[0]! >= 800 && delays[0]! <= 1200, `first backoff ${delays[0]}`);
        assert.ok(delays[1]! >= 1600 && delays[1]! <= 2400, `second backoff ${delays[1]}`);
        assert.ok(delays[2]! >= 800 && delays[2]! <= 1200, `backoff reset after a success: ${delays[2]}`);
        // Measured on the server: the gap after the first 500 is about the backoff, loosely (the machine is shared).
        const gap = arrivals[2]! - arrivals[1]!;
        assert.ok(gap >= 750 && gap < 4000, `gap after the first 500 was ${gap} ms`);
        const gap2 = arrivals[3]! - arrivals[2]!;
        assert.ok(gap2 >= 1500 && gap2 < 6000, `gap after the second 500 was ${gap2} ms`);
        // Each failure starts a new run: connecting again, with the cursor.
        assert.equal(ofKind(records, 'connecting').length, 4);
        assert.deepEqual(eventsOf(records).map((e) => e.id), ['1', '4', '6']);
      } finally { c.handle.close(); }
    });

    it('bad answers (an HTML page, a body that is not JSON, the wrong shape) give clear errors; what was captured stays', async () => {
      let n = 0;
      server = await serve({
        '/bad': (_req, res) => {
          n++;
          if (n === 1) answer(res, 200, 'application/json', '[{"id":1,"type":"good"},{"id":2,"type":"good"}]');
          else if (n === 2) answer(res, 200, 'text/html', '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
          else if (n === 3) answer(res, 200, 'application/json', '{"events": [{"id": 3}');
          else if (n === 4) answer(res, 200, 'application/json', '{"status":"ok","items":[{"id":3}]}');
          else setTimeout(() => answer(res, 200, 'application/json', '[]'), 5_000).unref();
        },
      });
      const c = connectAndCollect({ url: `${server.url}/bad`, mode: 'long-poll' });
      try {
        const records = await c.until((rs) => ofKind(rs, 'error').length >= 3, 20_000);
        const [html, notJson, shape] = ofKind(records, 'error');
        assert.equal(html!.reason, 'html-page');
        assert.match(html!.message, /HTML page/);
        assert.match(html!.bodyPreview ?? '', /^<!DOCTYPE html>.*502 Bad Gateway/);
        assert.equal(notJson!.reason, 'not-json');
        assert.equal(notJson!.bodyPreview, '{"events": [{"id": 3}');
        assert.equal(shape!.reason, 'wrong-shape');
        assert.match(shape!.message, /keys: status, items/);
        assert.deepEqual(eventsOf(records).map((e) => e.id), ['1', '2'], 'the good events stay');
        // The bad answers did not move the cursor.
        assert.ok(polls(records).slice(1, 4).every((p) => p.details?.cursorSent === '2'));
      } finally { c.handle.close(); }
    });

    it('the client timeout ends a poll the server holds too long, and polling goes on', async () => {
      server = await serve({ '/slow': () => undefined });
      const c = connectAndCollect({ url: `${server.url}/slow`, mode: 'long-poll', longPoll: { timeoutMs: 300 } });
      try {
        const records = await c.until((rs) => ofKind(rs, 'reconnect').length >= 1);
        const error = ofKind(records, 'error')[0]!;
        assert.equal(error.reason, 'poll-timeout');
        assert.match(error.message, /300 ms/);
      } finally { c.handle.close(); }
    });

    it('with reconnect off, the first failure is final', async () => {
      server = await serve({ '/down': (_req, res) => answer(res, 503, 'text/plain', 'maintenance') });
      const c = connectAndCollect({ url: `${server.url}/down`, mode: 'long-poll', reconnect: false });
      const end = await c.handle.done;
      assert.equal(end.ok, false);
      const error = ofKind(c.records, 'error')[0]!;
      assert.equal(error.final, true);
      assert.equal(ofKind(c.records, 'reconnect').length, 0);
    });

    it('bad long-poll options are refused before any request, naming the field', () => {
      assert.throws(() => connect({ url: 'http://127.0.0.1:9/x', mode: 'long-poll', longPoll: { cursorFrom: 'body' } }, { onRecord: () => undefined }),
        (err: unknown) => err instanceof ConnectError && err.type === 'invalid-option' && /cursorPath/.test(err.message));
      assert.throws(() => connect({ url: 'http://127.0.0.1:9/x', mode: 'long-poll', longPoll: { timeoutMs: -1 } }, { onRecord: () => undefined }), /timeoutMs/);
    });
  });

  describe('disconnects', () => {
    it('an abort in flight (even mid-answer) resumes from the cursor with no loss and no duplicates', async () => {
      const log = new PollLog();
      log.append(3);
      let partialSent = false;
      server = await serve({
        '/log': (_req, res, ctx) => {
          const after = intParam(ctx.url, 'cursor');
          log.hold(ctx, after, 10_000, (fresh) => {
            if (!partialSent && after === 3) {
              // Half an answer, then nothing: the client is cut while reading it.
              partialSent = true;
              res.writeHead(200, { 'Content-Type': 'application/json' });
              res.write(JSON.stringify(fresh).slice(0, 20));
              return;
            }
            answer(res, 200, 'application/json', JSON.stringify(fresh));
          });
        },
      });
      const c = connectAndCollect({ url: `${server.url}/log`, mode: 'long-poll' });
      try {
        await c.until((rs) => eventsOf(rs).length >= 3);
        await c.until((rs) => polls(rs).length >= 1 && rs.at(-1)!.kind === 'event');
        await new Promise((r) => setTimeout(r, 100)); // the second poll is now held by the server
        log.append(2); // answered with half a body
        await new Promise((r) => setTimeout(r, 200));
        const drop = { simulated: true, message: 'simulated disconnect', midEvent: true }; // mid-event: a plain abort here
        c.handle.disconnect(drop);
        log.append(2); // arrives while we are away
        const records = await c.until((rs) => eventsOf(rs).length >= 7);
        assert.deepEqual(eventsOf(records).map((e) => e.id), ['1', '2', '3', '4', '5', '6', '7']);
        assert.ok(eventsOf(records).every((e) => !e.flags));
        const aborted = polls(records).find((p) => p.details?.answered === true && p.details?.events === 0)!;
        assert.ok(aborted, 'the aborted poll has its own record');
        assert.ok((aborted.bytes ?? 0) > 0, 'it shows the bytes that were discarded');
        const error = ofKind(records, 'error')[0]!;
        assert.equal(error.simulated, true);
        assert.equal(error.reason, 'simulated-disconnect');
        assert.match(error.message, /cursor 3/);
        const resumed = ofKind(records, 'connecting')[1]!;
        assert.equal(resumed.lastEventIdSent, '3');
        const reconnects = ofKind(records, 'reconnect');
        assert.ok(reconnects.length === 1);
        // Our own drop is no failure of the server (it was labelled "failure 1 in a row").
        assert.match(reconnects[0]!.message, /^next poll in \d+ ms from cursor 3 \(simulated disconnect\)$/);
        assert.equal(reconnects[0]!.simulated, true);
      } finally { c.handle.close(); }
    });

    it('a drop asked for while an answer is handed out lands after that answer; the next poll resumes after it', async () => {
      const log = new PollLog();
      log.append(3);
      server = await serve({
        '/drop': (req, res, ctx) => {
          log.see(req, ctx);
          log.hold(ctx, intParam(ctx.url, 'cursor'), 5_000, (fresh) => answer(res, 200, 'application/json', JSON.stringify(fresh)));
        },
      });
      const records: StreamRecord[] = [];
      let dropped = false;
      const handle = connect({ url: `${server.url}/drop`, mode: 'long-poll' }, {
        onRecord: (r) => {
          records.push(r);
          // Like --disconnect-after 2: the drop is asked for from inside the record stream, mid-answer.
          if (r.kind === 'event' && r.id === '2' && !dropped) {
            dropped = true;
            handle.disconnect({ simulated: true, message: 'simulated disconnect after 2 event(s)' });
            log.append(1);
          }
        },
      });
      try {
        const started = Date.now();
        while (!records.some((r) => r.kind === 'event' && r.id === '4') && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
        const kinds = records.filter((r) => r.kind !== 'poll').map((r) => (r.kind === 'event' ? `event ${r.id}` : r.kind));
        assert.deepEqual(kinds, ['connecting', 'open', 'event 1', 'event 2', 'event 3', 'error', 'reconnect', 'connecting', 'open', 'event 4']);
        const error = ofKind(records, 'error')[0]!;
        assert.equal(error.simulated, true);
        assert.match(error.message, /after the answer/);
        assert.equal(log.requests[1]!.url.searchParams.get('cursor'), '3', 'the next poll resumes after the whole answer');
      } finally { handle.close(); }
    });

    it('stall delays the next poll', async () => {
      const arrivals: number[] = [];
      server = await serve({ '/s': (_req, res) => { arrivals.push(Date.now()); setTimeout(() => answer(res, 200, 'application/json', '[]'), 100).unref(); } });
      let polled = 0;
      const handle = createLongPollTransport({ url: `${server.url}/s`, mode: 'long-poll', longPoll: { minIntervalMs: 0 } }, (r) => {
        if (r.kind === 'poll' && ++polled === 1) handle.stall(600); // between polls: delays the next one
      });
      try {
        await new Promise<void>((resolve, reject) => {
          const started = Date.now();
          const check = setInterval(() => {
            if (arrivals.length >= 2) { clearInterval(check); resolve(); }
            else if (Date.now() - started > 10_000) { clearInterval(check); reject(new Error('no second poll')); }
          }, 20);
        });
        const gap = arrivals[1]! - arrivals[0]!;
        assert.ok(gap >= 550, `second poll ${gap} ms after the first`);
      } finally { handle.close(); }
    });
  });

  describe('HTTP, shared with SSE', () => {
    it('follows a redirect per poll (a redirect record), decodes a gzip answer, and logs the raw body bytes', async () => {
      const log = new PollLog();
      log.append(2);
      server = await serve({
        '/old': (_req, res, ctx) => {
          res.writeHead(307, { Location: `/new${ctx.url.search}` });
          res.end();
        },
        '/new': (_req, res, ctx) => log.hold(ctx, intParam(ctx.url, 'cursor'), 5_000, (fresh) => {
          if (res.destroyed) return;
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
          res.end(zlib.gzipSync(JSON.stringify(fresh)));
        }),
      });
      const c = connectAndCollect({ url: `${server.url}/old`, mode: 'long-poll' });
      try {
        await c.until((rs) => eventsOf(rs).length >= 2);
        log.append(1);
        const records = await c.until((rs) => eventsOf(rs).length >= 3);
        assert.deepEqual(eventsOf(records).map((e) => e.id), ['1', '2', '3']);
        const redirects = ofKind(records, 'redirect');
        assert.ok(redirects.length >= 2, 'one redirect record per poll');
        assert.match(redirects[1]!.url ?? '', /\/new\?cursor=2$/);
        // The raw log holds the decoded bodies of the run; each event points at the end of its answer.
        const raw = c.handle.rawLog.get(1);
        assert.ok(raw, 'attempt 1 is in the raw log');
        const text = Buffer.concat(raw.chunks.map((ch) => ch.bytes)).toString('utf8');
        assert.equal(text, JSON.stringify(log.events.slice(0, 2)) + JSON.stringify(log.events.slice(2, 3)));
        const third = eventsOf(records)[2]!;
        assert.equal(third.rawOffset, Buffer.byteLength(text));
      } finally { c.handle.close(); }
    });

    it('many polls over one kept-alive socket add no listener to it per poll (no MaxListenersExceededWarning)', async () => {
      let n = 0;
      const sockets = new Set<unknown>();
      server = await serve({ '/quick': (req, res) => { sockets.add(req.socket); answer(res, 200, 'application/json', JSON.stringify([{ id: ++n }])); } });
      const warnings: string[] = [];
      const onWarning = (w: Error): void => { warnings.push(`${w.name}: ${w.message}`); };
      process.on('warning', onWarning);
      const c = connectAndCollect({ url: `${server.url}/quick`, mode: 'long-poll' });
      try {
        await c.until((rs) => eventsOf(rs).length >= 15);
        await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
        assert.equal(sockets.size, 1, 'the polls shared one socket');
        assert.deepEqual(warnings, []);
      } finally {
        c.handle.close();
        process.off('warning', onWarning);
      }
    });
  });

  it('the ntfy capture served ntfy-style (NDJSON, ?poll=1&since=<id>): types from "event", lines kept exactly', async () => {
    const body = fs.readFileSync(path.join(FIXTURES, 'L02-ntfy-json-stream.json'), 'utf8');
    const lines = body.split('\n').filter((l) => l.trim() !== '');
    const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id);
    const sinces: Array<string | null> = [];
    server = await serve({
      '/mytopic/json': (_req, res, ctx) => {
        const since = ctx.url.searchParams.get('since');
        sinces.push(since);
        const start = since === null || since === 'all' ? 0 : ids.indexOf(since) + 1;
        const fresh = lines.slice(start);
        if (fresh.length) return answer(res, 200, 'application/x-ndjson; charset=utf-8', `${fresh.join('\n')}\n`);
        const timer = setTimeout(() => answer(res, 200, 'application/x-ndjson; charset=utf-8', ''), 300);
        ctx.onClose(() => clearTimeout(timer));
      },
    });
    const c = connectAndCollect({ url: `${server.url}/mytopic/json?poll=1&since=all`, mode: 'long-poll', longPoll: { cursorParam: 'since' } });
    try {
      const records = await c.until((rs) => polls(rs).length >= 2);
      const events = eventsOf(records);
      assert.deepEqual(events.map((e) => e.data), lines);
      assert.deepEqual(events.map((e) => e.type), ['open', 'message', 'keepalive']);
      assert.deepEqual(events.map((e) => e.id), ids);
      assert.deepEqual(sinces.slice(0, 2), ['all', ids.at(-1)]);
    } finally { c.handle.close(); }
  });

  it('the demo feed /poll works end to end with the defaults', async () => {
    const demo = await startDemoServer({ timing: { speed: 20 } });
    const c = connectAndCollect({ url: `${demo.url}/poll`, mode: 'long-poll' });
    try {
      const records = await c.until((rs) => eventsOf(rs).length >= 4);
      const events = eventsOf(records);
      assert.deepEqual(events.slice(0, 4).map((e) => e.id), ['1', '2', '3', '4']);
      assert.ok(events.every((e) => e.type.startsWith('job.')));
      assert.equal(polls(records)[0]!.details?.eventsPath, 'events');
      assert.equal(polls(records)[1]!.details?.cursorSent, events[polls(records)[0]!.details!.events as number - 1]!.id);
      assert.equal(ofKind(records, 'error').length, 0);
    } finally {
      c.handle.close();
      await demo.close();
    }
  });
});
