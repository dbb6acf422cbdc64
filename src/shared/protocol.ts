import type { StreamMode, StreamRecord } from '../core/records';

/** Connection state shown in the inspector. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What the inspector shows about its connection. */
export interface SessionInfo {
  title: string;
  method: string;
  url: string;
  mode: StreamMode;
  /** A capture or a revived panel whose session no longer runs. */
  readOnly: boolean;
}

/** Counters shown in the stats strip. */
export interface StatsSnapshot {
  events: number;
  comments: number;
  bytes: number;
  attempts: number;
  reconnects: number;
  errors: number;
  lastEventId: string;
  dropped: number;
  startedAt: number;
  firstEventAt?: number;
}

/** Messages from the extension host to the inspector webview. */
export type HostToWebview =
  | { type: 'init'; session: SessionInfo; state: ConnectionState; first: number; end: number; stats: StatsSnapshot }
  | { type: 'state'; state: ConnectionState }
  /** Throttled (about 30 a second at most): the webview pulls the rows it shows. */
  | { type: 'records/appended'; first: number; end: number; stats: StatsSnapshot }
  | { type: 'records/window'; requestId: number; start: number; records: StreamRecord[] };

/** Messages from the inspector webview to the extension host. */
export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'records/requestWindow'; requestId: number; start: number; count: number }
  | { type: 'control'; action: ControlAction };

/** Buttons of the inspector that act on the connection. */
export type ControlAction = 'disconnect' | 'reconnect' | 'stop' | 'clear';

const CONTROL_ACTIONS: readonly string[] = ['disconnect', 'reconnect', 'stop', 'clear'];

/** Narrows an untrusted message from the webview. */
export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return true;
    case 'records/requestWindow':
      return Number.isInteger(m.requestId) && Number.isInteger(m.start) && Number.isInteger(m.count);
    case 'control':
      return typeof m.action === 'string' && CONTROL_ACTIONS.includes(m.action);
    default:
      return false;
  }
}

/** Makes an unhandled union member a compile error. */
export function assertNever(value: never): never {
  throw new Error(`unhandled: ${JSON.stringify(value)}`);
}
