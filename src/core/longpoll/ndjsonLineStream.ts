import { PollDecodeError } from './pollDecoders';
import { toPollItem, type ItemFields, type PollItem } from './pollItems';

const LF = 0x0a;

/**
 * An NDJSON answer read as it arrives: each line becomes an item as soon as its newline is in. Gives the same items,
 * line numbers and errors as decoding the whole answer (`decodePollBody`) for the same bytes, however they are split.
 */
export interface NdjsonLineStream {
  /**
   * Decodes the complete lines of `chunk` from `from` on, calling `onItem` for each non-blank one, and keeps the
   * unfinished rest. Returns how far it read: `chunk.length`, or less when `stopAfterLine()` said so after an item
   * (the index just after that line's newline). Throws a {@link PollDecodeError} for a line that is not JSON.
   */
  feed(chunk: Uint8Array, from?: number): number;
  /** The answer ended: decodes a last line that has no newline. Throws like `feed`. */
  end(): void;
  /** Bytes of the unfinished line held so far (the memory this stream holds). */
  readonly pendingBytes: number;
  /** True when the unfinished line has more than whitespace: a cut now lands inside a line. */
  readonly inLine: boolean;
  /** The unfinished line as text (for a `discarded` record), trimmed. */
  pendingText(): string;
  /** Non-blank lines decoded so far. */
  readonly items: number;
}

/** Callbacks of {@link createNdjsonLineStream}. */
export interface NdjsonLineHandlers {
  onItem(item: PollItem): void;
  /** Asked after each item: true stops `feed` there (a drop or a close was asked for while the item was handed out). */
  stopAfterLine?(): boolean;
  /**
   * Bytes a line may have (without its LF); a longer one, finished or not, makes `feed` throw a
   * {@link NdjsonLineTooLong} before it is decoded, however the bytes were split.
   */
  maxLineBytes?: number;
}

/** A line longer than {@link NdjsonLineHandlers.maxLineBytes}; `complete` is false when its newline has not come. */
export class NdjsonLineTooLong extends Error {
  constructor(readonly bytes: number, readonly complete: boolean) {
    super(`an NDJSON line of ${bytes} bytes${complete ? '' : ' so far, still without its newline'}`);
    this.name = 'NdjsonLineTooLong';
  }
}

/**
 * Creates a line stream. Lines end at LF (a CR before it is trimmed with the rest of the line's whitespace), as in
 * the whole-answer decoder; splitting bytes at LF never splits a UTF-8 sequence (0x0a is never part of one), so
 * decoding each line's bytes gives the text decoding the whole answer gives. The first non-blank line is checked for
 * an HTML page (`<` first) as the whole-answer decoder does for the body.
 */
export function createNdjsonLineStream(fields: ItemFields, handlers: NdjsonLineHandlers): NdjsonLineStream {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNumber = 0; // lines ended so far, blank ones included (error messages count them as the whole decoder does)
  let items = 0;
  const maxLineBytes = handlers.maxLineBytes ?? Infinity;

  function line(bytes: Buffer): void {
    lineNumber++;
    const text = bytes.toString('utf8').trim(); // trim also drops a BOM (U+FEFF is white space to trim)
    if (text === '') return;
    if (items === 0 && text.startsWith('<')) throw new PollDecodeError('the answer is an HTML page, not NDJSON', 'html-page');
    let item: unknown;
    try {
      item = JSON.parse(text);
    } catch (err) {
      throw new PollDecodeError(`NDJSON line ${lineNumber} is not JSON (${(err as Error).message}): ${JSON.stringify(text.slice(0, 80))}`, 'bad-ndjson-line');
    }
    items++;
    handlers.onItem(toPollItem(item, text, fields)); // data = the line as received
  }

  function takePending(tail: Uint8Array): Buffer {
    const all = pending.length === 0 ? Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength) : Buffer.concat([...pending, tail]);
    pending = [];
    pendingBytes = 0;
    return all;
  }

  return {
    feed(chunk, from = 0) {
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let start = from;
      while (start < bytes.length) {
        const newline = bytes.indexOf(LF, start);
        if (newline === -1) {
          const rest = bytes.subarray(start);
          pending.push(Buffer.from(rest)); // a copy: the caller may reuse its chunk
          pendingBytes += rest.length;
          if (pendingBytes > maxLineBytes) throw new NdjsonLineTooLong(pendingBytes, false);
          return bytes.length;
        }
        if (pendingBytes + newline - start > maxLineBytes) throw new NdjsonLineTooLong(pendingBytes + newline - start, true);
        const itemsBefore = items;
        line(takePending(bytes.subarray(start, newline)));
        start = newline + 1;
        if (items > itemsBefore && handlers.stopAfterLine?.()) return start;
      }
      return bytes.length;
    },
    end() {
      if (pendingBytes > 0) line(takePending(new Uint8Array(0)));
    },
    get pendingBytes() {
      return pendingBytes;
    },
    get inLine() {
      return pendingBytes > 0 && this.pendingText() !== '';
    },
    pendingText() {
      return pending.length === 0 ? '' : Buffer.concat(pending).toString('utf8').trim();
    },
    get items() {
      return items;
    },
  };
}
