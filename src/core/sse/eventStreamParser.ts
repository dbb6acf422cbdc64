import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { createParser, type EventSourceParser } from 'eventsource-parser';
import { LineShapeTracker } from './lineShapeTracker';

/** What the parser reports, in stream order. */
export interface EventStreamCallbacks {
  /** A dispatched event; `type` defaults to `message`, `lastEventId` is the id in force after this block. */
  onEvent(event: { type: string; data: string; id: string | null; lastEventId: string; bytes: number }): void;
  /** A comment line, with its exact text after the colon. */
  onComment(text: string): void;
  /** A `retry:` field: `ms` when valid, null (with the raw value) when not, in which case it is ignored. */
  onRetry(ms: number | null, invalid?: string): void;
  /** An unfinished block at the end of the response, never dispatched. */
  onDiscarded(text: string): void;
  /**
   * The last event ID string was set (dispatch step 1), also by a block without data, which no `onEvent` reports;
   * called before that block's `onEvent`, if any.
   */
  onLastEventId?(id: string): void;
}

/** Parses one response body of `text/event-stream`: bytes in, spec events out. */
export interface EventStreamParser {
  /** Feeds raw response bytes (any split: inside characters, the BOM, or a CRLF pair). */
  feed(bytes: Uint8Array): void;
  /** Ends the response: flushes the decoder and reports a pending block as discarded. */
  end(): void;
  /** True when a block with at least one field has begun and not ended (it would be discarded by `end()`). */
  hasPendingBlock(): boolean;
  /** The last-event-id string (spec: "last event ID string"), which persists across events and responses. */
  readonly lastEventId: string;
}

/**
 * Creates a parser for one response. The last-event-id persists across responses of one connection, so it is
 * passed in (spec: "the last event ID string of the event source"); everything else starts afresh (a new parser
 * state, decoder and BOM check per response).
 */
export function createEventStreamParser(callbacks: EventStreamCallbacks, initialLastEventId = ''): EventStreamParser {
  const decoder = new StringDecoder('utf8'); // streaming UTF-8: invalid sequences become U+FFFD
  const shape = new LineShapeTracker();
  let lastEventId = initialLastEventId;
  let ended = false;
  // While every byte of the response so far is ASCII, an event's UTF-8 size is its length: one isAscii() per chunk
  // (SIMD) instead of a Buffer.byteLength() per event.
  let asciiSoFar = true;

  const parser: EventSourceParser = createParser({
    // Spec: on dispatch, "set the last event ID string of the event source to the value of the last event ID
    // buffer", also for a block with no data. The parser already ignores ids containing U+0000.
    onId: (id) => {
      lastEventId = id;
      callbacks.onLastEventId?.(id);
    },
    onEvent: (message) => {
      callbacks.onEvent({
        type: message.event || 'message', // spec: the event type defaults to "message"
        data: message.data,
        id: message.id ?? null,
        lastEventId,
        bytes: asciiSoFar ? message.data.length : Buffer.byteLength(message.data),
      });
    },
    onComment: (comment) => callbacks.onComment(shape.exactComment(comment)),
    // A valid value of over 308 digits parses to Infinity, which JSON writes as null (the mark of an invalid retry).
    onRetry: (ms) => callbacks.onRetry(Number.isFinite(ms) ? ms : Number.MAX_VALUE),
    onError: (error) => {
      // Spec: a retry value that is not all ASCII digits is ignored; we still show it. Unknown fields are ignored.
      if (error.type === 'invalid-retry') callbacks.onRetry(null, error.value ?? '');
    },
  });

  let firstText = true;
  function push(text: string): void {
    if (text.length === 0) return;
    if (firstText) {
      // eventsource-parser also strips "\xEF\xBB\xBF" read as three characters ("ï»¿", which the spec keeps) at the
      // start: strip a real BOM here and give the parser (and the shape tracker, in step) a U+FEFF of ours to strip.
      firstText = false;
      text = `\uFEFF${text.charCodeAt(0) === 0xfeff ? text.slice(1) : text}`;
    }
    shape.observe(text);
    parser.feed(text);
  }

  return {
    feed(bytes) {
      if (ended) return;
      const chunk = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (asciiSoFar && !isAscii(chunk)) asciiSoFar = false;
      push(decoder.write(chunk));
    },
    end() {
      if (ended) return;
      ended = true;
      push(decoder.end());
      // Spec: "If the file ends in the middle of an event, before the final empty line, the incomplete event is
      // not dispatched." We show it instead of losing it silently.
      const pending = shape.pendingBlock();
      if (pending) {
        callbacks.onDiscarded(pending.omittedChars > 0 ? `${pending.text}… (${pending.omittedChars} more characters)` : pending.text);
      }
      parser.reset();
    },
    hasPendingBlock() {
      return shape.hasPendingFields();
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}
