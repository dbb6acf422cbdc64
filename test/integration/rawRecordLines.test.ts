import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConnectOptions } from '../../src/core/options';
import type { StreamRecord } from '../../src/core/records';
import { createStreamServer, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { createEventStreamParser } from '../../src/core/sse/eventStreamParser';
import { findRecordBytes, type ParsedRecord, type RawLookup } from '../../src/core/sse/rawRecordLines';
import { Session } from '../../src/core/session';
import { rawLinesOf } from '../../src/panel/rawLines';
import { connectAndCollect, type Collected } from '../helpers/collect';
import { startRecordedSession } from '../helpers/sessionRecords';

const CAPTURES = path.resolve(__dirname, '../../../test/fixtures/captures');

const isParsed = (r: StreamRecord): r is ParsedRecord => r.kind === 'event' || r.kind === 'comment' || r.kind === 'retry' || r.kind === 'discarded';

/** The bytes `findRecordBytes` finds for `record` of a finished connection, with its later siblings from the records. */
function lookup(c: Collected, record: ParsedRecord): RawLookup {
  const i = c.records.indexOf(record);
  const later: StreamRecord[] = [];
  for (const r of c.records.slice(i + 1)) {
    if (r.attempt !== record.attempt || (r.rawOffset !== undefined && r.rawOffset !== record.rawOffset)) break;
    later.push(r);
  }
  return findRecordBytes(c.handle.rawLog.get(record.attempt)!, record, later);
}

/** The raw text of each parsed record, or its failure reason in brackets. */
function rawTexts(c: Collected): string[] {
  return c.records.filter(isParsed).map((r) => {
    const found = lookup(c, r);
    return found.found ? Buffer.from(found.bytes).toString('utf8') : `[${found.reason}]`;
  });
}

describe('raw lines of a record, found in the raw-bytes log of a real connection', function () {
  this.timeout(60_000);
  let server: StreamServer;
  /** Bodies by id: the parts are written one by one, `gapMs` apart, then the response ends. */
  const plans = new Map<number, { parts: Buffer[]; gapMs: number }>();

  before(async () => {
    server = await createStreamServer({ routes: { '/body': (_req, res, ctx) => {
      const plan = plans.get(Number(ctx.url.searchParams.get('plan')))!;
      writeEventStreamHead(res);
      res.socket?.setNoDelay(true);
      let i = 0;
      let timer: NodeJS.Timeout | undefined;
      const next = (): void => {
        if (res.destroyed) return;
        if (i >= plan.parts.length) { res.end(); return; }
        res.write(plan.parts[i++]);
        timer = setTimeout(next, plan.gapMs);
      };
      ctx.onClose(() => clearTimeout(timer));
      next();
    } } });
  });
  after(async () => { await server.close(); });

  /** Serves `parts` (strings are UTF-8) on one connection that does not reconnect, and collects its records. */
  async function serve(parts: Array<string | Buffer>, options: { gapMs?: number } & Partial<ConnectOptions> = {}): Promise<Collected> {
    const { gapMs = 0, ...connectOptions } = options;
    const id = plans.size + 1;
    plans.set(id, { parts: parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)), gapMs });
    const c = connectAndCollect({ url: `${server.url}/body?plan=${id}`, reconnect: false, ...connectOptions });
    await c.handle.done;
    return c;
  }

  it('keeps a field without a space after the colon as it came', async () => {
    assert.deepEqual(rawTexts(await serve(['data:no-space\n\n'])), ['data:no-space\n\n']);
  });

  it('keeps CRLF line endings, and a comment between blocks belongs to the next block', async () => {
    const c = await serve(['event: a\r\ndata: 1\r\nid: 7\r\n\r\n:c\r\ndata: 2\r\n\r\n']);
    assert.deepEqual(c.records.filter(isParsed).map((r) => r.kind), ['event', 'comment', 'event']);
    assert.deepEqual(rawTexts(c), ['event: a\r\ndata: 1\r\nid: 7\r\n\r\n', ':c\r\n', ':c\r\ndata: 2\r\n\r\n']);
  });

  it('keeps lone CR line endings, a retry line and an invalid retry line (a block left open, so discarded at the end)', async () => {
    const c = await serve(['data: a\rdata: b\r\rretry: 10\rretry: soon\r']);
    assert.deepEqual(c.records.filter(isParsed).map((r) => r.kind), ['event', 'retry', 'retry', 'discarded']);
    assert.deepEqual(rawTexts(c), ['data: a\rdata: b\r\r', 'retry: 10\r', 'retry: soon\r', 'retry: 10\rretry: soon\r']);
  });

  it('keeps comments inside a block, field order, duplicate data lines and unknown fields', async () => {
    const block = 'id: 3\n: inside\nfoo: bar\nevent: x\ndata: a\ndata: a\n\n';
    const c = await serve([block]);
    assert.deepEqual(rawTexts(c), [': inside\n', block]);
  });

  it('tells two identical events of one chunk apart, by their place in the chunk', async () => {
    const c = await serve(['data: same\n\ndata: same\n\n: same\n: same\n']);
    const parsed = c.records.filter(isParsed);
    assert.equal(new Set(parsed.map((r) => r.rawOffset)).size, 1, 'one chunk');
    const starts = parsed.map((r) => { const f = lookup(c, r); return f.found ? f.start : f.reason; });
    assert.deepEqual(starts, [0, 12, 24, 31]);
    assert.deepEqual(rawTexts(c), ['data: same\n\n', 'data: same\n\n', ': same\n', ': same\n']);
  });

  it('keeps a BOM at the very start of the body in the first block, and only there', async () => {
    const c = await serve(['\uFEFFdata: bom\n\n\uFEFFdata: not a bom\n\n']);
    assert.deepEqual(c.records.filter(isParsed).map((r) => r.kind), ['event'], 'a later U+FEFF starts an unknown field');
    assert.deepEqual(rawTexts(c), ['\uFEFFdata: bom\n\n']);
  });

  it('finds an event split across two chunks at every byte (its rawOffset is in the chunk of its blank line)', async () => {
    const head = ': before\n\n';
    const event = 'data:x\r\nid:7\r\n\r\n';
    let laterChunk = 0;
    for (let k = 1; k < event.length; k++) {
      const c = await serve([head + event.slice(0, k), event.slice(k), ': after\n'], { gapMs: 15 });
      const e = c.records.find((r): r is ParsedRecord => r.kind === 'event')!;
      const found = lookup(c, e);
      assert.ok(found.found, `split at ${k}: ${JSON.stringify(found)}`);
      assert.equal(Buffer.from(found.bytes).toString('utf8'), event, `split at ${k}`);
      if (found.start < e.rawOffset! - c.handle.rawLog.get(1)!.chunks.find((ch) => ch.offset + ch.bytes.length === e.rawOffset)!.bytes.length) laterChunk++;
    }
    assert.ok(laterChunk > 0, 'in some runs the event began in an earlier chunk than the one its record points at');
  });

  it('finds every record of a stream fed one byte per chunk', async () => {
    const body = '\uFEFF: hi\r\n\r\nid: é1\nevent: t\ndata: trickled 😀\r\n\r\ndata: second\r\rretry: 5\ndata: cut';
    const c = await serve([...Buffer.from(body, 'utf8')].map((b) => Buffer.from([b])));
    assert.deepEqual(rawTexts(c), [
      '\uFEFF: hi\r\n',
      'id: é1\nevent: t\ndata: trickled 😀\r\n\r\n',
      'data: second\r\r',
      'retry: 5\n',
      'retry: 5\ndata: cut',
    ]);
  });

  it('answers "start dropped" for a block whose first lines the log bound dropped, and finds the next one', async () => {
    const big = `data: ${'x'.repeat(60)}\n`;
    const c = await serve([big, big, 'data: end of the big one\n\n', 'data: small\n\n'], { gapMs: 15, rawLog: { bytesPerAttempt: 64 } });
    const log = c.handle.rawLog.get(1)!;
    assert.ok(log.dropped > 0 && log.dropped < Buffer.byteLength(big) * 2 + 1, `the front was dropped (${log.dropped} bytes)`);
    assert.deepEqual(rawTexts(c), ['[start-dropped]', 'data: small\n\n']);
  });

  it('answers "no match" for a record the bytes do not say (never the nearest lines)', async () => {
    const c = await serve(['data: a\n\n']);
    const e = c.records.find((r) => r.kind === 'event')!;
    assert.deepEqual(findRecordBytes(c.handle.rawLog.get(1)!, { ...e, data: 'b' }, []), { found: false, reason: 'no-match' });
  });

  it('answers "chunk dropped" when the log kept nothing', async () => {
    const c = await serve(['data: a\n\n'], { rawLog: { bytesPerAttempt: 0 } });
    assert.deepEqual(rawTexts(c), ['[chunk-dropped]']);
  });

  it('finds the lines of a block discarded at the end, and an unterminated comment line', async () => {
    assert.deepEqual(rawTexts(await serve(['data: a\n\n: c\ndata: cut'])), ['data: a\n\n', ': c\n', ': c\ndata: cut']);
    assert.deepEqual(rawTexts(await serve(['data: a\n\n: c\n: unfinished'])), ['data: a\n\n', ': c\n', ': unfinished']);
  });

  it('finds the part of an event a simulated mid-event drop cut off (its discarded record)', async () => {
    const id = plans.size + 1;
    plans.set(id, { parts: [Buffer.from('data: one\n\n'), Buffer.from('data: two\r\n\r\n')], gapMs: 300 });
    const c = connectAndCollect({ url: `${server.url}/body?plan=${id}`, reconnect: false });
    await c.until((rs) => rs.some((r) => r.kind === 'event'));
    c.handle.disconnect({ midEvent: true });
    await c.handle.done;
    const discarded = c.records.find((r) => r.kind === 'discarded');
    assert.ok(discarded?.kind === 'discarded', 'the cut event is discarded');
    const texts = rawTexts(c);
    assert.equal(texts[0], 'data: one\n\n');
    assert.equal(texts[1], discarded.text);
    assert.ok('data: two\r\n\r\n'.startsWith(texts[1]!) && texts[1]!.length > 0, JSON.stringify(texts));
  });

  for (const file of fs.readdirSync(CAPTURES).filter((f) => f.endsWith('.sse')).sort()) {
    it(`real capture ${file}: every record's lines, served whole and 7 bytes a write, parse back to that record`, async () => {
      const body = fs.readFileSync(path.join(CAPTURES, file));
      for (const size of [body.length, 7]) {
        const parts: Buffer[] = [];
        for (let i = 0; i < body.length; i += size) parts.push(body.subarray(i, i + size));
        const c = await serve(parts);
        let end = 0;
        for (const r of c.records.filter(isParsed)) {
          const found = lookup(c, r);
          assert.ok(found.found, `${file} (${size} bytes a write), record ${r.seq}: ${JSON.stringify(found)}`);
          assert.ok(found.start >= (r.kind === 'event' ? end : 0), 'events own disjoint bytes, in order');
          if (r.kind === 'event') end = found.start + found.bytes.length;
          if (r.kind === 'event') assert.deepEqual(reparse(found.bytes), [[r.type, r.data, r.id]], `${file}, record ${r.seq}`);
        }
      }
    });
  }
});

describe('raw lines in the detail answer of a session', function () {
  this.timeout(30_000);
  let server: StreamServer;
  before(async () => {
    server = await createStreamServer({ routes: { '/once': (_req, res) => { writeEventStreamHead(res); res.end('data:x\r\nid:7\r\n\r\n'); } } });
  });
  after(async () => { await server.close(); });

  const positionOf = (session: Session, r: StreamRecord): number => session.store.firstPosition + session.store.all().indexOf(r);

  it('gives the lines as received, and after a restart says the earlier connection\'s bytes are gone', async () => {
    const s = startRecordedSession({ url: `${server.url}/once`, reconnect: false });
    await s.until((rs) => rs.some((r) => r.kind === 'closed' && r.final === true));
    const first = s.records.find((r) => r.kind === 'event')!;
    assert.deepEqual(rawLinesOf(s.session, positionOf(s.session, first), first, false), { available: true, text: 'data:x\r\nid:7\r\n\r\n', bytes: 16, truncated: false });
    assert.equal(rawLinesOf(s.session, 0, s.records[0]!, false), undefined, 'a lifecycle record has no lines');
    const fromCapture = rawLinesOf(s.session, positionOf(s.session, first), first, true);
    assert.ok(fromCapture && !fromCapture.available && /capture/.test(fromCapture.reason));

    await new Promise((resolve) => setImmediate(resolve)); // the session lets go of the ended connection
    s.session.start(); // a new connection numbers its attempts from 1 again, in a new log
    await s.until((rs) => rs.filter((r) => r.kind === 'event').length === 2 && rs.filter((r) => r.kind === 'closed').length === 2);
    const again = s.records.filter((r) => r.kind === 'event')[1]!;
    assert.equal(again.attempt, first.attempt);
    assert.deepEqual(rawLinesOf(s.session, positionOf(s.session, again), again, false), { available: true, text: 'data:x\r\nid:7\r\n\r\n', bytes: 16, truncated: false });
    const old = rawLinesOf(s.session, positionOf(s.session, first), first, false);
    assert.ok(old && !old.available && /earlier/.test(old.reason), JSON.stringify(old));
    s.session.dispose();
  });

  it('says why a long-poll record has no lines', () => {
    const session = new Session({ url: 'http://127.0.0.1:9/poll', mode: 'long-poll' }, { maxRecords: 10 });
    const record: StreamRecord = { kind: 'event', seq: 0, t: 0, attempt: 1, rawOffset: 10, type: 'message', data: '{}', id: null, lastEventId: '', bytes: 2 };
    const raw = rawLinesOf(session, 0, record, false);
    assert.ok(raw && !raw.available && /long polling/.test(raw.reason), JSON.stringify(raw));
  });
});

/** The events the live parser makes of `bytes` alone. */
function reparse(bytes: Uint8Array): unknown[] {
  const events: unknown[] = [];
  const parser = createEventStreamParser({ onEvent: (e) => events.push([e.type, e.data, e.id]), onComment() {}, onRetry() {}, onDiscarded() {} });
  parser.feed(bytes);
  parser.end();
  return events;
}
