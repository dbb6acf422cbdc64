import * as assert from 'node:assert/strict';
import { chunkings } from '../helpers/chunking';
import { parseChunks, type Parsed } from '../helpers/parseAll';

/** Asserts that `stream` parses to `expected` whole, byte by byte and at random splits. */
function expectAtEverySplit(stream: string | Buffer, expected: Parsed[], lastEventId?: string): void {
  const bytes = typeof stream === 'string' ? Buffer.from(stream, 'utf8') : stream;
  for (const { name, chunks } of chunkings(bytes)) {
    const result = parseChunks(chunks);
    assert.deepEqual(result.records, expected, `chunking: ${name}`);
    if (lastEventId !== undefined) assert.equal(result.lastEventId, lastEventId, `lastEventId, chunking: ${name}`);
  }
}

const ev = (data: string, extra: Partial<Extract<Parsed, { kind: 'event' }>> = {}): Parsed =>
  ({ kind: 'event', type: 'message', data, id: null, lastEventId: '', ...extra });

describe('event stream parser (WHATWG HTML, server-sent events)', () => {
  it('dispatches on a blank line; the event type defaults to "message"', () => {
    expectAtEverySplit('data: hello\n\n', [ev('hello')]);
  });

  it('joins several data lines with LF', () => {
    expectAtEverySplit('data: a\ndata:b\ndata:  c\n\n', [ev('a\nb\n c')]);
  });

  it('accepts CRLF, LF and CR line endings, split anywhere (also between CR and LF)', () => {
    expectAtEverySplit('data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: d\r\n\n', [ev('a'), ev('b'), ev('c'), ev('d')]);
  });

  it('keeps the last-event-id across events until changed; an empty id resets it', () => {
    expectAtEverySplit('id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\n', [
      ev('a', { id: '1', lastEventId: '1' }),
      ev('b', { id: null, lastEventId: '1' }),
      ev('c', { id: '', lastEventId: '' }),
    ], '');
  });

  it('ignores an id that contains U+0000', () => {
    expectAtEverySplit('id: 7\ndata: a\n\nid: 8\u00009\ndata: b\n\n', [
      ev('a', { id: '7', lastEventId: '7' }),
      ev('b', { id: null, lastEventId: '7' }),
    ], '7');
  });

  it('an id-only block updates the last-event-id without dispatching', () => {
    expectAtEverySplit('id: 42\n\ndata: after\n\n', [ev('after', { lastEventId: '42' })], '42');
  });

  it('records comments with their exact text after the colon', () => {
    expectAtEverySplit(':no space\n: one space\n:  two spaces\n:\n\n', [
      { kind: 'comment', text: 'no space' },
      { kind: 'comment', text: ' one space' },
      { kind: 'comment', text: '  two spaces' },
      { kind: 'comment', text: '' },
    ]);
  });

  it('only U+FEFF is a BOM: a stream starting with the text "ï»¿" (C3 AF C2 BB C2 BF) keeps it, so that line is an unknown field', () => {
    expectAtEverySplit('\u00ef\u00bb\u00bfdata: x\n\ndata: y\n\n', [ev('y')]);
    expectAtEverySplit('\ufeffdata: x\n\n', [ev('x')]);
    expectAtEverySplit('\ufeff\ufeffdata: x\n\ndata: y\n\n', [ev('y')]);
  });

  it('a retry of more digits than a double holds is still valid: reported as a number, never as null (JSON of Infinity)', () => {
    const digits = '9'.repeat(400);
    expectAtEverySplit(`retry: ${digits}\n\n`, [{ kind: 'retry', ms: Number.MAX_VALUE }]);
  });

  it('reports a valid retry and notes (but ignores) an invalid one', () => {
    expectAtEverySplit('retry: 2500\n\nretry: 1.5\n\nretry: soon\n\n', [
      { kind: 'retry', ms: 2500 },
      { kind: 'retry', ms: null, invalid: '1.5' },
      { kind: 'retry', ms: null, invalid: 'soon' },
    ]);
  });

  it('never dispatches an unfinished block at end of stream; shows it as discarded', () => {
    expectAtEverySplit('data: complete\n\nevent: x\ndata: half an ev', [ev('complete'), { kind: 'discarded', text: 'event: x\ndata: half an ev' }]);
  });

  it('a complete line without the closing blank line is still discarded', () => {
    expectAtEverySplit('data: a\n\nid: 9\ndata: b\n', [ev('a'), { kind: 'discarded', text: 'id: 9\ndata: b\n' }], '');
  });

  it('strips one leading BOM, split across chunks', () => {
    expectAtEverySplit(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('data: x\n\n')]), [ev('x')]);
  });

  it('keeps the space of a comment right after a BOM that arrived in a chunk of its own', () => {
    expectAtEverySplit(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(': hi\n\n')]), [{ kind: 'comment', text: ' hi' }]);
  });

  it('a second BOM is part of the first line, whose field is then unknown', () => {
    expectAtEverySplit(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]), Buffer.from('data: x\n\ndata: y\n\n')]), [ev('y')]);
  });

  it('decodes multi-byte UTF-8 split anywhere, invalid bytes become U+FFFD', () => {
    expectAtEverySplit('data: héllo 😀 日本\n\n', [ev('héllo 😀 日本')]);
    expectAtEverySplit(Buffer.concat([Buffer.from('data: a'), Buffer.from([0xff, 0xc3]), Buffer.from('\n\n')]), [ev('a\ufffd\ufffd')]);
  });

  it('sets the event type from an event field, reset after dispatch', () => {
    expectAtEverySplit('event: add\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n', [ev('1', { type: 'add' }), ev('2'), ev('3')]);
  });
});
