import type { ProxyConfig } from './http/proxy';
import type { RawByteLogLimits } from './http/rawByteLog';
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
  /** Request body read from this file when the connection starts (instead of `body`). */
  bodyFile?: string;
  /** A JSON request body (instead of `body`): serialized, with `Content-Type: application/json` unless given. */
  json?: unknown;
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
  /** A PEM file of extra CA certificates to trust, read when the connection starts. */
  caFile?: string;
  /**
   * HTTP proxy: one URL for both schemes (VS Code's `http.proxy`), or per scheme with `noProxy` exceptions (the CLI
   * reads them from `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY`). None by default: the core never reads the environment.
   */
  proxy?: string | ProxyConfig;
  /** Redirects followed per attempt; 20 by default (the Fetch Standard's limit). */
  maxRedirects?: number;
  /** Bounds of the raw-bytes log kept per attempt (see `ConnectHandle.rawLog`). */
  rawLog?: RawByteLogLimits;
  /** Milliseconds to wait for the response headers before the attempt counts as failed. Default 30 000. */
  connectTimeoutMs?: number;
  /** Milliseconds without any byte (comments count) before the connection counts as dropped. 0 (default) disables. */
  idleTimeoutMs?: number;
  /** Initial reconnection time in ms until the server sends `retry:`. Default 3000 (the spec's suggestion). */
  initialRetryMs?: number;
  /** Values (resolved secrets) to mask wherever headers or bodies are shown. */
  secretValues?: string[];
  /** Options of `long-poll` mode (ignored for SSE); every field has a default. */
  longPoll?: LongPollOptions;
}

/**
 * How long polling reads answers and carries the cursor from one poll to the next. Names match the CLI flags
 * (`timeoutMs` ↔ `--poll-timeout` in seconds, `eventsPath` ↔ `--events-path`, …) and profile fields.
 */
export interface LongPollOptions {
  /** Client-side timeout of one poll, in ms; keep it longer than the server's hold. Default 35 000. */
  timeoutMs?: number;
  /**
   * How to decode an answer. `auto` (default) goes by Content-Type (`text/event-stream`, NDJSON types) and otherwise
   * reads JSON; `json` takes an array, or an object with the events under `eventsPath`.
   */
  format?: LongPollFormat;
  /** Dotted path to the events array in a JSON object (`result`, `data.items`). Default: the first array among `events`, `messages`, `updates`, `data`, `result`. */
  eventsPath?: string;
  /** Field that holds an item's event type. Default: `type`, then `event`; `message` when neither is a string. */
  typeField?: string;
  /** Field that holds an item's id. Default `id`. */
  idField?: string;
  /** Where the next cursor comes from: the last event id (default), a JSON path in the body, or a response header. */
  cursorFrom?: 'last-id' | 'body' | 'header';
  /** JSON path of the cursor in the body (sets `cursorFrom: 'body'` when that is not given). */
  cursorPath?: string;
  /** Response header that carries the cursor, Consul's `X-Consul-Index` style (sets `cursorFrom: 'header'`). */
  cursorHeader?: string;
  /** `id` (default) sends the cursor as read; `offset` sends last id + 1 (Telegram's getUpdates). */
  cursorStyle?: 'id' | 'offset';
  /** Query parameter that carries the cursor; default `cursor`; empty string: none. */
  cursorParam?: string;
  /** Request header that also carries the cursor (none by default). */
  cursorSendHeader?: string;
  /** Also send the cursor as `Last-Event-ID`. Default true. */
  sendLastEventId?: boolean;
  /** Cursor of the first poll. Default: derived from `lastEventId` (plus one in offset style). */
  initialCursor?: string;
  /**
   * Least time between the starts of two polls when an answer was empty, so a server that answers at once instead of
   * holding cannot spin the loop. A server that holds the request is re-polled at once. Default 250.
   */
  minIntervalMs?: number;
  /** Largest answer accepted, in bytes; a bigger one is an error. Default 64 MiB. */
  maxBodyBytes?: number;
}

/** Decoders for a long-poll answer. */
export type LongPollFormat = 'auto' | 'json' | 'ndjson' | 'event-stream';

/** Default reconnection time, as browsers use. */
export const DEFAULT_RECONNECTION_MS = 3000;
/** The largest delay a Node timer takes; a bigger `retry:` would fire at once, so delays are capped to it. */
export const MAX_TIMER_MS = 2_147_483_647;
