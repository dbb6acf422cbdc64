/**
 * Finds where to cut a response so that part of the next event block has arrived but not its end, for the simulated
 * "drop in the middle of an event". Works on the decoded-body bytes, byte-wise: a field line (spec: a line that is
 * not empty and does not start with a colon) opens an event block, CR or LF ends a line.
 */

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;

/** Scans chunks, once armed, for the first byte of the next field line. */
export interface MidEventCutter {
  /**
   * Where to cut `chunk`: feed `chunk.subarray(0, n)` and then drop the connection. `-1` means feed the whole chunk
   * and keep waiting.
   */
  cutPoint(chunk: Uint8Array): number;
}

/**
 * Creates a cutter. `lastByte` is the last body byte already fed (or -1 at the start of a response), so that a line
 * already in progress is recognised.
 */
export function createMidEventCutter(lastByte: number): MidEventCutter {
  let atLineStart = lastByte === -1 || lastByte === LF || lastByte === CR;
  return {
    cutPoint(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === LF || b === CR) {
          atLineStart = true;
          continue;
        }
        if (!atLineStart) continue;
        if (b === 0xef || b === 0xbb || b === 0xbf) continue; // BOM bytes: look at what follows them
        atLineStart = false;
        if (b === COLON) continue; // a comment line opens no block
        return cutInsideLine(chunk, i);
      }
      return -1;
    },
  };
}

/** A cut halfway through the field line that starts at `start`, at least one byte in, never inside a UTF-8 sequence. */
function cutInsideLine(chunk: Uint8Array, start: number): number {
  let end = start;
  while (end < chunk.length && chunk[end] !== LF && chunk[end] !== CR) end++;
  let cut = start + Math.max(1, Math.floor((end - start) / 2));
  while (cut > start + 1 && (chunk[cut]! & 0xc0) === 0x80) cut--; // step back off a continuation byte
  return cut;
}
