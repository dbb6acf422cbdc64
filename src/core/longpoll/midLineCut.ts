/**
 * Finds where to cut a streamed NDJSON answer so that part of the next line has arrived but not its newline, for the
 * simulated "drop in the middle of an event" in long polling (the SSE transport's mid-event cut, for lines). Works on
 * the decoded-body bytes: LF ends a line; a line opens with its first byte that is not white space (space, tab, CR,
 * or a BOM's bytes), so a blank line is never what gets cut.
 */

const LF = 0x0a;

/** Scans chunks, once armed, for the first content byte of the next line. */
export interface MidLineCutter {
  /**
   * Where to cut `chunk`: feed `chunk.subarray(0, n)` and then drop the connection. `-1` means feed the whole chunk
   * and keep waiting.
   */
  cutPoint(chunk: Uint8Array): number;
}

/**
 * Creates a cutter that starts in a blank stretch: the line in progress, if any, holds only white space (a line with
 * content in progress is cut at once by the caller, without a cutter).
 */
export function createMidLineCutter(): MidLineCutter {
  return {
    cutPoint(chunk) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === LF || b === 0x20 || b === 0x09 || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf) continue;
        return cutInsideLine(chunk, i);
      }
      return -1;
    },
  };
}

/** A cut halfway through the line whose content starts at `start`: at least one byte in, never inside a UTF-8 sequence. */
function cutInsideLine(chunk: Uint8Array, start: number): number {
  let end = start;
  while (end < chunk.length && chunk[end] !== LF && chunk[end] !== 0x0d) end++;
  let cut = start + Math.max(1, Math.floor((end - start) / 2));
  while (cut > start + 1 && (chunk[cut]! & 0xc0) === 0x80) cut--; // step back off a continuation byte
  while (cut < end && (chunk[cut]! & 0xc0) === 0x80) cut++; // a line that opens with a multi-byte character
  return cut;
}
