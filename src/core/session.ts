import { connect, type ConnectHandle } from './connect';
import { Emitter } from './emitter';
import type { IDisposable } from './lifecycle';
import type { ConnectOptions } from './options';
import type { RawByteLog } from './http/rawByteLog';
import { RecordStore } from './recordStore';
import type { CaptureHeader, StreamRecord, UnnumberedRecord } from './records';
import { addResumeSummaries, createResumeCheck, type ResumeCheck } from './resume/resumeCheck';
import type { SessionStats } from './sessionStats';

export type { SessionStats } from './sessionStats';
import { createDisconnectSchedule, type DisconnectPlan, type DisconnectSchedule } from './simulation/disconnectSchedule';

/** Connection state of a session, as the UI shows it. */
export type SessionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Options of a session beyond the connection itself. */
export interface SessionConfig {
  /** Records kept; the oldest are dropped first. */
  maxRecords: number;
  /** The stream's ids in order, when known (a capture of it): lets the resumption check count gaps for any ids. */
  knownIds?: readonly string[];
  /** A capture shown in an inspector: it never connects; records come in through {@link Session.ingest}. */
  readOnly?: boolean;
  /** The header of the capture a read-only session shows, so an export writes it back unchanged. */
  captureHeader?: CaptureHeader;
  /**
   * When the session began (ms since the epoch), the origin of relative times and of the time to the first event. For
   * a capture, its first record's time. Default: now, or for a read-only session the time of the first record it
   * ingests (a capture is not shown at the time it was recorded).
   */
  startedAt?: number;
}

/**
 * One logical connection over time (many attempts): numbers and stores its records, keeps statistics and offers the
 * controls. Knows nothing of VS Code.
 */
export class Session implements IDisposable {
  readonly store: RecordStore;
  private handle: ConnectHandle | undefined;
  private currentState: SessionState = 'closed';
  private nextSeq = 0;
  private readonly stats: Omit<SessionStats, 'resume'>;
  private resumeCheck: ResumeCheck;
  /** Resumption counts saved before a window reload (untrusted), added to the checks made since. */
  private restoredResume: unknown;
  /** The newest attempt that opened, and the newest counted as failed: an attempt after the first that errs before it opens is a reconnect that did not get through. */
  private openedAttempt = 0;
  private failedAttempt = 0;
  private readonly readOnly: boolean;
  private readonly knownIds: readonly string[] | undefined;
  /** The header of the capture this session shows, when it is one (see {@link SessionConfig.captureHeader}). */
  readonly captureHeader: CaptureHeader | undefined;
  private schedule: { plan: DisconnectPlan; running?: DisconnectSchedule } | undefined;
  /** The raw-bytes log of the latest start(), and the first seq it numbered (attempts restart at 1 with each start). */
  private raw: { log: RawByteLog; firstSeq: number } | undefined;
  private readonly appended = new Emitter<StreamRecord>();
  private readonly stateChanged = new Emitter<SessionState>();
  private readonly lastEventIdChanged = new Emitter<string>();
  private readonly resetDone = new Emitter<void>();
  /** A read-only session without a given start takes it from its first record. */
  private startFromFirstRecord: boolean;

  /** Fires for each record, after it is stored. */
  readonly onDidAppend = this.appended.event;
  /** Fires when the connection state changes. */
  readonly onDidChangeState = this.stateChanged.event;
  /**
   * Fires when the last event ID string changes, before the record of the event that set it; a block with an id and
   * no data sets it too, and has no record.
   */
  readonly onDidChangeLastEventId = this.lastEventIdChanged.event;
  /** Fires after {@link reset} removed every record (a replay seeking back); the records before the seek follow. */
  readonly onDidReset = this.resetDone.event;

  constructor(readonly options: ConnectOptions, config: SessionConfig) {
    this.store = new RecordStore(config.maxRecords);
    this.readOnly = config.readOnly ?? false;
    this.knownIds = config.knownIds;
    this.captureHeader = config.captureHeader;
    this.resumeCheck = createResumeCheck(config.knownIds ? { knownIds: config.knownIds } : {});
    this.stats = { events: 0, comments: 0, bytes: 0, attempts: 0, reconnects: 0, reconnected: 0, failedReconnects: 0, errors: 0, lastEventId: options.lastEventId ?? '', startedAt: config.startedAt ?? Date.now(), dropped: 0 };
    this.startFromFirstRecord = this.readOnly && config.startedAt === undefined;
  }

  get state(): SessionState {
    return this.currentState;
  }

  /** A snapshot of the counters. */
  getStats(): SessionStats {
    return { ...this.stats, dropped: this.store.dropped, resume: addResumeSummaries(this.restoredResume, this.resumeCheck.summary()) };
  }

  /** Opens the connection (again, after a stop: a new attempt series, records continue). */
  start(): void {
    if (this.handle || this.readOnly) return;
    this.setState('connecting');
    const firstSeq = this.nextSeq;
    try {
      // Spec: the last event ID string as the stream left it; when a server reset it to empty, no header (never the
      // initial Last-Event-ID again). It starts as `options.lastEventId`.
      this.handle = connect({ ...this.options, lastEventId: this.stats.lastEventId }, {
        onRecord: (record) => {
          this.resumeCheck.process(record, this.numberAndAppend);
          // After the record is stored: a drop it triggers (after N events) comes after it, in order and numbering.
          this.schedule?.running?.observe(record);
        },
        onLastEventId: (id) => {
          if (id === this.stats.lastEventId) return;
          this.stats.lastEventId = id;
          this.lastEventIdChanged.fire(id);
        },
      });
    } catch (err) {
      // Options that cannot start (a bad URL, an unreadable body file): an error row in the inspector, never a throw
      // out of a command after its panel has opened; the records already there stay.
      this.numberAndAppend({ kind: 'error', t: Date.now(), attempt: 0, message: `cannot connect: ${(err as Error).message}`, reason: 'invalid-options', final: true });
      this.setState('closed');
      return;
    }
    const handle = this.handle;
    this.raw = { log: handle.rawLog, firstSeq };
    if (this.schedule) this.schedule.running = createDisconnectSchedule(handle, this.schedule.plan);
    void handle.done.then(() => {
      if (this.handle === handle) {
        this.handle = undefined;
        this.schedule?.running?.dispose();
        this.setState('closed');
      }
    });
  }

  /**
   * The raw-bytes log that holds `record`'s attempt (bounded by `options.rawLog`; it outlives the connection), or
   * undefined when the record came from an earlier start(), a restore or a capture: their bytes are not kept.
   */
  rawLogOf(record: StreamRecord): RawByteLog | undefined {
    return this.raw && record.seq >= this.raw.firstSeq ? this.raw.log : undefined;
  }

  /** Drops the current connection; it reconnects by the normal rules. */
  disconnect(simulated = false): void {
    this.handle?.disconnect({ simulated, message: simulated ? 'simulated disconnect' : 'disconnected by the user' });
  }

  /**
   * Drops the current connection now, or in the middle of the next event (`midEvent`), as a simulated drop
   * (`simulated: true` on its records); it reconnects by the normal rules.
   */
  simulateDisconnect(how: { midEvent?: boolean } = {}): void {
    this.handle?.disconnect({ simulated: true, message: how.midEvent ? 'simulated disconnect in the middle of an event' : 'simulated disconnect', ...(how.midEvent ? { midEvent: true } : {}) });
  }

  /** Stops reading from the socket for `ms` milliseconds (a stalled client). */
  stall(ms: number): void {
    this.handle?.stall(ms);
  }

  /**
   * Runs a schedule of simulated drops (after N events, every T, mid-event, on silence) from now on, replacing any
   * earlier one; undefined stops it. Throws a RangeError for an invalid plan.
   */
  setDisconnectPlan(plan: DisconnectPlan | undefined): void {
    this.schedule?.running?.dispose();
    this.schedule = plan ? { plan } : undefined;
    if (this.schedule && this.handle) {
      const running = createDisconnectSchedule(this.handle, this.schedule.plan);
      this.schedule.running = running;
      // A connection already open counts from now.
      if (this.currentState === 'open') running.observe({ kind: 'open', seq: -1, t: Date.now(), attempt: 0, message: 'schedule started' });
    }
  }

  /** The schedule of simulated drops in force, if any. */
  get disconnectPlan(): DisconnectPlan | undefined {
    return this.schedule?.plan;
  }

  /** Stops for good. */
  stop(): void {
    this.handle?.close();
  }

  /**
   * Puts back what a panel had before a window reload (its saved tail and counters), so a revived inspector shows it
   * and Reconnect continues the numbering and the last-event-id. Only for a session that has not started.
   */
  restore(records: readonly StreamRecord[], stats?: Partial<SessionStats>): void {
    if (this.handle || this.nextSeq > 0) return;
    for (const r of records) this.store.push(r);
    const last = records[records.length - 1];
    if (last) this.nextSeq = last.seq + 1;
    if (stats) {
      const s = this.stats;
      for (const key of ['events', 'comments', 'bytes', 'attempts', 'reconnects', 'reconnected', 'failedReconnects', 'errors', 'startedAt'] as const) {
        const v = stats[key];
        if (typeof v === 'number' && Number.isFinite(v)) s[key] = v;
      }
      if (typeof stats.startedAt === 'number') this.startFromFirstRecord = false;
      // A state saved before reconnects made were counted: take the ones it counted as made.
      if (typeof stats.reconnected !== 'number') s.reconnected = s.reconnects;
      if (typeof stats.lastEventId === 'string') s.lastEventId = stats.lastEventId;
      if (typeof stats.firstEventAt === 'number') s.firstEventAt = stats.firstEventAt;
      this.restoredResume = stats.resume;
    }
  }

  /**
   * Adds a record that was already numbered and checked (from a capture, or a replay of one): it keeps its `seq`,
   * and its `resume` verdicts and flags count in the stats as they are.
   */
  ingest(record: StreamRecord): void {
    this.nextSeq = Math.max(this.nextSeq, record.seq + 1);
    if (this.startFromFirstRecord) {
      this.startFromFirstRecord = false;
      this.stats.startedAt = record.t;
    }
    this.resumeCheck.account(record);
    this.append(record);
  }

  /** Removes every record and zeroes the counters (a replay seeking back). */
  reset(): void {
    this.store.clear();
    Object.assign(this.stats, { events: 0, comments: 0, bytes: 0, attempts: 0, reconnects: 0, reconnected: 0, failedReconnects: 0, errors: 0, lastEventId: this.options.lastEventId ?? '', firstEventAt: undefined });
    this.resumeCheck = createResumeCheck(this.knownIds ? { knownIds: this.knownIds } : {});
    this.restoredResume = undefined;
    this.resetDone.fire();
  }

  /** Removes the stored records (counters stay). */
  clear(): void {
    this.store.clear();
  }

  /** Made once, not per record: this runs for every record of the stream. */
  private readonly numberAndAppend = (r: UnnumberedRecord): void => {
    const numbered = r as StreamRecord;
    numbered.seq = this.nextSeq++; // session-wide numbering across restarts
    this.append(numbered);
  };

  private append(record: StreamRecord): void {
    this.track(record);
    this.store.push(record);
    this.appended.fire(record);
  }

  private track(record: StreamRecord): void {
    const s = this.stats;
    switch (record.kind) {
      case 'event':
        s.events++;
        s.bytes += record.bytes;
        s.lastEventId = record.lastEventId;
        s.firstEventAt ??= record.t;
        if (this.currentState !== 'open') this.setState('open');
        break;
      case 'comment':
        s.comments++;
        break;
      case 'connecting':
        s.attempts++;
        this.setState(s.attempts > 1 ? 'reconnecting' : 'connecting');
        break;
      case 'open':
        if (record.attempt > 1) s.reconnected = (s.reconnected ?? 0) + 1;
        this.openedAttempt = record.attempt;
        this.setState('open');
        break;
      case 'reconnect':
        s.reconnects++;
        this.setState('reconnecting');
        break;
      case 'error':
        s.errors++;
        if (record.attempt > 1 && record.attempt !== this.openedAttempt && record.attempt !== this.failedAttempt) {
          this.failedAttempt = record.attempt;
          s.failedReconnects = (s.failedReconnects ?? 0) + 1;
        }
        break;
      case 'closed':
        if (record.final) this.setState('closed');
        break;
      default:
        break;
    }
  }

  private setState(state: SessionState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.stateChanged.fire(state);
  }

  dispose(): void {
    this.schedule?.running?.dispose();
    this.stop();
    this.appended.dispose();
    this.stateChanged.dispose();
    this.lastEventIdChanged.dispose();
    this.resetDone.dispose();
  }
}
