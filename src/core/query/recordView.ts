import type { StreamRecord } from '../records';
import { RecordIndex, type RecordSource } from './recordIndex';
import { compileQuery, type CompiledQuery, type RecordQuery } from './recordQuery';

/** Result of {@link RecordView.setQuery}; `complete` is false while a slow filter is still scanning older records. */
export type SetQueryResult = { ok: true; matched: number; elapsedMs: number; complete: boolean } | { ok: false; error: string };

/** Positions scanned between two clock checks. */
const SCAN_STEP = 8192;

/** The rows a list shows, addressed like the store: `[first, end)` never renumbers while rows come and go. */
export interface ViewRange {
  first: number;
  end: number;
}

/**
 * What an inspector's list shows: every retained record, or those that pass a query. Rows have absolute view
 * positions (without a filter, the store's positions; with one, the n-th match since the filter was set), so the
 * webview can keep asking for "rows from n" while records arrive and old ones are dropped. `generation` changes
 * whenever positions are renumbered (a new filter), so answers to older requests can be told apart.
 */
export class RecordView {
  readonly index: RecordIndex;
  private query: CompiledQuery | null = null;
  private raw: RecordQuery = {};
  /** Store positions of the matches; view position v is `matches[v - base]`. */
  private matches = new Float64Array(1024);
  private length = 0;
  private head = 0;
  private base = 0;
  private gen = 0;
  /** Positions still to scan for the current query: [scanFrom, scanTo). Matches are pushed in order. */
  private scanFrom = 0;
  private scanTo = 0;

  constructor(private readonly source: RecordSource) {
    this.index = new RecordIndex(source);
  }

  /** Changes whenever view positions are renumbered. */
  get generation(): number {
    return this.gen;
  }

  /** The query in force (the last one that compiled). */
  get currentQuery(): RecordQuery {
    return this.raw;
  }

  /** True when a query filters the list. */
  get filtered(): boolean {
    return this.query !== null;
  }

  /**
   * Applies a query and renumbers the rows. An invalid query leaves the current one in force and returns the error,
   * so the list keeps showing something sensible while the user types. The scan runs for at most `budgetMs`; a
   * slower one (regex or field filters over 10⁶ records) goes on in `continueScan`, so the host never blocks.
   */
  setQuery(query: RecordQuery, budgetMs = 50): SetQueryResult {
    const compiled = compileQuery(query);
    if (!compiled.ok) return compiled;
    const started = performance.now();
    this.raw = query;
    this.query = compiled.query.all ? null : compiled.query;
    this.gen++;
    this.length = 0;
    this.head = 0;
    this.base = 0;
    this.index.sync();
    this.scanFrom = this.index.firstPosition;
    this.scanTo = this.query ? this.index.endPosition : this.scanFrom;
    const complete = this.continueScan(budgetMs);
    return { ok: true, matched: this.size, elapsedMs: performance.now() - started, complete };
  }

  /** True while older records are still being scanned for the current query. */
  get scanning(): boolean {
    return this.scanFrom < this.scanTo;
  }

  /** Scans on for at most `budgetMs`; returns true when the scan is complete. */
  continueScan(budgetMs: number): boolean {
    const q = this.query;
    if (!q) return true;
    const deadline = performance.now() + budgetMs;
    this.scanFrom = Math.max(this.scanFrom, this.source.firstPosition);
    while (this.scanFrom < this.scanTo) {
      const to = Math.min(this.scanTo, this.scanFrom + SCAN_STEP);
      this.index.scan(q, this.scanFrom, to, (p) => this.push(p));
      this.scanFrom = to;
      if (performance.now() > deadline) break;
    }
    return !this.scanning;
  }

  /** Brings the index and the matches up to date with the store. Cheap when nothing changed. */
  sync(budgetMs = 20): void {
    this.index.sync();
    if (this.query) {
      this.scanTo = this.index.endPosition;
      this.continueScan(budgetMs);
    }
    // Forget matches whose records the store dropped.
    const first = this.source.firstPosition;
    while (this.head < this.length && this.matches[this.head]! < first) this.head++;
    if (this.head > 4096 && this.head * 2 > this.length) this.compact();
  }

  /** The rows' current positions. */
  range(): ViewRange {
    // Unfiltered, the rows are the store's own: they do not wait for the index (see InspectorController.sendAppended).
    if (!this.query) return { first: this.source.firstPosition, end: this.source.endPosition };
    return { first: this.base + this.head, end: this.base + this.length };
  }

  /** How many rows the view has. */
  get size(): number {
    const r = this.range();
    return r.end - r.first;
  }

  /** Store positions of up to `count` rows from view position `start` (clamped to the range). */
  storePositions(start: number, count: number): number[] {
    const { first, end } = this.range();
    const from = Math.max(start, first);
    const to = Math.min(end, start + Math.max(0, count));
    const out: number[] = [];
    for (let v = from; v < to; v++) out.push(this.query ? this.matches[v - this.base]! : v);
    return out;
  }

  /** Records of up to `count` rows from view position `start`, and the view position of the first. */
  window(start: number, count: number): { start: number; records: StreamRecord[] } {
    const first = Math.max(start, this.range().first);
    const records: StreamRecord[] = [];
    for (const p of this.storePositions(first, count)) {
      const r = this.source.at(p);
      if (r) records.push(r);
    }
    return { start: first, records };
  }

  /** View position of the row showing the record with this `seq`, if it is in the view. */
  viewPositionOfSeq(seq: number): number | undefined {
    const p = findPositionBySeq(this.source, seq);
    if (p === undefined) return undefined;
    if (!this.query) return p;
    let lo = this.head;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.matches[mid]! < p) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.length && this.matches[lo] === p ? this.base + lo : undefined;
  }

  private push(position: number): void {
    if (this.length === this.matches.length) {
      const bigger = new Float64Array(this.matches.length * 2);
      bigger.set(this.matches);
      this.matches = bigger;
    }
    this.matches[this.length++] = position;
  }

  private compact(): void {
    this.matches.copyWithin(0, this.head, this.length);
    this.base += this.head;
    this.length -= this.head;
    this.head = 0;
  }
}

/** The store position of the record with this `seq` (records are stored in seq order), by binary search. */
export function findPositionBySeq(source: RecordSource, seq: number): number | undefined {
  let lo = source.firstPosition;
  let hi = source.endPosition;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const r = source.at(mid);
    if (!r) return undefined;
    if (r.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo < source.endPosition && source.at(lo)?.seq === seq ? lo : undefined;
}
