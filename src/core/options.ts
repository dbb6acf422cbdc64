import type { StreamMode } from './records';

/**
 * Options of one logical connection. The names match profile fields and CLI flags, so a profile, a command line and
 * a script describe a connection the same way.
 */
export interface ConnectOptions {
  url: string;
  /** `sse` (default) or `long-poll`. */
  mode?: StreamMode;
  /** HTTP method; GET by default. */
  method?: string;
  /** Request headers; `Accept: text/event-stream` and `Cache-Control: no-cache` are added unless given. */
  headers?: Record<string, string>;
  /** Request body (text, or bytes read from a file). */
  body?: string | Uint8Array;
  /** Initial last-event-id, sent as `Last-Event-ID` on the first request. */
  lastEventId?: string;
  /** Reconnect when a connection ends or fails (spec behaviour); true by default. */
  reconnect?: boolean;
  /** Re-send a request that has a body on reconnect. Off by default: an LLM stream must not be re-requested silently. */
  resendBodyOnReconnect?: boolean;
  /** Keep retrying, with backoff, after a non-200 status or a wrong content type. Off by default (spec: fail). */
  retryHttpErrors?: boolean;
  /** Skip TLS certificate verification (shown as a warning). */
  insecure?: boolean;
  /** Extra CA certificates (PEM text) to trust. */
  ca?: string;
  /** Milliseconds to wait for the response headers before the attempt counts as failed. Default 30 000. */
  connectTimeoutMs?: number;
  /** Milliseconds without any byte before the connection counts as dropped. 0 (default) disables. */
  idleTimeoutMs?: number;
  /** Initial reconnection time in ms until the server sends `retry:`. Default 3000 (the spec's suggestion). */
  initialRetryMs?: number;
  /** Values (resolved secrets) to mask wherever headers or bodies are shown. */
  secretValues?: string[];
}

/** Default reconnection time, as browsers use. */
export const DEFAULT_RECONNECTION_MS = 3000;
/** The largest delay a Node timer takes; a bigger `retry:` would fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;
