import type { EventRecord, EventFlag, LifecycleRecord, ResumeVerdict, StreamRecord, UnnumberedRecord } from '../records';
import { IdOrderLearner, numberedId, parseNumberedId, type NumberedId } from './idOrder';

/** Counts of the resumption checks of a session, for the stats strip and the CLI summary. */
export interface ResumeSummary {
  /** Reconnects and resumed starts judged (one `resume` record each). */
  checks: number;
  /**
   * Of `checks`, those of a first connection sent with a Last-Event-ID (or cursor) given at the start: resumed starts,
   * not reconnects.
   */
  startChecks: number;
  /** The Last-Event-ID (or cursor) the latest resumed start sent. */
  startSent?: string;
  /** How many checks got each verdict. */
  verdicts: Record<ResumeVerdict, number>;
  /** Ids known to be missing, after reconnects and within connections (consecutive ids only). */
  missingIds: number;
  /** Events whose id and data repeat an event already received. */
  duplicateEvents: number;
  /** The latest verdict. */
  last?: ResumeVerdict;
}

/** Options of {@link createResumeCheck}. */
export interface ResumeCheckOptions {
  /**
   * The stream's ids in order, when known (for example from a capture of the same stream): gaps are then counted for
   * any ids, not only numbered ones.
   */
  knownIds?: readonly string[];
  /** How many received ids are remembered to recognise duplicates (oldest forgotten first). Default 100 000. */
  memory?: number;
}

/** Judges every reconnect of one session; see {@link createResumeCheck}. */
export interface ResumeCheck {
  /**
   * Takes the session's records in order. Passes each one on to `emit`, preceded by a `resume` record when a verdict
   * is due, and sets `flags` on events that repeat or skip ids. The caller numbers what it emits.
   */
  process(record: StreamRecord, emit: (record: UnnumberedRecord) => void): void;
  /** Counts a record judged earlier (read from a capture) without judging it again. */
  account(record: StreamRecord): void;
  /** A snapshot of the counts so far. */
  summary(): ResumeSummary;
}

const DEFAULT_MEMORY = 100_000;

/** A reconnect waiting for its first id. */
interface PendingCheck {
  sent: string;
  /** `Last-Event-ID` for SSE, `cursor` for long polling: the word used in messages. */
  what: string;
  eventsWithoutId: number;
  /** A first connection with a Last-Event-ID given at the start (not a reconnect). */
  start: boolean;
}

/**
 * Creates the resumption check: for every reconnect (and a first connection sent with a Last-Event-ID, a resumed start,
 * marked `resumedStart`) it compares the id sent with the first id that comes back and emits a `resume` lifecycle
 * record with a {@link ResumeVerdict}.
 * Duplicates are recognised by id and data (a repeat with different data means ids restarted); gaps by consecutive
 * numbering learned from the stream itself, or by the known history.
 */
export function createResumeCheck(options: ResumeCheckOptions = {}): ResumeCheck {
  const memory = options.memory ?? DEFAULT_MEMORY;
  const knownIndex = indexIds(options.knownIds);
  const order = new IdOrderLearner();
  /** id → data of the events received since the last restart of ids (bounded, see {@link SeenIds}). */
  let seen = new SeenIds(memory);
  let epochFirstId: string | undefined;
  let previous: { attempt: number; id: NumberedId | null } | undefined;
  let pending: PendingCheck | undefined;
  let afterDrop = false;
  let eventsSoFar = 0;
  const counts: ResumeSummary = { checks: 0, startChecks: 0, verdicts: { resumed: 0, gap: 0, duplicates: 0, 'header-ignored': 0, restarted: 0, unverified: 0, 'no-id': 0 }, missingIds: 0, duplicateEvents: 0 };

  function verdictRecord(at: StreamRecord, verdict: ResumeVerdict, message: string, sent: string, firstId: string | null, missing?: number, start = false): UnnumberedRecord {
    counts.checks++;
    if (start) {
      counts.startChecks++;
      counts.startSent = sent;
    }
    counts.verdicts[verdict]++;
    counts.last = verdict;
    if (missing) counts.missingIds += missing;
    // `seq` is a placeholder the caller overwrites; it is here so `kind` and `seq` lead in capture lines.
    const record: LifecycleRecord = {
      kind: 'resume', seq: -1, t: at.t, attempt: at.attempt, message, verdict, firstIdReceived: firstId,
      ...(sent !== '' ? { lastEventIdSent: sent } : {}),
      ...(missing ? { missingIds: missing } : {}),
      ...(start ? { resumedStart: true } : {}),
    };
    return record;
  }

  function judge(event: EventRecord, check: PendingCheck): { record: UnnumberedRecord; verdict: ResumeVerdict } {
    const first = event.id!;
    const { sent, what } = check;
    const sentText = `sent ${what} ${JSON.stringify(sent)}${check.start ? ' at the start' : ''}, first id back ${JSON.stringify(first)}`;
    const make = (verdict: ResumeVerdict, message: string, missing?: number): { record: UnnumberedRecord; verdict: ResumeVerdict } =>
      ({ record: verdictRecord(event, verdict, message, sent, first, missing, check.start), verdict });

    const iSent = knownIndex?.get(sent);
    const iFirst = knownIndex?.get(first);
    if (iSent !== undefined && iFirst !== undefined) {
      if (iFirst === iSent + 1) return make('resumed', `resumed exactly: ${sentText}`);
      if (iFirst > iSent + 1) return make('gap', `gap: ${sentText}; ${iFirst - iSent - 1} event(s) of the known history missing (${describeKnownGap(options.knownIds!, iSent, iFirst)})`, iFirst - iSent - 1);
      if (iFirst === 0) return make('header-ignored', `header ignored: ${sentText}; the server replayed from the first event of the history`);
      return make('duplicates', `duplicates: ${sentText}; the server resent ${iSent - iFirst + 1} event(s) already received`);
    }
    const earlierData = seen.get(first);
    if (earlierData !== undefined) {
      if (earlierData !== event.data) return make('restarted', `ids restarted: ${sentText}, but id ${JSON.stringify(first)} was already used for a different event`);
      if (first === epochFirstId && first !== sent) return make('header-ignored', `header ignored: ${sentText}; the server replayed from the first event, as if no ${what} had been sent`);
      return make('duplicates', `duplicates: ${sentText}; the server resent event(s) already received`);
    }
    const s = parseNumberedId(sent);
    const f = parseNumberedId(first);
    if (s && f && s.prefix === f.prefix) {
      const step = f.n - s.n;
      if (step === 1) return make('resumed', `resumed exactly: ${sentText}`);
      if (step > 1 && order.order === 'consecutive') {
        return make('gap', `gap: ${sentText}; ${step - 1} id(s) missing (${describeNumberedGap(s, step - 1)})`, step - 1);
      }
      if (step > 1) return make('unverified', `unverified: ${sentText}; ids are not numbered one by one here, so a gap cannot be ruled out`);
      return make('restarted', `ids restarted: ${sentText}; the ids went back to ones never received`);
    }
    return make('unverified', `unverified: ${sentText}; the id is new, but ids are not ordered and no history is known, so a gap cannot be ruled out`);
  }

  function flushPending(at: StreamRecord, emit: (record: UnnumberedRecord) => void): void {
    if (pending && pending.eventsWithoutId > 0) {
      const after = pending.start ? `connecting with ${pending.what} ${JSON.stringify(pending.sent)}` : `the reconnect (sent ${pending.what} ${JSON.stringify(pending.sent)})`;
      emit(verdictRecord(at, 'no-id', `no id to check: ${pending.eventsWithoutId} event(s) after ${after} carried no id`, pending.sent, null, undefined, pending.start));
    }
    pending = undefined;
  }

  function startCheck(record: LifecycleRecord, emit: (record: UnnumberedRecord) => void, start: boolean): void {
    const what = record.kind === 'poll' || record.details?.mode === 'long-poll' ? 'cursor' : 'Last-Event-ID';
    const cursor = record.details?.cursor;
    const sent = record.lastEventIdSent ?? (typeof cursor === 'string' || typeof cursor === 'number' ? String(cursor) : '');
    if (sent === '') {
      // Only worth saying when the stream had events: a reconnect of a stream without ids starts over by design.
      if (afterDrop && eventsSoFar > 0) {
        emit(verdictRecord(record, 'no-id', `no ${what} to send: no event so far carried an id, so the server cannot resume`, '', null));
      }
      return;
    }
    pending = { sent, what, eventsWithoutId: 0, start };
  }

  function flagEvent(event: EventRecord, verdict: ResumeVerdict | undefined): void {
    const id = event.id;
    if (id === null) return;
    // Runs for every event with an id: the flags array is made only when there is a flag (rarely).
    let flags: EventFlag[] | undefined;
    const numbered = parseNumberedId(id);
    const prior = seen.get(id);
    if (prior !== undefined && prior === event.data) {
      flags = ['duplicate'];
      counts.duplicateEvents++;
    } else if (previous && previous.attempt === event.attempt && previous.id && numbered && previous.id.prefix === numbered.prefix) {
      const step = numbered.n - previous.id.n;
      if (step > 1 && order.order === 'consecutive') {
        flags = ['gap-before'];
        counts.missingIds += step - 1;
      } else if (step <= 0) flags = ['out-of-order'];
    }
    if (verdict === 'gap') (flags ??= []).push('gap-before');
    if (previous && previous.attempt === event.attempt) order.observe(previous.id, numbered);
    previous = { attempt: event.attempt, id: numbered };
    if (flags) {
      // The long-poll transport flags ids across polls itself; add only what is not there yet.
      const added = flags.filter((f) => !event.flags?.includes(f));
      if (added.length) event.flags = [...(event.flags ?? []), ...added];
    }
    seen.set(id, event.data);
    epochFirstId ??= id;
  }

  return {
    process(record, emit) {
      switch (record.kind) {
        case 'reconnect':
          flushPending(record, emit);
          afterDrop = true;
          break;
        case 'closed':
          if (record.final) flushPending(record, emit);
          break;
        case 'connecting':
        case 'poll':
          // A first connection sent with a Last-Event-ID is a resumption too (a restarted session, --last-event-id).
          if (afterDrop || (record.kind === 'connecting' && record.attempt === 1 && record.lastEventIdSent)) {
            flushPending(record, emit);
            startCheck(record, emit, !afterDrop);
            afterDrop = false;
          }
          break;
        case 'event': {
          eventsSoFar++;
          let verdict: ResumeVerdict | undefined;
          if (pending) {
            if (record.id === null) pending.eventsWithoutId++;
            else {
              const judged = judge(record, pending);
              verdict = judged.verdict;
              pending = undefined;
              if (verdict === 'restarted') {
                seen = new SeenIds(memory);
                epochFirstId = undefined;
              }
              emit(judged.record);
            }
          }
          flagEvent(record, verdict);
          break;
        }
        default:
          break;
      }
      emit(record);
    },
    account(record) {
      if (record.kind === 'resume' && record.verdict && record.verdict in counts.verdicts) {
        counts.checks++;
        if (record.resumedStart) {
          counts.startChecks++;
          if (record.lastEventIdSent !== undefined) counts.startSent = record.lastEventIdSent;
        }
        counts.verdicts[record.verdict]++;
        counts.last = record.verdict;
        counts.missingIds += record.missingIds ?? 0;
      } else if (record.kind === 'event' && record.flags?.includes('duplicate')) counts.duplicateEvents++;
    },
    summary: () => ({ ...counts, verdicts: { ...counts.verdicts } }),
  };
}

/**
 * Received ids and their data, bounded: two generations of at most `limit / 2` entries each; when the newer one is
 * full the older is forgotten. O(1) per event: evicting the oldest entry of one big Map one by one is quadratic in
 * V8 (deleted slots stay at the front until a rehash, and every `keys().next()` walks over them).
 */
class SeenIds {
  private newer = new Map<string, string>();
  private older = new Map<string, string>();
  private readonly half: number;

  constructor(limit: number) {
    this.half = Math.max(1, Math.floor(limit / 2));
  }

  get(id: string): string | undefined {
    return this.newer.get(id) ?? this.older.get(id);
  }

  set(id: string, data: string): void {
    this.newer.set(id, data);
    if (this.newer.size >= this.half) {
      this.older = this.newer;
      this.newer = new Map();
    }
  }
}

function indexIds(ids: readonly string[] | undefined): Map<string, number> | undefined {
  if (!ids) return undefined;
  const index = new Map<string, number>();
  ids.forEach((id, i) => { if (!index.has(id)) index.set(id, i); });
  return index;
}

function describeNumberedGap(sent: NumberedId, missing: number): string {
  const first = numberedId(sent, 1);
  return missing === 1 ? first : `${first}…${numberedId(sent, missing)}`;
}

function describeKnownGap(ids: readonly string[], iSent: number, iFirst: number): string {
  const missing = ids.slice(iSent + 1, iFirst);
  return missing.length <= 3 ? missing.join(', ') : `${missing[0]}…${missing.at(-1)}`;
}

/**
 * The counts of `before` (a session's resumption checks saved before a window reload) and `after` (those made since),
 * together; `before` is untrusted saved state, so anything but a well-formed summary counts as none.
 */
export function addResumeSummaries(before: unknown, after: ResumeSummary): ResumeSummary {
  if (!isResumeSummary(before)) return after;
  const verdicts = { ...after.verdicts };
  for (const [verdict, n] of Object.entries(before.verdicts)) {
    const key = verdict as ResumeVerdict;
    verdicts[key] = (verdicts[key] ?? 0) + n;
  }
  const sum: ResumeSummary = {
    checks: before.checks + after.checks,
    startChecks: before.startChecks + after.startChecks,
    verdicts,
    missingIds: before.missingIds + after.missingIds,
    duplicateEvents: before.duplicateEvents + after.duplicateEvents,
  };
  const startSent = after.startSent ?? before.startSent;
  if (startSent !== undefined) sum.startSent = startSent;
  const last = after.last ?? before.last;
  if (last !== undefined) sum.last = last;
  return sum;
}

function isResumeSummary(value: unknown): value is ResumeSummary {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const count = (x: unknown): boolean => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (!count(v.checks) || !count(v.startChecks) || !count(v.missingIds) || !count(v.duplicateEvents)) return false;
  if (typeof v.verdicts !== 'object' || v.verdicts === null) return false;
  if (!Object.entries(v.verdicts).every(([k, n]) => RESUME_VERDICTS.includes(k as ResumeVerdict) && count(n))) return false;
  if (v.startSent !== undefined && typeof v.startSent !== 'string') return false;
  return v.last === undefined || RESUME_VERDICTS.includes(v.last as ResumeVerdict);
}

const RESUME_VERDICTS: readonly ResumeVerdict[] = ['resumed', 'gap', 'duplicates', 'header-ignored', 'restarted', 'unverified', 'no-id'];
