import * as assert from 'node:assert/strict';
import { createMidLineCutter } from '../../src/core/longpoll/midLineCut';
import { createNdjsonLineStream, NdjsonLineTooLong } from '../../src/core/longpoll/ndjsonLineStream';
import { decodePollBody, decodesLineByLine, PollDecodeError } from '../../src/core/longpoll/pollDecoders';
import type { PollItem } from '../../src/core/longpoll/pollItems';
import { chunkings } from '../helpers/chunking';

/** Items (or the error message) from feeding `chunks` to a line stream, then ending it. */
function streamItems(chunks: Buffer[], fields = {}): PollItem[] | string {
  const items: PollItem[] = [];
  const lines = createNdjsonLineStream(fields, { onItem: (i) => items.push(i) });
  try {
    for (const chunk of chunks) assert.equal(lines.feed(chunk), chunk.length);
    lines.end();
  } catch (err) {
    assert.ok(err instanceof PollDecodeError);
    return err.message;
  }
  return items;
}

function wholeItems(body: Buffer, fields = {}): PollItem[] | string {
  try {
    return decodePollBody(body, 'application/x-ndjson', fields).entries.map((e) => {
      assert.equal(e.kind, 'event');
      const { kind: _kind, ...item } = e as Extract<typeof e, { kind: 'event' }>;
      return item;
    });
  } catch (err) {
    return (err as Error).message;
  }
}

describe('NDJSON read line by line (long-poll answers as they arrive)', () => {
  const bodies = {
    'CRLF, multi-byte text, blank lines, a final line without newline': '\ufeff{"id":1,"type":"a","t":"héllo 😀"}\r\n\r\n  \n{"id":"2","event":"b"}\r\n{"n":"日本語"}\n\t{"id":3}',
    'a trailing newline and a lone CR inside a line': '{"id":1}\n{"id":2,"s":"x\\r"}\r\n{"id":4,"a":[1,2]}\r\n',
    'a bad third line (the error names line 4, blank lines counted)': '{"id":1}\n\n{"id":2}\n{"id":3,}\n{"id":4}\n',
  };

  for (const [name, text] of Object.entries(bodies)) {
    it(`gives the whole-answer decoder's items at every split: ${name}`, () => {
      const body = Buffer.from(text, 'utf8');
      const expected = wholeItems(body, { idField: 'id' });
      for (const { name: split, chunks } of chunkings(body, 40)) {
        assert.deepEqual(streamItems(chunks, { idField: 'id' }), expected, split);
      }
      // Every single split point too, including inside each multi-byte character and between CR and LF.
      for (let at = 0; at <= body.length; at++) {
        assert.deepEqual(streamItems([body.subarray(0, at), body.subarray(at)], { idField: 'id' }), expected, `split at ${at}`);
      }
    });
  }

  it('refuses a line over maxLineBytes at every split, before decoding it, whether or not its newline came with it', () => {
    const body = Buffer.from(`{"id":1}\n{"id":2,"pad":"${'x'.repeat(40)}"}\n{"id":3}\n`);
    for (let at = 0; at <= body.length; at++) {
      const ids: Array<string | null> = [];
      const lines = createNdjsonLineStream({}, { onItem: (i) => ids.push(i.id), maxLineBytes: 30 });
      assert.throws(() => { lines.feed(body.subarray(0, at)); lines.feed(body.subarray(at)); lines.end(); }, NdjsonLineTooLong, `split at ${at}`);
      assert.deepEqual(ids, ['1'], `split at ${at}`);
    }
  });

  it('hands out a line as soon as its newline arrives, not at the end', () => {
    const items: PollItem[] = [];
    const lines = createNdjsonLineStream({}, { onItem: (i) => items.push(i) });
    lines.feed(Buffer.from('{"id":1}\n{"id":'));
    assert.deepEqual(items.map((i) => i.id), ['1']);
    assert.equal(lines.inLine, true);
    assert.equal(lines.pendingText(), '{"id":');
    lines.feed(Buffer.from('2}'));
    assert.equal(items.length, 1, 'no newline yet');
    lines.feed(Buffer.from('\r'));
    assert.equal(items.length, 1, 'a CR alone does not end a line');
    lines.feed(Buffer.from('\n'));
    assert.deepEqual(items.map((i) => i.id), ['1', '2']);
    assert.equal(lines.pendingBytes, 0);
  });

  it('stops after a line when asked (a drop requested while the line was handed out) and says where', () => {
    const items: PollItem[] = [];
    const lines = createNdjsonLineStream({}, { onItem: (i) => items.push(i), stopAfterLine: () => items.length === 1 });
    const chunk = Buffer.from('{"id":1}\n{"id":2}\n');
    assert.equal(lines.feed(chunk), 9);
    assert.equal(items.length, 1);
  });

  it('an HTML page as the first line is refused as html-page', () => {
    assert.equal(streamItems([Buffer.from('\n<html><body>502</body></html>\n')]), 'the answer is an HTML page, not NDJSON');
  });

  it('streams NDJSON content types and the chosen ndjson format, not JSON, event streams or HTML', () => {
    assert.equal(decodesLineByLine('application/x-ndjson; charset=utf-8'), true);
    assert.equal(decodesLineByLine('application/jsonl'), true);
    assert.equal(decodesLineByLine('application/json'), false);
    assert.equal(decodesLineByLine('application/json', 'ndjson'), true);
    assert.equal(decodesLineByLine('text/html', 'ndjson'), false);
    assert.equal(decodesLineByLine('application/x-ndjson', 'json'), false);
    assert.equal(decodesLineByLine('text/event-stream'), false);
  });

  describe('mid-line cut', () => {
    it('cuts inside the first line with content, never in a blank line, never inside a character', () => {
      const body = Buffer.from('\r\n  \n{"id":1,"t":"é😀é😀"}\n', 'utf8');
      for (const { name, chunks } of chunkings(body)) {
        const cutter = createMidLineCutter();
        const fed: Buffer[] = [];
        for (const chunk of chunks) {
          const at = cutter.cutPoint(chunk);
          if (at === -1) { fed.push(chunk); continue; }
          fed.push(chunk.subarray(0, at));
          break;
        }
        const text = Buffer.concat(fed).toString('utf8');
        assert.ok(!text.includes('\ufffd'), `${name}: ${JSON.stringify(text)}`);
        const partial = text.trim();
        assert.ok(partial.length > 0 && '{"id":1,"t":"é😀é😀"}'.startsWith(partial) && partial.length < '{"id":1,"t":"é😀é😀"}'.length, `${name}: ${JSON.stringify(partial)}`);
      }
    });
  });
});
