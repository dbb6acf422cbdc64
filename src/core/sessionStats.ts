import type { ResumeSummary } from './resume/resumeCheck';

/** Counters of a session (in a module of its own, without Node imports, so the webview's types can share it). */
export interface SessionStats {
  events: number;
  comments: number;
  /** Sum of event data sizes in bytes. */
  bytes: number;
  attempts: number;
  /** Reconnects scheduled (`reconnect` records), whether or not they reached the server. */
  reconnects: number;
  /** Reconnects that reached the server: an `open` of an attempt after the first (absent in an older saved state). */
  reconnected?: number;
  /** Reconnect attempts that ended in an error before they opened (absent in an older saved state). */
  failedReconnects?: number;
  errors: number;
  lastEventId: string;
  startedAt: number;
  firstEventAt?: number;
  dropped: number;
  /** Resumption checks: one verdict per reconnect, missing ids, duplicate events. */
  resume: ResumeSummary;
}
