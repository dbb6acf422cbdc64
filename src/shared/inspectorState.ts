import type { StreamRecord } from '../core/records';
import type { RecordQuery, SessionInfo, StatsSnapshot } from './protocol';
import { isRecordQuery } from './protocol';

/**
 * What an inspector webview saves with `setState` (VS Code keeps it across hide/show and window reloads, and hands
 * it to the panel serializer): the view's settings, and for a reload the session's description, counters and a
 * bounded tail of records.
 */
export interface InspectorUiState {
  version: 1;
  session?: SessionInfo;
  stats?: StatsSnapshot;
  /** The newest records (texts cut to a preview), at most a few hundred. */
  tail?: StreamRecord[];
  query?: RecordQuery;
  timeMode?: 'clock' | 'relative';
  /** The record open in the detail pane. */
  detailSeq?: number;
  paused?: boolean;
}

/** Most records a saved tail may hold; more is treated as corrupt. */
export const MAX_SAVED_TAIL = 1000;

/**
 * Reads saved state (it comes back from disk and from the webview: untrusted). A bad view setting (a filter over the
 * protocol's limit, say) is left out on its own, so it never costs the session, counters and tail a reload needs;
 * state with a bad session, counters or tail is not ours: undefined.
 */
export function readInspectorUiState(value: unknown): InspectorUiState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (s.query !== undefined && !isRecordQuery(s.query)) delete s.query;
  if (s.timeMode !== undefined && s.timeMode !== 'clock' && s.timeMode !== 'relative') delete s.timeMode;
  if (s.detailSeq !== undefined && !Number.isInteger(s.detailSeq)) delete s.detailSeq;
  if (s.paused !== undefined && typeof s.paused !== 'boolean') delete s.paused;
  return isInspectorUiState(s) ? s : undefined;
}

/** Narrows saved state: every field as it should be (see {@link readInspectorUiState} to keep what is good). */
export function isInspectorUiState(value: unknown): value is InspectorUiState {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  if (s.version !== 1) return false;
  if (s.session !== undefined && !isSessionInfo(s.session)) return false;
  if (s.query !== undefined && !isRecordQuery(s.query)) return false;
  if (s.timeMode !== undefined && s.timeMode !== 'clock' && s.timeMode !== 'relative') return false;
  if (s.detailSeq !== undefined && !Number.isInteger(s.detailSeq)) return false;
  if (s.paused !== undefined && typeof s.paused !== 'boolean') return false;
  if (s.tail !== undefined && !(Array.isArray(s.tail) && s.tail.length <= MAX_SAVED_TAIL && s.tail.every(isRecordLike))) return false;
  if (s.stats !== undefined && (typeof s.stats !== 'object' || s.stats === null)) return false;
  return true;
}

function isSessionInfo(v: unknown): v is SessionInfo {
  if (typeof v !== 'object' || v === null) return false;
  const i = v as Record<string, unknown>;
  return typeof i.title === 'string' && typeof i.method === 'string' && typeof i.url === 'string' && (i.mode === 'sse' || i.mode === 'long-poll') && typeof i.readOnly === 'boolean';
}

/** The fields every record has, with the right types; enough for the store and the list to handle it safely. */
function isRecordLike(v: unknown): v is StreamRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (typeof r.kind !== 'string' || !Number.isInteger(r.seq) || typeof r.t !== 'number' || !Number.isInteger(r.attempt)) return false;
  switch (r.kind) {
    case 'event': return typeof r.type === 'string' && typeof r.data === 'string' && (r.id === null || typeof r.id === 'string') && typeof r.lastEventId === 'string' && typeof r.bytes === 'number';
    case 'comment': case 'discarded': return typeof r.text === 'string';
    case 'retry': return r.ms === null || typeof r.ms === 'number';
    default: return typeof r.message === 'string';
  }
}
