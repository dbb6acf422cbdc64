import type { EventRecord, StreamRecord, UnnumberedRecord } from './records';
import type { ConnectOptions } from './options';
import { createSseTransport } from './sse/sseTransport';
import type { CloseOptions, DisconnectOptions, Transport, TransportContext, TransportEnd } from './transport';
import { checkLongPollOptions } from './longpoll/longPollOptions';
import { createLongPollTransport } from './longpoll/longPollTransport';
import { RawByteLog } from './http/rawByteLog';
import { redactUrl } from './redact';
import { resolveConnectOptions, type ResolvedConnectOptions } from './resolveOptions';

/** Callbacks of {@link connect}. */
export interface ConnectCallbacks {
  /** Every record, numbered, in order. */
  onRecord(record: StreamRecord): void;
  /**
   * The last event ID string (the one a reconnect sends) was set, also by a block with an id and no data, which no
   * record reports.
   */
  onLastEventId?(id: string): void;
}

/** A running connection. */
export interface ConnectHandle {
  /** Stops for good (no reconnect); `how` says why in the final `closed` record (default: closed by the user). */
  close(how?: CloseOptions): void;
  /**
   * Drops the current connection; it reconnects by the normal rules (reconnection time, Last-Event-ID). With
   * `midEvent: true` the socket is cut after part of the next event has arrived, and that partial event becomes a
   * `discarded` record. Drops with `simulated: true` (or `midEvent`) carry `simulated: true` on their records.
   */
  disconnect(options?: DisconnectOptions): void;
  /** Stops reading from the socket for `ms` milliseconds (the response is paused), e.g. to see the idle timeout. */
  stall(ms: number): void;
  /** Resolves when the connection has stopped for good. */
  readonly done: Promise<TransportEnd>;
  /**
   * The raw response bytes of recent attempts (bounded by `options.rawLog`), for a raw view. A record points into it
   * with its `attempt` and `rawOffset`.
   */
  readonly rawLog: RawByteLog;
}

/**
 * Opens a connection (SSE or long polling) and reports every record through `onRecord`. The extension, the CLI, the
 * tests and the benchmark all go through this function.
 */
export function connect(options: ConnectOptions, callbacks: ConnectCallbacks): ConnectHandle {
  const url = parseHttpUrl(options.url);
  let resolved: ResolvedConnectOptions;
  try {
    resolved = resolveConnectOptions({ ...options, url: url.href });
  } catch (err) {
    throw new ConnectError((err as Error).message, 'invalid-option');
  }
  const rawLog = new RawByteLog(options.rawLog);
  let seq = 0;
  let ended = false;
  const sink = (record: UnnumberedRecord): void => {
    // The final `closed` record is the last one. A close asked for by a record listener (--max-events) lands while a
    // transport is still handing out a chunk's or an answer's events: the rest of them come after it and are dropped.
    if (ended) return;
    if (record.kind === 'closed' && record.final) ended = true;
    if (record.kind === 'event') {
      callbacks.onRecord(numberEvent(record, seq++));
      return;
    }
    // `kind` and `seq` lead, so capture lines read well; the spread keeps that key order.
    const numbered = { kind: record.kind, seq: seq++ } as StreamRecord;
    callbacks.onRecord(Object.assign(numbered, record));
  };
  const onLastEventId = callbacks.onLastEventId && ((id: string): void => { if (!ended) callbacks.onLastEventId!(id); });
  const transport: Transport = createTransport(resolved, sink, { rawLog, ...(onLastEventId ? { onLastEventId } : {}) });
  return {
    close: (how) => transport.close(how),
    disconnect: (how) => transport.disconnect(how),
    stall: (ms) => transport.stall(ms),
    done: transport.done,
    rawLog,
  };
}

type UnnumberedEvent = Extract<UnnumberedRecord, { kind: 'event' }>;
type CopiedEventField = 'kind' | 't' | 'attempt' | 'type' | 'data' | 'id' | 'lastEventId' | 'bytes' | 'flags' | 'rawOffset';
/** `T` when `numberEvent` copies every field of it, else `never` (so a new EventRecord field is a compile error). */
type EveryFieldCopied<T> = Exclude<keyof T, CopiedEventField> extends never ? T : never;

/**
 * Events are nearly every record, so they are numbered with one object literal: the same fields in the same order as
 * the generic path, without its spread and copy (which cost more than parsing, and a fixed shape lets V8 keep the
 * records it retains cheaply).
 */
function numberEvent(r: EveryFieldCopied<UnnumberedEvent>, seq: number): EventRecord {
  // rawOffset goes in the literal: added afterwards, it would give every retained record a separate property array.
  const numbered: EventRecord = r.rawOffset === undefined
    ? { kind: 'event', seq, t: r.t, attempt: r.attempt, type: r.type, data: r.data, id: r.id, lastEventId: r.lastEventId, bytes: r.bytes }
    : { kind: 'event', seq, t: r.t, attempt: r.attempt, type: r.type, data: r.data, id: r.id, lastEventId: r.lastEventId, bytes: r.bytes, rawOffset: r.rawOffset };
  if (r.flags !== undefined) numbered.flags = r.flags;
  return numbered;
}

function createTransport(options: ResolvedConnectOptions, sink: (record: UnnumberedRecord) => void, context: TransportContext): Transport {
  const mode = options.mode ?? 'sse';
  switch (mode) {
    case 'sse':
      return createSseTransport(options, sink, context);
    case 'long-poll': {
      const problem = checkLongPollOptions(options.longPoll ?? {});
      if (problem) throw new ConnectError(problem, 'invalid-option');
      return createLongPollTransport(options, sink, context);
    }
  }
}

/** A connection that cannot start (bad URL, bad options); `type` says which. */
export class ConnectError extends Error {
  constructor(message: string, readonly type: 'invalid-url' | 'unsupported-mode' | 'invalid-option') {
    super(message);
    this.name = 'ConnectError';
  }
}

/** What is wrong with text that `new URL` refused, as precisely as the text shows. */
function whyNotAUrl(text: string): string {
  const scheme = text.indexOf('://');
  if (scheme < 0) return `include the scheme, for example http://${text}`;
  const authority = text.slice(scheme + 3).split(/[/?#]/, 1)[0]!.replace(/^[^@]*@/, '');
  if (authority === '') return 'it needs a host, for example http://127.0.0.1:8080/events';
  if (/\s/.test(authority)) return `the host "${authority}" contains a space`;
  // An IPv6 host is in brackets and has colons of its own: the port follows the closing bracket.
  const port = authority.startsWith('[') ? /^\[[^\]]*\]:(.*)$/.exec(authority)?.[1] : /^[^:]*:(.*)$/.exec(authority)?.[1];
  if (port !== undefined && port !== '') {
    if (!/^\d+$/.test(port)) return `the port "${port}" is not a number`;
    if (Number(port) > 65535) return `the port ${port} is out of range (0–65535)`;
  }
  return `the host "${authority}" is not valid`;
}

/**
 * Parses `input` as an absolute http(s) URL, or throws a {@link ConnectError} that says what is wrong with it.
 */
export function parseHttpUrl(input: string): URL {
  const text = input.trim();
  if (text === '') throw new ConnectError('Enter a URL, for example http://127.0.0.1:8080/events', 'invalid-url');
  const shown = redactUrl(text); // the messages quote it, and they reach the log and the terminal
  // "localhost:3000/events" parses as a URL of scheme "localhost:": say what was meant instead.
  if (!text.includes('://') && /^[^\s/:?#]+:\d+(?:[/?#]|$)/.test(text)) {
    throw new ConnectError(`"${shown}" has no scheme; include it, for example http://${shown}`, 'invalid-url');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConnectError(`"${shown}" is not a valid URL; ${whyNotAUrl(shown)}`, 'invalid-url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConnectError(`Only http and https URLs are supported, not ${url.protocol.replace(/:$/, '')}:`, 'invalid-url');
  }
  if (!url.hostname) throw new ConnectError(`"${shown}" has no host`, 'invalid-url');
  return url;
}
