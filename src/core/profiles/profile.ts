import type { LongPollOptions } from '../options';
import type { StreamMode } from '../records';

/** Where a profile is saved: the user's settings or the open workspace's. */
export type ProfileScope = 'user' | 'workspace';

/**
 * One saved endpoint, as written in the `streamDebugger.profiles` setting. Field names follow {@link ConnectOptions}
 * and the CLI flags. Strings may hold `${env:NAME}`; `url`, header values and `body` may also hold `${secret:NAME}`.
 */
export interface EndpointProfile {
  name: string;
  url: string;
  mode?: StreamMode;
  method?: string;
  headers?: Record<string, string>;
  /** Request body text; exclusive with `bodyFile`. */
  body?: string;
  /** A file whose bytes are the request body (relative to the workspace folder or the settings file). */
  bodyFile?: string;
  /** Initial last-event-id. */
  lastEventId?: string;
  /** `false` ends when the first connection ends; an object tunes reconnection. */
  reconnect?: boolean | ReconnectPolicy;
  /** Milliseconds to wait for the response headers. */
  connectTimeoutMs?: number;
  /** Milliseconds without a byte before the connection counts as dropped (0: never). */
  idleTimeoutMs?: number;
  /** Options of the long-poll transport (`ConnectOptions.longPoll`), as written. */
  longPoll?: LongPollOptions;
  /** Simulated drops (like the CLI's `--disconnect-*` flags). */
  disconnect?: DisconnectSchedule;
  tls?: TlsProfileOptions;
  /** Free labels shown in the Stream Endpoints view. */
  tags?: string[];
}

/** How a profile reconnects. */
export interface ReconnectPolicy {
  /** Reconnect at all (default true). */
  enabled?: boolean;
  /** Reconnection time until the server sends `retry:` (ms). */
  initialRetryMs?: number;
  /** Keep retrying, with backoff, after a non-200 status or wrong content type. */
  retryHttpErrors?: boolean;
  /** Re-send the body on reconnect. */
  resendBody?: boolean;
}

/** Simulated drops, as the CLI's `--disconnect-after`, `--disconnect-every` and `--disconnect-mid-event`. */
export interface DisconnectSchedule {
  afterEvents?: number;
  everySeconds?: number;
  midEvent?: boolean;
  /** Only the first drop. */
  once?: boolean;
}

/** TLS options of a profile. */
export interface TlsProfileOptions {
  /** Skip certificate verification (shown as a warning). */
  insecure?: boolean;
  /** A PEM file of extra CA certificates to trust. */
  caFile?: string;
}

/** A problem with one field of a profile; `field` is its path, for example `headers.Authorization`. */
export interface ProfileProblem {
  field: string;
  message: string;
}

/** Formats a problem for the UI and the log: `profile "api": headers.Authorization must be a string`. */
export function describeProblem(profileLabel: string, problem: ProfileProblem): string {
  return `profile ${profileLabel}: ${problem.field ? `${problem.field} ` : ''}${problem.message}`;
}
