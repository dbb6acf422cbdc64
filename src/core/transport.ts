import type { RawByteLog } from './http/rawByteLog';
import type { UnnumberedRecord } from './records';

/** Receives every record a transport produces, in order. */
export type RecordSink = (record: UnnumberedRecord) => void;

/** How {@link Transport.disconnect} drops the connection. */
export interface DisconnectOptions {
  /** True when Stream Debugger causes the drop to show what a client sees (its records carry `simulated: true`). */
  simulated?: boolean;
  /** Shown in the lifecycle record. */
  message?: string;
  /**
   * Cut the socket after part of the next event's bytes have arrived instead of now. The partial event is never
   * dispatched (spec: an unfinished block is discarded at end of stream); it becomes a `discarded` record.
   */
  midEvent?: boolean;
}

/**
 * Controls of a running transport, whatever its mode (SSE or long polling). Reconnection after a drop always follows
 * the mode's normal rules.
 */
export interface Transport {
  /** Drops the current connection (now, or mid-event); reconnection then follows the normal rules. */
  disconnect(options?: DisconnectOptions): void;
  /**
   * Stops reading from the socket for `ms` milliseconds (the response is paused), so the idle timeout and the
   * server's back-pressure can be seen. Applies to the current response, or to the next one when none is open.
   */
  stall(ms: number): void;
  /** Stops for good; `how` says why, for the final `closed` record (default: closed by the user). */
  close(how?: CloseOptions): void;
  /** Resolves when the transport has stopped for good. */
  readonly done: Promise<TransportEnd>;
}

/**
 * Why the caller closed a connection: `closed-by-user` (the default: the user asked), or a limit the caller set was
 * reached (`max-events`: that many events arrived; `duration`: that much time passed).
 */
export type CloseReason = 'closed-by-user' | 'max-events' | 'duration';

/** How {@link Transport.close} words the end, in the final `closed` record and in `done`. */
export interface CloseOptions {
  /** Default `closed-by-user`. */
  reason?: CloseReason;
  /** The record's message; default "closed by the user". */
  message?: string;
}

/** Why a transport stopped. */
export interface TransportEnd {
  reason: CloseReason | 'no-reconnect' | 'http-204' | 'http-error' | 'body-not-resent';
  /** False when the connection failed (the CLI exits 1). */
  ok: boolean;
}

/** What {@link connect} gives every transport besides its options and sink. */
export interface TransportContext {
  /** Where the transport logs each attempt's raw body bytes (records point into it with `rawOffset`). */
  rawLog?: RawByteLog;
  /**
   * The last event ID string was set: by an event (before its record) or by a block without data (spec: dispatch
   * step 1 runs before the check for empty data), which produces no record at all.
   */
  onLastEventId?(id: string): void;
}

/**
 * How a transport ends, once, whatever asked (the server, an error, the caller): `finish` cleans up and emits the final
 * `closed` record, then `done` settles. Later calls do nothing.
 */
export class TransportEnding {
  readonly done: Promise<TransportEnd>;
  private settle!: (end: TransportEnd) => void;
  private ended = false;

  constructor(private readonly finish: (end: TransportEnd, message: string) => void) {
    this.done = new Promise<TransportEnd>((resolve) => { this.settle = resolve; });
  }

  /** True once the transport has ended (or is ending): no new work may start. */
  get stopped(): boolean {
    return this.ended;
  }

  stop(end: TransportEnd, message: string): void {
    if (this.ended) return;
    this.ended = true;
    this.finish(end, message);
    this.settle(end);
  }
}
