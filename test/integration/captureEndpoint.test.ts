import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as path from 'node:path';
import { createCaptureHeader } from '../../src/core/capture';
import { readCapture, readCaptureFile, type LoadedCapture } from '../../src/core/captureReader';
import type { EventRecord, StreamRecord } from '../../src/core/records';
import { serveCapture, type CaptureEndpoint } from '../../src/core/server/captureEndpoint';
import { connectAndCollect, eventsOf } from '../helpers/collect';
import { resumesOf, startRecordedSession } from '../helpers/sessionRecords';

const CAPTURES = path.resolve(__dirname, '../../../test/fixtures/captures');

/** What a client's parser reports, without timing and numbering. */
function served(records: StreamRecord[]): unknown[] {
  return records.filter((r) => r.kind === 'event' || r.kind === 'comment' || r.kind === 'discarded').map((r) =>
    r.kind === 'event' ? ['event', r.type, r.data, r.id, r.lastEventId] : r.kind === 'comment' ? ['comment', r.text] : ['discarded', r.kind === 'discarded' ? r.text : '']);
}

/** A capture of `n` numbered events, 20 ms apart. */
function numberedCapture(n: number): LoadedCapture {
  const t0 = 1_700_000_000_000;
  const records: EventRecord[] = Array.from({ length: n }, (_x, i) => ({
    kind: 'event', seq: i, t: t0 + i * 20, attempt: 1, type: i % 2 ? 'tick' : 'message', data: JSON.stringify({ n: i + 1 }), id: String(i + 1), lastEventId: String(i + 1), bytes: 9,
  }));
  return { header: createCaptureHeader({ mode: 'sse', url: 'http://api.example/v1/events?topic=a', method: 'GET', headers: {}, startedAt: t0 }), records, source: 'capture', problems: [], problemCount: 0 };
}

function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    }).on('error', reject);
  });
}

describe('a capture served as a mock endpoint (the stream server on 127.0.0.1)', () => {
  const endpoints: CaptureEndpoint[] = [];
  afterEach(async () => { await Promise.all(endpoints.splice(0).map((e) => e.close())); });

  for (const name of ['C01-openai-chat-completions-refusal-logprobs.sse', 'C03-anthropic-messages-basic.sse', 'C07-mastodon-streaming.sse']) {
    it(`serve ${name} → connect: the client parses the same records`, async () => {
      const capture = await readCaptureFile(path.join(CAPTURES, name));
      const endpoint = await serveCapture(capture, { untimedIntervalMs: 1 });
      endpoints.push(endpoint);
      assert.match(endpoint.streamUrl, /^http:\/\/127\.0\.0\.1:\d+\/stream$/);
      const c = connectAndCollect({ url: endpoint.streamUrl, reconnect: false });
      await c.handle.done;
      assert.deepEqual(served(c.records), served(capture.records));
    });
  }

  it('a crafted capture with line breaks in a type or id cannot inject lines into the served stream', async () => {
    const capture = numberedCapture(2);
    const first = capture.records[0] as EventRecord;
    first.type = 'x\ndata: injected';
    first.id = '1\r\nevent: evil';
    const endpoint = await serveCapture(capture, { untimedIntervalMs: 1 });
    endpoints.push(endpoint);
    const c = connectAndCollect({ url: endpoint.streamUrl, reconnect: false });
    await c.handle.done;
    const events = eventsOf(c.records);
    assert.equal(events.length, 2);
    assert.equal(events[0]!.data, JSON.stringify({ n: 1 }), 'no injected data line');
    assert.equal(events[0]!.type, 'xdata: injected');
    assert.equal(events[0]!.id, '1event: evil');
  });

  it('serves at the captured path, and a reconnect resumes right after the Last-Event-ID sent', async () => {
    const capture = numberedCapture(9);
    const endpoint = await serveCapture(capture, { dropAfterEvents: 3, retryMs: 20 });
    endpoints.push(endpoint);
    assert.ok(endpoint.streamUrl.endsWith('/v1/events?topic=a'), endpoint.streamUrl);
    const s = startRecordedSession({ url: endpoint.streamUrl });
    try {
      const records = await s.until((rs) => rs.some((r) => r.kind === 'closed' && r.final));
      const events = records.filter((r): r is EventRecord => r.kind === 'event');
      assert.deepEqual(events.map((e) => e.id), ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
      assert.deepEqual(served(events), served(capture.records));
      const verdicts = resumesOf(records);
      assert.deepEqual(verdicts.map((v) => [v.lastEventIdSent, v.firstIdReceived, v.verdict]), [['3', '4', 'resumed'], ['6', '7', 'resumed']]);
      const final = records.find((r) => r.kind === 'error' && r.status === 204);
      assert.ok(final, 'after the last id the mock answers 204, so the client stops');
    } finally { s.session.dispose(); }
  });

  it('a first connection with a Last-Event-ID starts after it; an unknown id replays from the start with a comment', async () => {
    const endpoint = await serveCapture(numberedCapture(6), {});
    endpoints.push(endpoint);
    const resumed = connectAndCollect({ url: endpoint.streamUrl, lastEventId: '4', reconnect: false });
    await resumed.handle.done;
    assert.deepEqual(eventsOf(resumed.records).map((e) => e.id), ['5', '6']);
    const unknown = connectAndCollect({ url: endpoint.streamUrl, lastEventId: 'nope', reconnect: false });
    await unknown.handle.done;
    assert.deepEqual(eventsOf(unknown.records).map((e) => e.id), ['1', '2', '3', '4', '5', '6']);
    assert.ok(unknown.records.some((r) => r.kind === 'comment' && /unknown Last-Event-ID "nope"/.test(r.text)));
  });

  it('an id set by a block without data (spec: it still sets the last event ID) is served again, and resumes', async () => {
    // id-only block → "7"; then an id reset by a bare `id` line; then an event under the reset id.
    const capture = readCapture('id: 7\n\ndata: a\n\nid\ndata: b\n\ndata: c\n\nid: 9\n\ndata: d\n\n', { name: 'idonly.sse' });
    assert.deepEqual(eventsOf(capture.records).map((e) => [e.data, e.id, e.lastEventId]), [['a', null, '7'], ['b', '', ''], ['c', null, ''], ['d', null, '9']]);
    const endpoint = await serveCapture(capture, { untimedIntervalMs: 1 });
    endpoints.push(endpoint);
    const c = connectAndCollect({ url: endpoint.streamUrl, reconnect: false });
    await c.handle.done;
    assert.deepEqual(served(c.records), served(capture.records));
    // A client that got "9" from the id-only block resumes at the event after that block, not from the start.
    const resumed = connectAndCollect({ url: endpoint.streamUrl, lastEventId: '9', reconnect: false });
    await resumed.handle.done;
    assert.deepEqual(eventsOf(resumed.records).map((e) => [e.data, e.lastEventId]), [['d', '9']]);
  });

  it('replays with the captured timing (checked loosely)', async () => {
    const endpoint = await serveCapture(numberedCapture(11), { speed: 1 }); // 10 gaps of 20 ms
    endpoints.push(endpoint);
    const c = connectAndCollect({ url: endpoint.streamUrl, reconnect: false });
    await c.handle.done;
    const events = eventsOf(c.records);
    const span = events.at(-1)!.t - events[0]!.t;
    assert.ok(span >= 150, `11 events 20 ms apart took ${span} ms`);
    assert.ok(span < 5000, `took ${span} ms`);
  });

  it('a long-poll capture answers polls from the cursor, and holds a poll until the next event is due', async () => {
    const capture = await readCaptureFile(path.join(CAPTURES, 'L02-ntfy-json-stream.json'));
    const endpoint = await serveCapture(capture, { untimedIntervalMs: 150 });
    endpoints.push(endpoint);
    const items: Array<{ id: string; event: string }> = [];
    let cursor = '';
    const started = Date.now();
    for (let polls = 0; polls < 10 && items.length < 3; polls++) {
      const { status, body } = await getJson(`${endpoint.streamUrl}?cursor=${encodeURIComponent(cursor)}`);
      assert.equal(status, 200);
      const answer = body as { events: Array<{ id: string; event: string }>; cursor: string };
      items.push(...answer.events);
      cursor = answer.cursor;
    }
    assert.deepEqual(items.map((i) => i.event), ['open', 'message', 'keepalive']);
    assert.ok(Date.now() - started >= 250, 'later events waited for their time');
    assert.equal((await getJson(`${endpoint.streamUrl}?cursor=hwQ2YpKdmg`)).status, 200);
    assert.deepEqual(((await getJson(`${endpoint.streamUrl}?cursor=hwQ2YpKdmg`)).body as { events: Array<{ id: string }> }).events.map((e) => e.id), ['DGUDShMCsc']);
    assert.equal((await getJson(`${endpoint.streamUrl}?cursor=DGUDShMCsc`)).status, 204, 'nothing after the last event');
  });
});
