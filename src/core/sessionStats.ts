import type { ResumeSummary } from './resume/resumeCheck';

/** Counters of a session (in a module of its own, without Node imports, so the webview's types can share it). */
export interface SessionStats {
  events: number;
  comments: number;
  /** Sum of event data sizes in bytes. */
  bytes: number;
  attempts: number;
  reconnects: number;
  errors: number;
  lastEventId: string;
  startedAt: number;
  firstEventAt?: number;
  dropped: number;
  /** Resumption checks: one verdict per reconnect, missing ids, duplicate events. */
  resume: ResumeSummary;
}
