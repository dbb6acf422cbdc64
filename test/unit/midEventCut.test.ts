import * as assert from 'node:assert/strict';
import { createMidEventCutter } from '../../src/core/sse/midEventCut';
import { chunkings } from '../helpers/chunking';
import { parseChunks } from '../helpers/parseAll';

/** Feeds `chunks` through an armed cutter and returns what reached the parser before the cut. */
function feedUntilCut(chunks: Buffer[], lastByte = -1): Buffer[] {
  const cutter = createMidEventCutter(lastByte);
  const fed: Buffer[] = [];
  for (const chunk of chunks) {
    const cut = cutter.cutPoint(chunk);
    if (cut === -1) { fed.push(chunk); continue; }
    fed.push(chunk.subarray(0, cut));
    return fed;
  }
  throw new Error('never cut');
}

describe('mid-event cut (simulated drop inside an event)', () => {
  const stream = Buffer.from('\ufeff: comment line\r\n\r\nid: 1\r\ndata: héllo 😀\r\n\r\n', 'utf8');

  it('cuts inside the first field line after comments and blank lines, at every split', () => {
    for (const { name, chunks } of chunkings(stream)) {
      const fed = feedUntilCut(chunks);
      const { records } = parseChunks(fed);
      assert.deepEqual(records.filter((r) => r.kind === 'event'), [], name);
      const discarded = records.find((r) => r.kind === 'discarded');
      assert.ok(discarded && discarded.kind === 'discarded' && 'id: 1'.startsWith(discarded.text) && discarded.text.length > 0, `${name}: ${JSON.stringify(records)}`);
    }
  });

  it('recognises a line already in progress from the last byte fed', () => {
    // The previous chunk ended inside a comment line; its rest is not a field line.
    const fed = feedUntilCut([Buffer.from('more comment\ndata: x\n\n')], 'a'.charCodeAt(0));
    assert.equal(Buffer.concat(fed).toString(), 'more comment\ndat');
  });

  it('never cuts inside a multi-byte character', () => {
    const line = Buffer.from('é😀é😀é😀\n\n', 'utf8');
    const fed = Buffer.concat(feedUntilCut([line]));
    assert.equal(fed.toString('utf8'), line.subarray(0, fed.length).toString('utf8'));
    assert.ok(!fed.toString('utf8').includes('\ufffd'));
  });
});
