import { DisposableStore, toDisposable, type IDisposable } from '../core/lifecycle';
import { findPositionBySeq, RecordView } from '../core/query/recordView';
import { warmUpQueryEngine } from '../core/query/queryEngineWarmUp';
import { RateMeter } from '../core/rateMeter';
import { replayOf } from '../core/sessionReplay';
import type { StreamRecord } from '../core/records';
import type { Session } from '../core/session';
import { assertNever, isWebviewToHost, MAX_TYPE_CHIPS, type ControlAction, type HostToWebview, type ListRange, type RecordAction, type RowWindow, type SessionInfo, type WebviewToHost } from '../shared/protocol';
import { rawLinesOf } from './rawLines';
import { documentFor, previewRecord, recordText } from './recordPreview';
import { ReplayBridge } from './replayBridge';
import { applySimulationRequest } from './simulationMessages';
import { UpdateThrottle } from './updateThrottle';

/** Most records one window answer carries. */
const MAX_WINDOW = 2000;
/** Texts in list rows are cut to this many characters (the detail pane fetches the whole record). */
const ROW_TEXT_CHARS = 2000;
/** Updates in flight to the webview before the host coalesces (VS Code's postMessage costs ~3.6 ms each). */
const MAX_IN_FLIGHT = 2;
/** The saved tail: how many records, and how long each text may be. */
const TAIL_RECORDS = 300;
const TAIL_TEXT_CHARS = 4096;
/** Largest text a detail answer carries whole. */
const DETAIL_MAX_CHARS = 8 * 1024 * 1024;
/** How far back the detail pane's "gap to the previous event" looks. */
const PREVIOUS_EVENT_LOOKBACK = 100_000;

/** What the controller needs from the editor: a message channel and the few things only VS Code can do. */
export interface InspectorHostPort {
  /** Posts to the webview; the result settles when the message was delivered (VS Code's Thenable<boolean>). */
  post(message: HostToWebview): PromiseLike<boolean> | void;
  /** Asks where to save the capture and writes it. */
  exportCapture(): void;
  /** Puts text on the clipboard; `what` names it for a confirmation. */
  copyText(text: string, what: string): void;
  /** Opens text in an untitled editor tab. */
  openDocument(content: string, language: 'json' | 'plaintext'): void;
  warn(message: string): void;
}

/**
 * The host side of one inspector, without VS Code: narrows the webview's messages, answers window, filter and
 * detail requests from the session's records through a {@link RecordView}, and sends "appended" updates at display
 * rate (at most one per 33 ms, at most {@link MAX_IN_FLIGHT} in flight; when the webview lags, later updates coalesce
 * into one). The webview tests drive this class for real, in Node, against the built webview in Chromium.
 */
export class InspectorController implements IDisposable {
  readonly view: RecordView;
  readonly rate: RateMeter;
  private readonly disposables = new DisposableStore();
  private readonly throttle: UpdateThrottle;
  private ready = false;
  private inFlight = 0;
  private dirty = false;
  private scanTimer: NodeJS.Immediate | undefined;
  private indexTimer: NodeJS.Immediate | undefined;
  private lastRateSum = -1;
  /** The record a new filter should keep selected, until the filter's scan reaches it (or ends without it). */
  private pendingKeepSeq: number | undefined;
  /** Rows the list shows at the tail while it follows (0: not following); they travel with each update. */
  private followRows = 0;
  /** How many event types the webview was last told of. */
  private typesSent = 0;
  /** Rows the list shows (from its last `list/viewport`), following or not; a guess until it says. */
  private viewportRows = 50;
  /** Issue 6: replay controls of a capture inspector (inert for a live session). */
  private readonly replay: ReplayBridge;

  constructor(readonly session: Session, private info: SessionInfo, private readonly port: InspectorHostPort) {
    this.view = new RecordView(session.store);
    // In short tasks, while the webview loads: the user's first filter then runs optimised code.
    warmUpQueryEngine().catch((err: unknown) => this.port.warn(`filter warm-up failed: ${String(err)}`));
    this.rate = new RateMeter(60, this.clock());
    for (const r of session.store.all()) if (r.kind === 'event') this.rate.add(r.t);
    this.disposables.add(session.onDidReset(() => this.rate.reset(this.clock())));
    this.throttle = this.disposables.add(new UpdateThrottle(33, () => this.sendAppended()));
    this.replay = this.disposables.add(new ReplayBridge(session, (m) => { if (this.ready) this.post(m); }));
    this.disposables.add(session.onDidAppend((r) => {
      if (r.kind === 'event') this.rate.add(r.t);
      if (this.ready) this.throttle.request();
    }));
    this.disposables.add(session.onDidChangeState((state) => { if (this.ready) this.post({ type: 'state', state }); }));
    // An id-only block changes the Last-Event-ID without a record: the stats strip (and the saved state) must see it.
    this.disposables.add(session.onDidChangeLastEventId(() => { if (this.ready) this.throttle.request(); }));
    // Once a second, so the rate and sparkline fall back to zero when the stream goes quiet.
    const tick = setInterval(() => this.onSecond(), 1000);
    this.disposables.add(toDisposable(() => clearInterval(tick)));
  }

  /** What the toolbar shows about the connection. */
  get sessionInfo(): SessionInfo {
    return this.info;
  }

  /** The webview went away (hidden without retained context); it says `ready` again when it is back. */
  webviewGone(): void {
    this.ready = false;
    this.inFlight = 0;
    this.dirty = false;
    this.followRows = 0;
  }

  /** Entry point for every message from the webview: untrusted until narrowed. */
  onMessage(msg: unknown): void {
    if (!isWebviewToHost(msg)) {
      this.port.warn(`inspector sent an unknown message: ${JSON.stringify(msg)?.slice(0, 200)}`);
      return;
    }
    this.handle(msg);
  }

  private handle(msg: WebviewToHost): void {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.inFlight = 0;
        this.view.sync();
        this.post({
          type: 'init', session: this.info, state: this.session.state, ...this.range(), stats: this.session.getStats(),
          list: this.listRange(), types: this.currentTypes(), rate: this.rate.snapshot(this.clock()), query: this.view.currentQuery,
          maxRecords: this.session.store.maxSize,
        });
        this.continueScanLater();
        this.replay.update();
        if (this.session.disconnectPlan) this.post({ type: 'simulation/plan', plan: this.session.disconnectPlan });
        return;
      case 'records/requestWindow': {
        this.view.sync();
        const { start, records } = this.view.window(msg.start, Math.min(msg.count, MAX_WINDOW));
        this.post({ type: 'records/window', requestId: msg.requestId, start, generation: this.view.generation, records: records.map((r) => previewRecord(r, ROW_TEXT_CHARS)) });
        this.sendTypesIfNew();
        return;
      }
      case 'list/viewport':
        this.viewportRows = msg.rows;
        this.followRows = msg.following ? msg.rows : 0;
        if (this.followRows > 0) this.throttle.request(); // e.g. "jump to newest": show the tail without waiting for an event
        return;
      case 'filter/set': {
        const result = this.view.setQuery(msg.query);
        const keptPosition = result.ok && msg.keepSeq !== undefined ? this.view.viewPositionOfSeq(msg.keepSeq) : undefined;
        // A filter still scanning may reach the kept record later: its row then goes out with an update.
        this.pendingKeepSeq = result.ok && keptPosition === undefined && this.view.scanning ? msg.keepSeq : undefined;
        const list = this.listRange();
        this.post(result.ok
          ? { type: 'filter/result', requestId: msg.requestId, ok: true, list, elapsedMs: result.elapsedMs, ...(keptPosition !== undefined ? { keptPosition } : {}), rows: this.firstRows(list, keptPosition) }
          : { type: 'filter/result', requestId: msg.requestId, ok: false, error: result.error, list, elapsedMs: 0 });
        this.sendTypesIfNew();
        this.continueScanLater();
        return;
      }
      case 'record/requestDetail':
        this.post(this.detail(msg.requestId, msg.seq));
        return;
      case 'record/action':
        this.recordAction(msg.action, msg.seq);
        return;
      case 'records/requestTail': {
        const store = this.session.store;
        const records = store.slice(store.endPosition - TAIL_RECORDS, TAIL_RECORDS).map((r) => previewRecord(r, TAIL_TEXT_CHARS));
        this.post({ type: 'records/tail', records });
        return;
      }
      case 'export':
        this.port.exportCapture();
        return;
      case 'control':
        this.control(msg.action);
        return;
      case 'simulate':
      case 'simulation/setPlan': {
        const result = applySimulationRequest(this.session, msg);
        if ('error' in result) this.port.warn(`simulation: ${result.error}`);
        else this.post({ type: 'simulation/plan', plan: result.plan });
        return;
      }
      case 'replay/control': {
        const problem = this.replay.control(msg.action, msg.value);
        if (problem) this.port.warn(`replay: ${problem}`);
        if (msg.action === 'seek') this.sendAppended(); // a seek back to 0 appends nothing, yet the rows changed
        return;
      }
      default:
        assertNever(msg);
    }
  }

  private control(action: ControlAction): void {
    switch (action) {
      case 'disconnect': this.session.disconnect(false); return;
      case 'stop': this.session.stop(); return;
      case 'reconnect':
        this.info = { ...this.info, readOnly: false };
        this.session.start();
        return;
      case 'clear':
        this.session.clear();
        this.sendAppended();
        return;
      default: assertNever(action);
    }
  }

  private detail(requestId: number, seq: number): HostToWebview {
    const store = this.session.store;
    const position = findPositionBySeq(store, seq);
    const record = position === undefined ? undefined : store.at(position);
    if (position === undefined || !record) return { type: 'record/detail', requestId, record: null };
    let previousEventT: number | undefined;
    const stop = Math.max(store.firstPosition, position - PREVIOUS_EVENT_LOOKBACK);
    for (let p = position - 1; p >= stop; p--) {
      const r = store.at(p);
      if (r?.kind === 'event') {
        previousEventT = r.t;
        break;
      }
    }
    const whole = previewRecord(record, DETAIL_MAX_CHARS);
    const raw = rawLinesOf(this.session, position, record, this.info.capture !== undefined);
    return { type: 'record/detail', requestId, record: whole, ...(previousEventT !== undefined ? { previousEventT } : {}), ...(whole !== record ? { truncated: true } : {}), ...(raw ? { raw } : {}) };
  }

  private recordAction(action: RecordAction, seq: number): void {
    const store = this.session.store;
    const position = findPositionBySeq(store, seq);
    const record: StreamRecord | undefined = position === undefined ? undefined : store.at(position);
    if (!record) {
      this.port.warn(`record ${seq} is no longer retained`);
      return;
    }
    switch (action) {
      case 'copyData': this.port.copyText(recordText(record), 'data'); return;
      case 'copyRecord': this.port.copyText(JSON.stringify(record, null, 2), 'record'); return;
      case 'openData': {
        const doc = documentFor(recordText(record));
        this.port.openDocument(doc.content, doc.language);
        return;
      }
      default: assertNever(action);
    }
  }

  private range(): { first: number; end: number } {
    const { first, end } = this.view.range();
    return { first, end };
  }

  private listRange(): ListRange {
    const { first, end } = this.view.range();
    const oldest = this.session.store.at(this.session.store.firstPosition);
    return { generation: this.view.generation, first, end, retained: this.session.store.size, scanning: this.view.scanning, filtered: this.view.filtered, ...(oldest ? { oldestSeq: oldest.seq } : {}) };
  }

  /** Sends the counts now, or marks them dirty when the webview has not taken the last ones yet. */
  private sendAppended(): void {
    if (!this.ready) return;
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.dirty = true;
      return;
    }
    // Unfiltered rows come from the store, so the index (the chips' types, the next filter) catches up after the
    // update is posted: at 50 k events/s its build costs milliseconds per update that would delay the newest row.
    if (this.view.filtered) this.view.sync();
    else this.syncIndexLater();
    const rate = this.rate.snapshot(this.clock());
    this.lastRateSum = rate.perSecond.reduce((a, b) => a + b, 0) + rate.now;
    const list = this.listRange();
    const types = this.typesChanged() ? { types: this.currentTypes() } : {};
    const pending = this.post({ type: 'records/appended', ...this.range(), stats: this.session.getStats(), list, ...types, rate, ...this.followedTail(list), ...this.keptSelection() });
    if (pending && typeof pending.then === 'function') {
      this.inFlight++;
      const settle = (): void => {
        this.inFlight = Math.max(0, this.inFlight - 1);
        if (this.dirty) {
          this.dirty = false;
          this.throttle.request();
        }
      };
      pending.then(settle, settle);
    }
    this.continueScanLater();
  }

  /** Where the record to keep selected went, once the scan has reached it (nothing otherwise). */
  private keptSelection(): { keptPosition?: number } {
    if (this.pendingKeepSeq === undefined) return {};
    const keptPosition = this.view.viewPositionOfSeq(this.pendingKeepSeq);
    if (keptPosition !== undefined || !this.view.scanning) this.pendingKeepSeq = undefined;
    return keptPosition === undefined ? {} : { keptPosition };
  }

  /**
   * The rows a list shows first under a new filter: the tail while it follows, else around the kept selection (which
   * it scrolls to the top or bottom edge), else the top. Sent with the result, so the list does not paint blank rows.
   */
  private firstRows(list: ListRange, keptPosition: number | undefined): RowWindow {
    const rows = this.viewportRows;
    const from = this.followRows > 0 ? list.end - rows : keptPosition !== undefined ? keptPosition - rows : list.first;
    const { start, records } = this.view.window(Math.max(list.first, from), keptPosition !== undefined && this.followRows === 0 ? 2 * rows : rows);
    return { generation: list.generation, start, records: records.map((r) => previewRecord(r, ROW_TEXT_CHARS)) };
  }

  /** The newest rows for a list that follows the tail, so it paints them without asking (nothing otherwise). */
  private followedTail(list: ListRange): { tail?: RowWindow } {
    if (this.followRows === 0) return {};
    const { start, records } = this.view.window(Math.max(list.first, list.end - this.followRows), this.followRows);
    return { tail: { generation: list.generation, start, records: records.map((r) => previewRecord(r, ROW_TEXT_CHARS)) } };
  }

  /**
   * The types the chips show (the index keeps every type, in first-seen order, and only ever adds), remembered so
   * that a type the index learns after an update still gets its chip.
   */
  private currentTypes(): string[] {
    const types = this.view.index.types.slice(0, MAX_TYPE_CHIPS);
    this.typesSent = types.length;
    return types;
  }

  /** True when the chips' types grew since they were last posted. */
  private typesChanged(): boolean {
    return Math.min(this.view.index.types.length, MAX_TYPE_CHIPS) !== this.typesSent;
  }

  /** An update went out before the index saw its records (or a filter synced it since): post the new types. */
  private sendTypesIfNew(): void {
    if (this.ready && this.typesChanged()) this.throttle.request();
  }

  private syncIndexLater(): void {
    if (this.indexTimer) return;
    this.indexTimer = setImmediate(() => {
      this.indexTimer = undefined;
      this.view.sync();
      this.sendTypesIfNew();
    });
  }

  /** A slow filter scans on in slices between other work, sending progress as it goes. */
  private continueScanLater(): void {
    if (this.scanTimer || !this.view.scanning) return;
    this.scanTimer = setImmediate(() => {
      this.scanTimer = undefined;
      this.view.continueScan(20);
      this.throttle.request();
    });
  }

  /**
   * The rate meter's clock, on the records' own time: a replay's position in capture time (so a capture recorded an
   * hour ago shows its rate as it plays), the end of an opened capture, else now.
   */
  private clock(): number {
    const replay = replayOf(this.session);
    if (replay) return replay.captureTime;
    if (this.info.capture !== undefined) {
      const store = this.session.store;
      return store.at(store.endPosition - 1)?.t ?? Date.now();
    }
    return Date.now();
  }

  private onSecond(): void {
    if (!this.ready) return;
    const rate = this.rate.snapshot(this.clock());
    const sum = rate.perSecond.reduce((a, b) => a + b, 0) + rate.now;
    if (sum !== 0 || sum !== this.lastRateSum) this.throttle.request();
  }

  private post(msg: HostToWebview): PromiseLike<boolean> | void {
    return this.port.post(msg);
  }

  dispose(): void {
    if (this.scanTimer) clearImmediate(this.scanTimer);
    if (this.indexTimer) clearImmediate(this.indexTimer);
    this.disposables.dispose();
  }
}
