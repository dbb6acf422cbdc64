import type { RecordQuery } from '../core/query/recordQuery';
import type { StreamMode, StreamRecord } from '../core/records';
import type { ReplayState } from '../core/replay';
import type { SessionStats } from '../core/sessionStats';
import type { ResumeSummary } from '../core/resume/resumeCheck';
import type { DisconnectPlan } from '../core/simulation/disconnectSchedule';

export type { ResumeSummary } from '../core/resume/resumeCheck';
export type { DisconnectPlan } from '../core/simulation/disconnectSchedule';

export type { RecordQuery, KindGroup } from '../core/query/recordQuery';

/** Connection state shown in the inspector. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** What the inspector shows about its connection. */
export interface SessionInfo {
  title: string;
  method: string;
  /** The URL as shown: its credentials masked (see redactUrl), since the webview saves it in its state. */
  url: string;
  mode: StreamMode;
  /** A capture or a revived panel whose session no longer runs. */
  readOnly: boolean;
  /** Set when the inspector shows a capture file: all at once (`file`) or played back (`replay`). */
  capture?: 'file' | 'replay';
  /**
   * What a revived panel needs to connect again after a window reload (kept in the webview's state). Secret headers
   * are left out on purpose: webview state is not a place for credentials.
   */
  reconnect?: ReconnectRecipe;
}

/** The request of a session, minus secrets, so a revived panel can offer Reconnect. */
export interface ReconnectRecipe {
  headers?: Record<string, string>;
  /** Text bodies up to 64 KiB; larger or binary bodies are not kept. */
  body?: string;
}

/** Events per second over the last minute, for the stats strip's rate and sparkline. */
export interface RateSnapshot {
  /** Events in each of the last 60 whole seconds, oldest first. */
  perSecond: number[];
  /** Events per second now (the last whole second, smoothed with the current one; below 1/s, the last 10 s's average). */
  now: number;
}

/** What the list shows right now: its rows' positions and how they are numbered. */
export interface ListRange {
  /** Changes when rows are renumbered (a new filter); window answers of older generations are stale. */
  generation: number;
  first: number;
  end: number;
  /** Records retained by the host, filtered or not. */
  retained: number;
  /** True while a slow filter is still scanning older records. */
  scanning: boolean;
  /** True when a filter is in force (the rows are matches, not every record). */
  filtered: boolean;
  /** The seq of the oldest record retained (absent when none is): the detail pane tells by it that its record went. */
  oldestSeq?: number;
}

/** Consecutive rows of the list from view position `start`, in the numbering of `generation`. */
export interface RowWindow {
  generation: number;
  start: number;
  records: StreamRecord[];
}

/** Most rows the list may ask the host to push with each update while it follows the tail. */
export const MAX_FOLLOW_ROWS = 500;

/**
 * Counters shown in the stats strip: the session's, except that `resume` may be absent (states saved by an older
 * version of the webview lack it).
 */
export type StatsSnapshot = Omit<SessionStats, 'resume'> & { resume?: ResumeSummary };

/** Where a replay of a capture is, for the replay controls. */
export interface ReplayStatus {
  state: ReplayState;
  /** Index of the next record to deliver (0…length). */
  position: number;
  length: number;
  speed: number;
}

/**
 * A record's lines exactly as received (line endings kept; `bytes` is their whole size, `truncated` when `text` holds
 * only the first part), or why they cannot be shown: the pane then shows lines rebuilt from the parsed fields.
 */
export type RawLines = { available: true; text: string; bytes: number; truncated: boolean } | { available: false; reason: string };

/** Event types offered as filter chips: the first ones seen (a stream with thousands is better filtered by text). */
export const MAX_TYPE_CHIPS = 40;

/** Messages from the extension host to the inspector webview. */
export type HostToWebview =
  | { type: 'init'; session: SessionInfo; state: ConnectionState; first: number; end: number; stats: StatsSnapshot; list: ListRange; types: string[]; rate: RateSnapshot; query: RecordQuery; maxRecords: number }
  | { type: 'state'; state: ConnectionState }
  /**
   * Throttled (about 30 a second at most). `first`/`end` are the list's. While the list follows the tail, `tail`
   * carries its newest rows, so a new event is painted without a round trip; other rows the webview pulls.
   * `keptPosition`: the row of the record a `filter/set` asked to keep selected, once a slow filter's scan reached it.
   * `types` (the first {@link MAX_TYPE_CHIPS} event types seen, as in `init`) only when that list grew since.
   */
  | { type: 'records/appended'; first: number; end: number; stats: StatsSnapshot; list: ListRange; types?: string[]; rate: RateSnapshot; tail?: RowWindow; keptPosition?: number }
  /** Rows for a window request. Long texts are cut to a preview; `record/detail` carries the whole record. */
  | { type: 'records/window'; requestId: number; start: number; records: StreamRecord[]; generation: number }
  /**
   * The answer to `filter/set`: the new numbering, or an error for the filter bar (the old filter stays). When the
   * record `keepSeq` names passes the new filter, `keptPosition` is its row in the new numbering (it stays selected).
   */
  /** `rows`: the rows the list shows first under the new filter (tail, kept selection or top), so it never paints blank. */
  | { type: 'filter/result'; requestId: number; ok: boolean; error?: string; list: ListRange; elapsedMs: number; keptPosition?: number; rows?: RowWindow }
  /**
   * One whole record for the detail pane, with what only the host knows: the previous event's time and the record's
   * lines as received (absent for lifecycle records).
   */
  | { type: 'record/detail'; requestId: number; record: StreamRecord | null; previousEventT?: number; truncated?: boolean; raw?: RawLines }
  /** The newest records, for the webview's state, so a panel revived after a reload can show what it had. */
  | { type: 'records/tail'; records: StreamRecord[] }
  /** The schedule of simulated drops in force (null: none), after a change from the webview or a command. */
  | { type: 'simulation/plan'; plan: DisconnectPlan | null }
  /** The replay driving a capture inspector: on open, on every change, and a few times a second while playing. */
  | { type: 'replay/status'; status: ReplayStatus };

/** Messages from the inspector webview to the extension host. */
export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'records/requestWindow'; requestId: number; start: number; count: number; generation?: number }
  /** Whether the list follows the tail (the host then pushes its newest rows with updates) and how many rows it shows. */
  | { type: 'list/viewport'; following: boolean; rows: number }
  | { type: 'control'; action: ControlAction }
  | { type: 'filter/set'; requestId: number; query: RecordQuery; keepSeq?: number }
  | { type: 'record/requestDetail'; requestId: number; seq: number }
  | { type: 'record/action'; action: RecordAction; seq: number }
  | { type: 'records/requestTail' }
  | { type: 'export' }
  /** Simulated drops: now, in the middle of the next event, or a stall of `ms`. */
  | { type: 'simulate'; action: SimulateAction; ms?: number }
  /** Replaces the schedule of simulated drops (null stops it). */
  | { type: 'simulation/setPlan'; plan: DisconnectPlan | null }
  /** Replay controls of a capture inspector; `value` is the speed or the record index to seek to. */
  | { type: 'replay/control'; action: ReplayAction; value?: number };

/** One-off simulated faults. */
export type SimulateAction = 'drop' | 'dropMidEvent' | 'stall';
/** What the replay controls ask for. */
export type ReplayAction = 'play' | 'pause' | 'step' | 'seek' | 'speed';

const SIMULATE_ACTIONS: readonly string[] = ['drop', 'dropMidEvent', 'stall'];
const REPLAY_ACTIONS: readonly string[] = ['play', 'pause', 'step', 'seek', 'speed'];

/** Narrows an untrusted plan: known fields only, each a positive number (or a boolean for the flags). */
export function isDisconnectPlan(value: unknown): value is DisconnectPlan {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const p = value as Record<string, unknown>;
  const positive = (v: unknown): boolean => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v > 0);
  const flag = (v: unknown): boolean => v === undefined || typeof v === 'boolean';
  return Object.keys(p).every((k) => ['afterEvents', 'everyMs', 'idleMs', 'midEvent', 'once'].includes(k))
    && positive(p.afterEvents) && (p.afterEvents === undefined || Number.isInteger(p.afterEvents))
    && positive(p.everyMs) && positive(p.idleMs) && flag(p.midEvent) && flag(p.once);
}

/** What the detail pane's buttons do with a record, on the host side (clipboard, editor). */
export type RecordAction = 'copyData' | 'copyRecord' | 'openData';

const RECORD_ACTIONS: readonly string[] = ['copyData', 'copyRecord', 'openData'];
const KIND_GROUP_NAMES: readonly string[] = ['event', 'comment', 'retry', 'discarded', 'lifecycle'];

/** Longest filter text the host takes (a longer `filter/set` is refused): the filter bar says so before sending. */
export const MAX_FILTER_TEXT = 10_000;

/** Narrows an untrusted filter query: only known kind groups, string types, a string of bounded length. */
export function isRecordQuery(value: unknown): value is RecordQuery {
  if (typeof value !== 'object' || value === null) return false;
  const q = value as Record<string, unknown>;
  const stringArray = (v: unknown, ok: (s: string) => boolean): boolean => v === undefined || (Array.isArray(v) && v.length <= 10_000 && v.every((x) => typeof x === 'string' && ok(x)));
  return stringArray(q.kinds, (k) => KIND_GROUP_NAMES.includes(k))
    && stringArray(q.types, () => true)
    && (q.text === undefined || (typeof q.text === 'string' && q.text.length <= MAX_FILTER_TEXT));
}

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
      return Number.isInteger(m.requestId) && Number.isInteger(m.start) && Number.isInteger(m.count) && (m.generation === undefined || Number.isInteger(m.generation));
    case 'list/viewport':
      return typeof m.following === 'boolean' && Number.isInteger(m.rows) && (m.rows as number) >= 0 && (m.rows as number) <= MAX_FOLLOW_ROWS;
    case 'control':
      return typeof m.action === 'string' && CONTROL_ACTIONS.includes(m.action);
    case 'filter/set':
      return Number.isInteger(m.requestId) && isRecordQuery(m.query) && (m.keepSeq === undefined || Number.isInteger(m.keepSeq));
    case 'record/requestDetail':
      return Number.isInteger(m.requestId) && Number.isInteger(m.seq);
    case 'record/action':
      return typeof m.action === 'string' && RECORD_ACTIONS.includes(m.action) && Number.isInteger(m.seq);
    case 'records/requestTail':
    case 'export':
      return true;
    case 'simulate':
      return typeof m.action === 'string' && SIMULATE_ACTIONS.includes(m.action)
        && (m.ms === undefined || (typeof m.ms === 'number' && Number.isFinite(m.ms) && m.ms > 0 && m.ms <= 3_600_000));
    case 'simulation/setPlan':
      return m.plan === null || isDisconnectPlan(m.plan);
    case 'replay/control':
      return typeof m.action === 'string' && REPLAY_ACTIONS.includes(m.action) && (m.value === undefined || (typeof m.value === 'number' && Number.isFinite(m.value) && m.value >= 0));
    default:
      return false;
  }
}

/** Makes an unhandled union member a compile error. */
export function assertNever(value: never): never {
  throw new Error(`unhandled: ${JSON.stringify(value)}`);
}
