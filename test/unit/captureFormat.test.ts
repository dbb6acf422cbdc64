import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createCaptureHeader, serializeCapture } from '../../src/core/capture';
import { MAX_PROBLEMS_KEPT, readCapture, readCaptureFile } from '../../src/core/captureReader';
import { REDACTED } from '../../src/core/redact';

const CAPTURES = path.resolve(__dirname, '../../../test/fixtures/captures');
const REAL = fs.readdirSync(CAPTURES).filter((f) => /\.(sse|json)$/.test(f)).sort();

describe('captures: import, export, lossless round trip', () => {
  it('finds the real captures', () => {
    assert.deepEqual(REAL, ['C01-openai-chat-completions-refusal-logprobs.sse', 'C03-anthropic-messages-basic.sse', 'C07-mastodon-streaming.sse', 'L02-ntfy-json-stream.json']);
  });

  for (const name of REAL) {
    it(`${name}: import → export → import gives the same header and records, and the same text again`, async () => {
      const first = await readCaptureFile(path.join(CAPTURES, name));
      assert.equal(first.problemCount, 0, JSON.stringify(first.problems));
      assert.ok(first.records.length > 0);
      const text = serializeCapture(first.header, first.records);
      const second = readCapture(text, { name: 'roundtrip.ndjson' });
      assert.equal(second.source, 'capture');
      assert.equal(second.problemCount, 0, JSON.stringify(second.problems));
      assert.deepEqual(second.header, first.header);
      assert.deepEqual(second.records, first.records);
      assert.equal(serializeCapture(second.header, second.records), text);
    });
  }

  it('a raw event stream is read by the spec parser: C01 ends with [DONE], C03 keeps its unterminated last block, C07 its comment and emoji', async () => {
    const c01 = await readCaptureFile(path.join(CAPTURES, REAL[0]!));
    assert.equal(c01.source, 'event-stream');
    assert.equal(c01.header.mode, 'sse');
    const c01Events = c01.records.filter((r) => r.kind === 'event');
    assert.equal(c01Events.at(-1)!.kind === 'event' && c01Events.at(-1)!.data, '[DONE]');

    const c03 = await readCaptureFile(path.join(CAPTURES, REAL[1]!));
    const last = c03.records.at(-1)!;
    assert.equal(last.kind, 'discarded');
    assert.match(last.kind === 'discarded' ? last.text : '', /message_stop/);
    assert.ok(!c03.records.some((r) => r.kind === 'event' && r.type === 'message_stop'), 'the unterminated block is not dispatched');

    const c07 = await readCaptureFile(path.join(CAPTURES, REAL[2]!));
    assert.deepEqual(c07.records[0], { kind: 'comment', seq: 0, t: c07.records[0]!.t, attempt: 1, text: 'thump' });
    assert.ok(c07.records.some((r) => r.kind === 'event' && r.type === 'announcement.reaction' && r.data.includes('🤔')));
  });

  it('an NDJSON body becomes long-poll events typed by their "event" field, with their ids and lines', async () => {
    const l02 = await readCaptureFile(path.join(CAPTURES, REAL[3]!));
    assert.equal(l02.source, 'ndjson-body');
    assert.equal(l02.header.mode, 'long-poll');
    const events = l02.records.filter((r) => r.kind === 'event');
    assert.deepEqual(events.map((e) => e.kind === 'event' && [e.type, e.id]), [['open', 'SLiKI64DOt'], ['message', 'hwQ2YpKdmg'], ['keepalive', 'DGUDShMCsc']]);
    assert.equal(events[1]!.kind === 'event' && JSON.parse(events[1]!.data).message, 'Disk full');
  });

  it('the header redacts credentials and secret values, in headers and in the URL', () => {
    const header = createCaptureHeader({
      mode: 'sse', url: 'https://api.example/stream?key=sk-live-123456', method: 'GET', startedAt: 0,
      headers: { Authorization: 'Bearer sk-live-123456', 'X-Trace': 'abc' }, secretValues: ['sk-live-123456'],
    });
    assert.equal(header.requestHeaders.Authorization, `Bearer ${REDACTED}`);
    assert.equal(header.requestHeaders['X-Trace'], 'abc');
    assert.ok(!header.url.includes('sk-live'), header.url);
    assert.ok(!JSON.stringify(header).includes('sk-live-123456'));
  });

  it('a damaged capture: each bad line is reported with its number and what is wrong; every good line is kept', () => {
    const header = createCaptureHeader({ mode: 'sse', url: 'http://127.0.0.1:1/x', method: 'GET', headers: {}, startedAt: 0 });
    const lines = [
      JSON.stringify(header),
      JSON.stringify({ kind: 'event', seq: 0, t: 1, attempt: 1, type: 'message', data: 'a', id: '1', lastEventId: '1', bytes: 1 }),
      '{"kind":"event","seq":1,', // cut short
      JSON.stringify({ kind: 'event', seq: 2, t: 3, attempt: 1, type: 'message', id: '3', lastEventId: '3', bytes: 1 }), // no data
      JSON.stringify({ kind: 'telepathy', seq: 3, t: 4, attempt: 1 }),
      '[1,2]',
      JSON.stringify({ kind: 'comment', seq: 4, t: 5, attempt: 1, text: ' ok' }),
    ];
    const loaded = readCapture(`${lines.join('\r\n')}\r\n`, { name: 'bad.ndjson' });
    assert.deepEqual(loaded.records.map((r) => r.seq), [0, 4]);
    assert.deepEqual(loaded.problems.map((p) => p.line), [3, 4, 5, 6]);
    assert.match(loaded.problems[0]!.message, /not JSON/);
    assert.match(loaded.problems[1]!.message, /event record: "data" should be a string/);
    assert.match(loaded.problems[2]!.message, /unknown record kind "telepathy"/);
    assert.match(loaded.problems[3]!.message, /expected a JSON object/);
  });

  it('records without a header are read, with a problem saying the header is missing; problems are capped but counted', () => {
    const record = (seq: number): string => JSON.stringify({ kind: 'comment', seq, t: seq, attempt: 1, text: 'x' });
    const text = [record(0), ...Array.from({ length: MAX_PROBLEMS_KEPT + 20 }, () => 'garbage'), record(1)].join('\n');
    const loaded = readCapture(text, { name: 'noheader.ndjson' });
    assert.equal(loaded.records.length, 2);
    assert.equal(loaded.problems.length, MAX_PROBLEMS_KEPT);
    assert.equal(loaded.problemCount, MAX_PROBLEMS_KEPT + 21);
    assert.match(loaded.problems[0]!.message, /no capture header/);
    assert.equal(loaded.problems[1]!.line, 2);
    assert.match(loaded.problems[1]!.message, /not JSON/);
  });

  it('an empty, blank or binary file is read without throwing, with a first problem that says what is wrong', () => {
    const empty = readCapture(new Uint8Array(0), { name: 'empty.sse' });
    assert.deepEqual(empty.records, []);
    assert.deepEqual(empty.problems[0], { line: 1, message: 'the file is empty: there are no records to show' });
    assert.match(readCapture('\n\r\n  \n', { name: 'blank.ndjson' }).problems[0]?.message ?? '', /only blank lines/);
    const gzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x0a, 0x00, 0x64, 0x61]);
    const binary = readCapture(gzip, { name: 'capture.sse.gz' });
    assert.equal(binary.problemCount, 1);
    assert.match(binary.problems[0]!.message, /does not look like text \(a NUL byte at offset 3\)/);
    const latin1 = readCapture(Buffer.from('data: caf\xe9\n\n', 'latin1'), { name: 'latin1.sse' });
    assert.equal(latin1.records.length, 1, 'what can be read is kept');
    assert.match(latin1.problems[0]!.message, /not valid UTF-8 \(at byte offset 9\)/);
    // Text that is fine raises nothing: multi-byte UTF-8, a BOM, and a sequence cut at the end of the read window.
    assert.equal(readCapture('\uFEFFdata: €😀\n\n', { name: 'ok.sse' }).problemCount, 0);
  });

  it('fields this version does not know are kept through the round trip', () => {
    const header = { ...createCaptureHeader({ mode: 'sse', url: 'http://h/x', method: 'GET', headers: {}, startedAt: 0 }), note: 'from the future' };
    const record = { kind: 'event', seq: 0, t: 1.25, attempt: 1, type: 'message', data: 'a\nb', id: null, lastEventId: '', bytes: 3, colour: 'blue' };
    const text = `${JSON.stringify(header)}\n${JSON.stringify(record)}\n`;
    const loaded = readCapture(text);
    assert.equal(serializeCapture(loaded.header, loaded.records), text);
  });
});
