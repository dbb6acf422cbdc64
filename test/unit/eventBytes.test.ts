import * as assert from 'node:assert/strict';
import { createEventStreamParser } from '../../src/core/sse/eventStreamParser';
import { chunkings } from '../helpers/chunking';

/** The `bytes` the parser reports for each event of `stream`, fed in `chunks`. */
function eventBytes(chunks: Iterable<Uint8Array>): number[] {
  const sizes: number[] = [];
  const parser = createEventStreamParser({ onEvent: (e) => sizes.push(e.bytes), onComment() {}, onRetry() {}, onDiscarded() {} });
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return sizes;
}

describe('event size in bytes', () => {
  it('is the UTF-8 size of the data, at every split, for ASCII events before and after multi-byte ones', () => {
    const data = ['plain ascii', 'héllo € 😀', 'ascii again', '日本語', 'x'];
    const stream = Buffer.from(data.map((d) => `data: ${d}\n\n`).join(''), 'utf8');
    const expected = data.map((d) => Buffer.byteLength(d));
    for (const { name, chunks } of chunkings(stream)) assert.deepEqual(eventBytes(chunks), expected, `chunking: ${name}`);
  });

  it('counts an invalid byte as the U+FFFD it decodes to', () => {
    assert.deepEqual(eventBytes([Buffer.from('data: a', 'latin1'), Buffer.from([0xff]), Buffer.from('b\n\n')]), [Buffer.byteLength('a\ufffdb')]);
  });
});
