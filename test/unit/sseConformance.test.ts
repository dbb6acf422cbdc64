import * as assert from 'node:assert/strict';
import { chunkings, type Chunking } from '../helpers/chunking';
import { parseChunks, type Parsed } from '../helpers/parseAll';

/**
 * Conformance with the WHATWG HTML Standard, §9.2 "Server-sent events" (parsing: "Interpreting an event stream" and
 * "Dispatch the event"). Each test names the rule it checks, quoting the spec, and feeds its stream whole, byte by
 * byte, cut once at every position (so inside every multi-byte character, inside the BOM and between every CR and
 * LF), and at seeded random splits.
 */

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The stream cut in two at every position. */
function everySingleCut(bytes: Buffer): Chunking[] {
  const out: Chunking[] = [];
  for (let i = 1; i < bytes.length; i++) out.push({ name: `cut at byte ${i}`, chunks: [bytes.subarray(0, i), bytes.subarray(i)] });
  return out;
}

function conforms(stream: string | Buffer, expected: Parsed[], lastEventId?: string): void {
  const bytes = typeof stream === 'string' ? Buffer.from(stream, 'utf8') : stream;
  for (const { name, chunks } of [...chunkings(bytes), ...everySingleCut(bytes)]) {
    const result = parseChunks(chunks);
    assert.deepEqual(result.records, expected, `chunking: ${name}`);
    if (lastEventId !== undefined) assert.equal(result.lastEventId, lastEventId, `last event ID string, chunking: ${name}`);
  }
}

const ev = (data: string, extra: Partial<Extract<Parsed, { kind: 'event' }>> = {}): Parsed =>
  ({ kind: 'event', type: 'message', data, id: null, lastEventId: '', ...extra });
const discarded = (text: string): Parsed => ({ kind: 'discarded', text });

describe('WHATWG SSE conformance: interpreting an event stream', () => {
  it('"Streams must be decoded using the UTF-8 decode algorithm" — multi-byte characters split anywhere', () => {
    conforms('data: ü € 😀 日本語\n\n', [ev('ü € 😀 日本語')]);
  });

  it('UTF-8 decode: invalid sequences become U+FFFD (one per maximal subpart), also a truncated last character', () => {
    conforms(Buffer.concat([Buffer.from('data: '), Buffer.from([0xc3, 0x28, 0xe2, 0x82, 0xff]), Buffer.from('!\n\ndata: '), Buffer.from([0xf0, 0x9f, 0x98])]),
      [ev('\ufffd(\ufffd\ufffd!'), discarded('data: \ufffd')]);
  });

  it('"One leading U+FEFF BYTE ORDER MARK character must be ignored if any are present"', () => {
    conforms(Buffer.concat([BOM, Buffer.from('data: after the BOM\n\n')]), [ev('after the BOM')]);
  });

  it('only one BOM is stripped, only at the start: a line starting with a second BOM dispatches nothing', () => {
    conforms(Buffer.concat([BOM, BOM, Buffer.from('data: hidden\n\ndata: seen\n\n')]), [ev('seen')]);
    conforms(Buffer.concat([Buffer.from('data: a\n\n'), BOM, Buffer.from('data: b\n\n')]), [ev('a')]);
  });

  it('"a line can end" with CRLF, a lone LF, or a lone CR — also a CRLF split across chunks', () => {
    conforms('data: crlf\r\n\r\ndata: lf\n\ndata: cr\r\rdata: mixed\r\n\n', [ev('crlf'), ev('lf'), ev('cr'), ev('mixed')]);
  });

  it('"If the line is empty (a blank line)": dispatch the event', () => {
    conforms('data: one\n\n\n\ndata: two\n\n', [ev('one'), ev('two')]);
  });

  it('"If the line starts with a U+003A COLON character (:)": a comment, ignored by the parser (recorded by us exactly)', () => {
    conforms(': heartbeat\n:x\n:\n\n', [{ kind: 'comment', text: ' heartbeat' }, { kind: 'comment', text: 'x' }, { kind: 'comment', text: '' }]);
  });

  it('"If value starts with a U+0020 SPACE character, remove it" — one space only', () => {
    conforms('data:no space\n\ndata: one\n\ndata:  two\n\n', [ev('no space'), ev('one'), ev(' two')]);
  });

  it('"the string is not empty but does not contain a U+003A COLON": the whole line is the field name, the value empty', () => {
    // Spec example: "data\n\ndata\ndata\n\ndata:" — two events, "" and "\n"; the last block is never dispatched.
    conforms('data\n\ndata\ndata\n\ndata:', [ev(''), ev('\n'), discarded('data:')]);
  });

  it('"Collect the characters on the line before the first U+003A COLON": later colons belong to the value', () => {
    conforms('data: a:b: c\n\n', [ev('a:b: c')]);
  });

  it('field names are case-sensitive; an unknown field "is ignored"', () => {
    conforms('Data: upper\nfoo: bar\ndata: lower\n\n', [ev('lower')]);
  });

  it('"data": "Append the field value to the data buffer, then append a single U+000A LINE FEED"; the last LF is removed', () => {
    conforms('data: a\ndata:\ndata: b\n\n', [ev('a\n\nb')]);
  });

  it('"If the data buffer is an empty string, set the data buffer and the event type buffer to the empty string and return"', () => {
    conforms('event: orphan\n\ndata: next\n\n', [ev('next')]);
  });

  it('"event": the type "message" unless the event type buffer is not empty; both buffers reset after dispatch', () => {
    conforms('event: add\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\nevent: a\nevent: b\ndata: 4\n\n', [ev('1', { type: 'add' }), ev('2'), ev('3'), ev('4', { type: 'b' })]);
  });

  it('"id": "set the last event ID buffer to the field value"; it persists across events ("The buffer does not get reset")', () => {
    conforms('id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n', [
      ev('a', { id: '1', lastEventId: '1' }), ev('b', { lastEventId: '1' }), ev('c', { id: '2', lastEventId: '2' }),
    ], '2');
  });

  it('"id" with an empty value resets the last event ID to the empty string (a bare "id" line too)', () => {
    conforms('id: 5\ndata: a\n\nid:\ndata: b\n\nid: 6\ndata: c\n\nid\ndata: d\n\n', [
      ev('a', { id: '5', lastEventId: '5' }), ev('b', { id: '', lastEventId: '' }), ev('c', { id: '6', lastEventId: '6' }), ev('d', { id: '', lastEventId: '' }),
    ], '');
  });

  it('"If the field value does not contain U+0000 NULL … Otherwise, ignore the field"', () => {
    conforms('id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n', [ev('a', { id: '1', lastEventId: '1' }), ev('b', { lastEventId: '1' })], '1');
  });

  it('"Set the last event ID string … to the value of the last event ID buffer" on dispatch, also for a block with no data', () => {
    conforms('id: 9\n\ndata: later\n\n', [ev('later', { lastEventId: '9' })], '9');
  });

  it('"retry": "If the field value consists of only ASCII digits" set the reconnection time; "Otherwise, ignore the field"', () => {
    conforms('retry: 1500\n\nretry: -1\n\nretry: 1e3\n\nretry:  100\n\nretry: 100 \n\nretry: ٣\n\nretry\n\n', [
      { kind: 'retry', ms: 1500 },
      { kind: 'retry', ms: null, invalid: '-1' },
      { kind: 'retry', ms: null, invalid: '1e3' },
      { kind: 'retry', ms: null, invalid: ' 100' },
      { kind: 'retry', ms: null, invalid: '100 ' },
      { kind: 'retry', ms: null, invalid: '٣' },
      { kind: 'retry', ms: null, invalid: '' },
    ]);
  });

  it('"Once the end of the file is reached, any pending data must be discarded" — shown as a discarded record', () => {
    conforms('data: done\n\nid: 7\nevent: half\ndata: never', [ev('done'), discarded('id: 7\nevent: half\ndata: never')]);
  });

  it('a comment line without a line ending is never a line: not a comment, shown as discarded', () => {
    conforms('data: a\n\n: bye', [ev('a'), discarded(': bye')]);
    conforms(': complete\n', [{ kind: 'comment', text: ' complete' }]);
  });

  it('U+0000 in data is kept', () => {
    conforms('data: a\u0000b\n\n', [ev('a\u0000b')]);
  });

  it('the spec\'s first example: comment, first event with id, id reset, unfinished third event', () => {
    conforms(': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n', [
      { kind: 'comment', text: ' test stream' },
      ev('first event', { id: '1', lastEventId: '1' }),
      ev('second event', { id: '', lastEventId: '' }),
      discarded('data:  third event\n'),
    ], '');
  });

  it('the last event ID string starts from the one carried over from a previous response', () => {
    const result = parseChunks([Buffer.from('data: a\n\n')], '41');
    assert.deepEqual(result.records, [ev('a', { lastEventId: '41' })]);
  });
});
