/**
 * StreamRecord: the one data model of Stream Debugger.
 *
 * Every record of a live connection, a capture file line and a CLI output line has this shape. Field names are a
 * contract (captures and users' scripts depend on them): add fields freely, never rename.
 */

/** Connection mode of a session. */
export type StreamMode = 'sse' | 'long-poll';

/** Fields every record carries. */
export interface RecordBase {
  /** Position in the session, from 0, never reused (also after records are dropped by the cap). */
  seq: number;
  /** Milliseconds since the Unix epoch (fractions allowed). */
  t: number;
  /** Connection attempt that produced the record, from 1. */
  attempt: number;
  /**
   * Response body bytes (after content decoding) received in this attempt when the record was made, counted per
   * chunk: the record's position in the attempt's raw-bytes log (`ConnectHandle.rawLog`).
   */
  rawOffset?: number;
}

/** A dispatched event (spec: "dispatch the event"). */
export interface EventRecord extends RecordBase {
  kind: 'event';
  /** Event type; `message` when the block had no `event:` field. */
  type: string;
  data: string;
  /** The `id:` field of this block, or null when the block had none. */
  id: string | null;
  /** The last-event-id in force when the event was dispatched (persists across events). */
  lastEventId: string;
  /** UTF-8 size of the block as received, in bytes. */
  bytes: number;
  /** Set by the session when this event repeats or skips ids after a resume. */
  flags?: EventFlag[];
}

/** Findings about an event's id relative to the ones before it. */
export type EventFlag = 'duplicate' | 'out-of-order' | 'gap-before';

/** A `:` comment line (heartbeats), with its exact text after the colon. */
export interface CommentRecord extends RecordBase {
  kind: 'comment';
  text: string;
}

/** A `retry:` field; `ms` is null when the value was invalid (and so ignored). */
export interface RetryRecord extends RecordBase {
  kind: 'retry';
  ms: number | null;
  /** The raw field value when it was invalid. */
  invalid?: string;
}

/** An unfinished block at the end of a response: never dispatched, shown with its text. */
export interface DiscardedRecord extends RecordBase {
  kind: 'discarded';
  text: string;
}

/** Kinds of connection lifecycle records. */
export type LifecycleKind = 'connecting' | 'open' | 'error' | 'reconnect' | 'closed' | 'poll' | 'redirect' | 'resume';

/**
 * Connection lifecycle: request, response, errors, reconnects, polls, redirects, and `resume` (the verdict on how the
 * server resumed after a reconnect).
 */
export interface LifecycleRecord extends RecordBase {
  kind: LifecycleKind;
  /** Human-readable summary of what happened and why. */
  message: string;
  method?: string;
  url?: string;
  status?: number;
  statusText?: string;
  /** Request headers (on `connecting`) or response headers (on `open`/`error`), secrets redacted. */
  headers?: Record<string, string>;
  /** The Last-Event-ID header sent with this attempt, if any. */
  lastEventIdSent?: string;
  /** Milliseconds until the next attempt (on `reconnect`). */
  delay?: number;
  /** Machine-readable reason for errors, closes and reconnects. */
  reason?: string;
  /** First bytes of an unexpected response body, as text. */
  bodyPreview?: string;
  /** True when Stream Debugger caused this (a simulated disconnect). */
  simulated?: boolean;
  /** True when the connection will not be retried. */
  final?: boolean;
  /** Bytes received in this attempt so far, as sent on the wire (before content decoding). */
  bytes?: number;
  /** Free-form extra details (poll cursor, held time, event count…). */
  details?: Record<string, unknown>;
  /** On `resume`: how the server resumed after the Last-Event-ID (or cursor) in `lastEventIdSent`. */
  verdict?: ResumeVerdict;
  /** On `resume`: the first id that came back after the reconnect (null when the events carried none). */
  firstIdReceived?: string | null;
  /** On `resume` with verdict `gap`: how many ids are missing between the id sent and the first id received. */
  missingIds?: number;
  /**
   * On `resume`: true when the check is of the first connection, sent with a Last-Event-ID (or cursor) given at the
   * start (`--last-event-id`, a restarted session): a resumed start, not a reconnect.
   */
  resumedStart?: boolean;
}

/**
 * How a server resumed after a reconnect (or at a resumed start), judged from the Last-Event-ID (or cursor) sent and the first id received:
 * - `resumed`: the first id is the one right after the id sent;
 * - `gap`: ids between the one sent and the first received are missing (known when ids are consecutive numbers or the
 *   history is known from a capture);
 * - `duplicates`: the server resent events already received (it resumed from an earlier point);
 * - `header-ignored`: the server replayed from the first event, as if no Last-Event-ID had been sent;
 * - `restarted`: ids started over for different events (the server's ids cannot be used to resume);
 * - `unverified`: a new id came back, but ids are not ordered and no history is known, so a gap cannot be ruled out;
 * - `no-id`: nothing to check: no id was sent, or the events after the reconnect carry no id.
 */
export type ResumeVerdict = 'resumed' | 'gap' | 'duplicates' | 'header-ignored' | 'restarted' | 'unverified' | 'no-id';

/** Any record of a stream. */
export type StreamRecord = EventRecord | CommentRecord | RetryRecord | DiscardedRecord | LifecycleRecord;

/** Every record kind. */
export type RecordKind = StreamRecord['kind'];

/** Lifecycle kinds, for narrowing. */
export const LIFECYCLE_KINDS: readonly LifecycleKind[] = ['connecting', 'open', 'error', 'reconnect', 'closed', 'poll', 'redirect', 'resume'];

/** True when `r` is a lifecycle record. */
export function isLifecycle(r: StreamRecord): r is LifecycleRecord {
  return (LIFECYCLE_KINDS as readonly string[]).includes(r.kind);
}

/** `Omit` applied to each member of a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A record before it is numbered. */
export type UnnumberedRecord = DistributiveOmit<StreamRecord, 'seq'>;

/** A record before it is numbered, timestamped and tied to its attempt. */
export type RecordDraft = DistributiveOmit<StreamRecord, 'seq' | 't' | 'attempt'>;

/** First line of a capture file. */
export interface CaptureHeader {
  format: 'stream-debugger-capture';
  version: 1;
  mode: StreamMode;
  url: string;
  method: string;
  requestHeaders: Record<string, string>;
  startedAt: string;
}
