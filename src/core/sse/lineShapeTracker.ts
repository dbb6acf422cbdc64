/**
 * Follows the line structure of an event stream beside eventsource-parser, for the two facts the parser does not
 * report: whether a comment line had a space after its colon (the parser strips it, we record comments exactly), and
 * the text of the block still pending at the end of a response (the parser drops it, we show it as `discarded`).
 *
 * It works on decoded text, chunk by chunk, with the same line terminators as the spec (CRLF, LF, CR) and the same
 * BOM rule as the parser (one U+FEFF stripped at the very start), so it stays in step with the parser at any split.
 */

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
const BOM = 0xfeff;

/** Most characters of a pending block kept for display; the rest is counted. */
export const MAX_PENDING_BLOCK_CHARS = 64 * 1024;

function isTerminator(code: number): boolean {
  return code === LF || code === CR;
}

/** Tracks comment shapes and the pending block of one response. */
export class LineShapeTracker {
  private prevCode = -1;
  private atStreamStart = true;
  private colonEndedChunk = false;
  private readonly commentSpaces: boolean[] = [];
  private commentHead = 0;
  private pending: string[] = [];
  private pendingChars = 0;
  private pendingOverflow = 0;

  /** Observes one decoded chunk, before it is fed to the parser. */
  observe(chunk: string): void {
    if (chunk.length === 0) return;
    let start = 0;
    if (this.atStreamStart) {
      this.atStreamStart = false;
      if (chunk.charCodeAt(0) === BOM) start = 1; // the parser strips exactly one leading BOM
      if (start === chunk.length) return; // the BOM alone: the first line has not begun yet
    }
    this.observeComments(chunk, start);
    this.observeBlock(start === 0 ? chunk : chunk.slice(start));
    this.prevCode = chunk.charCodeAt(chunk.length - 1);
  }

  /**
   * The exact comment text for what the parser reported: the parser drops one space after the colon, so put it back
   * when the line had one.
   */
  exactComment(parsed: string): string {
    const hadSpace = this.commentHead < this.commentSpaces.length ? this.commentSpaces[this.commentHead++] : false;
    if (this.commentHead > 1024 && this.commentHead === this.commentSpaces.length) {
      this.commentSpaces.length = 0;
      this.commentHead = 0;
    }
    return hadSpace ? ` ${parsed}` : parsed;
  }

  /**
   * The text of a block that has begun but was not ended by a blank line, or undefined when there is none. Complete
   * comment lines alone do not make a block (they were already reported); an unterminated last line does.
   */
  /** True when a field line (not a comment) has arrived since the last blank line: an event block has begun. */
  hasPendingFields(): boolean {
    return this.pending.join('').split(/\r\n|\r|\n/).some((line) => line.length > 0 && line.charCodeAt(0) !== COLON);
  }

  pendingBlock(): { text: string; omittedChars: number } | undefined {
    const text = this.pending.join('').replace(/^[\r\n]+/, '');
    const lines = text.split(/\r\n|\r|\n/);
    const hasField = lines.some((line) => line.length > 0 && line.charCodeAt(0) !== COLON);
    if (hasField) return { text, omittedChars: this.pendingOverflow };
    // A comment line without its line ending was never a line (spec: lines end with CR, LF or CRLF), so the parser
    // never reported it: show it rather than lose it.
    const unterminated = lines[lines.length - 1]!;
    return unterminated.length > 0 ? { text: unterminated, omittedChars: this.pendingOverflow } : undefined;
  }

  private observeComments(chunk: string, start: number): void {
    if (this.colonEndedChunk) {
      this.colonEndedChunk = false;
      this.commentSpaces.push(chunk.charCodeAt(start) === SPACE);
    }
    const atLineStart = this.prevCode === -1 || isTerminator(this.prevCode);
    const starts: number[] = [];
    if (atLineStart && chunk.charCodeAt(start) === COLON) starts.push(start);
    for (let i = chunk.indexOf('\n:', start); i !== -1; i = chunk.indexOf('\n:', i + 2)) starts.push(i + 1);
    if (chunk.indexOf('\r', start) !== -1) {
      for (let i = chunk.indexOf('\r:', start); i !== -1; i = chunk.indexOf('\r:', i + 2)) starts.push(i + 1);
      starts.sort((a, b) => a - b);
    }
    for (const colon of starts) {
      if (colon + 1 < chunk.length) this.commentSpaces.push(chunk.charCodeAt(colon + 1) === SPACE);
      else this.colonEndedChunk = true;
    }
  }

  private observeBlock(chunk: string): void {
    const end = lastBlankLineEnd(chunk, this.prevCode);
    if (end !== -1) {
      this.pending = [];
      this.pendingChars = 0;
      this.pendingOverflow = 0;
      this.appendPending(chunk.slice(end));
    } else {
      this.appendPending(chunk);
    }
  }

  private appendPending(text: string): void {
    if (text.length === 0) return;
    const room = MAX_PENDING_BLOCK_CHARS - this.pendingChars;
    if (room <= 0) {
      this.pendingOverflow += text.length;
      return;
    }
    const kept = text.length <= room ? text : text.slice(0, room);
    this.pending.push(kept);
    this.pendingChars += kept.length;
    this.pendingOverflow += text.length - kept.length;
  }
}

/**
 * Index just past the last blank line's terminator in `chunk`, or -1. A blank line is a terminator that directly
 * follows another one, except LF after CR, which completes a CRLF pair.
 */
function lastBlankLineEnd(chunk: string, prevCode: number): number {
  if (prevCode !== CR && chunk.indexOf('\r') === -1) {
    const i = chunk.lastIndexOf('\n\n');
    if (i !== -1) return i + 2;
    return chunk.charCodeAt(0) === LF && prevCode === LF ? 1 : -1;
  }
  for (let i = chunk.length - 1; i >= 0; i--) {
    const code = chunk.charCodeAt(i);
    if (!isTerminator(code)) continue;
    const before = i > 0 ? chunk.charCodeAt(i - 1) : prevCode;
    if (isTerminator(before) && !(before === CR && code === LF)) return i + 1;
  }
  return -1;
}
