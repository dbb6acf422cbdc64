import type { StreamRecord } from '../../src/core/records';
import { MAX_FOLLOW_ROWS, type ListRange, type RowWindow } from '../../src/shared/protocol';
import { el, setText } from './dom';
import { Signal } from './events';
import { formatCount, formatRelative, formatTime } from './format';
import { COLUMNS, RecordRow } from './recordRow';
import type { PostToHost } from './post';

const ROW_HEIGHT = 22;
const OVERSCAN = 12;
const FOLLOW_OVERSCAN = 3;
/** Past this height Chromium's layout loses precision; beyond it the scrollbar maps onto rows proportionally. */
const MAX_SCROLL_PX = 10_000_000;
/** Rows kept in the webview's cache; the host owns the rest. */
const CACHE_LIMIT = 4000;

/** How the time column reads. */
export type TimeMode = 'clock' | 'relative';

/** Whether the list follows the tail, was scrolled up, or is paused (frozen). */
export type FollowMode = 'following' | 'scrolled' | 'paused';


/**
 * The virtualized record list: only the visible rows are in the DOM, rows are pulled from the host by position, and
 * positions are absolute so appends and drops never renumber what is shown. A WAI-ARIA grid: the grid element keeps
 * focus and points at the selected row with aria-activedescendant.
 */
export class RecordList {
  readonly element = el('div', 'grid');
  readonly onDidChangeMode = new Signal<FollowMode>();
  /** Fires when the selected row changes (arrows, click); the detail pane follows it when open. */
  readonly onDidSelect = new Signal<StreamRecord>();
  /** Fires on Enter or click: show this record in the detail pane. */
  readonly onDidOpen = new Signal<StreamRecord>();

  private readonly viewport = el('div', 'list');
  private readonly spacer = el('div', 'spacer');
  /** Holds the jump button below the rows, in the flow: it takes room from the list instead of covering a row. */
  private readonly jumpBar = el('div', 'jump-bar');
  private readonly jumpButton = el('button', 'button jump-new');
  /** Set when the jump bar appears or goes: the next resize keeps the bottom row where it was on screen. */
  private keepBottomOnResize = false;
  private readonly emptyNote = el('div', 'empty-note');
  private readonly rows = new Map<number, RecordRow>();
  /** Row elements not showing anything, kept for reuse. */
  private readonly spareRows: RecordRow[] = [];
  private readonly cache = new Map<number, StreamRecord>();

  private generation = 0;
  private first = 0;
  private end = 0;
  private frozenEnd: number | undefined;
  private follow = true;
  private seenEnd = 0;
  /** Absolute row at the top of the viewport, kept while rows are dropped from the front. */
  private anchor = 0;
  private selected: { pos: number; seq: number } | undefined;
  private requestSeq = 0;
  private pending: { id: number; generation: number } | undefined;
  private frame = 0;
  private timeMode: TimeMode = 'clock';
  private timeOrigin = 0;
  /** A row selected before its record arrived: announce it (and open it) when it does. */
  private selectPending: { open: boolean } | undefined;
  /**
   * The scrollTop this list last set itself, until its scroll event comes back: that event is not the user's and
   * must not switch following off (the end moves on between setting it and the event).
   */
  private ownScrollTop: number | undefined;
  /** The viewport's height, kept by a ResizeObserver: reading clientHeight after a write would force a layout. */
  private viewHeight = 0;
  /** True while a filter is in force (an empty list then says nothing matches, not that nothing came). */
  private filtered = false;
  /** Said after "No records match the filter." when the filter's parts cannot match together. */
  private emptyHint = '';
  /** The record selected before the last renumbering, until `keepSelected` says where it went. */
  private keptSeq: number | undefined;
  /** What the host was last told about following (`following:rows`), to tell it only of changes. */
  private reportedViewport = '';

  constructor(private readonly post: PostToHost) {
    const header = el('div', 'row header');
    header.setAttribute('role', 'row');
    header.setAttribute('aria-rowindex', '1');
    for (const c of COLUMNS) {
      const cell = el('span', `cell ${c.key}`, c.label);
      cell.setAttribute('role', 'columnheader');
      header.append(cell);
    }
    const headerGroup = el('div', 'header-group');
    headerGroup.setAttribute('role', 'rowgroup');
    headerGroup.append(header);
    this.viewport.id = 'records';
    this.viewport.setAttribute('role', 'rowgroup');
    this.viewport.append(this.spacer);
    this.element.id = 'record-grid';
    this.element.setAttribute('role', 'grid');
    this.element.setAttribute('aria-label', 'Stream records');
    this.element.setAttribute('aria-colcount', String(COLUMNS.length));
    this.element.setAttribute('aria-rowcount', '1');
    this.element.tabIndex = 0;
    this.jumpButton.id = 'jump-new';
    this.jumpButton.type = 'button';
    this.jumpButton.hidden = true;
    this.jumpBar.hidden = true;
    this.jumpBar.append(this.jumpButton);
    this.emptyNote.id = 'empty-note';
    this.emptyNote.hidden = true;
    this.element.append(headerGroup, this.viewport, this.jumpBar, this.emptyNote);

    this.viewport.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.viewport.addEventListener('click', (e) => this.onClick(e));
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.jumpButton.addEventListener('click', () => {
      this.followTail();
      this.element.focus();
    });
    new ResizeObserver(() => {
      const before = this.viewHeight;
      this.viewHeight = this.viewport.clientHeight;
      if (this.keepBottomOnResize && !this.follow) {
        // The jump bar came or went under the rows: shift them with it, so the row the user looked at last (often
        // the one just clicked, at the bottom) stays in view.
        const maxTop = Math.max(0, this.count - this.viewHeight / ROW_HEIGHT);
        this.anchor = this.first + Math.max(0, Math.min(maxTop, this.anchor - this.first + (before - this.viewHeight) / ROW_HEIGHT));
        this.setScrollTop(this.scrollTopFor(this.anchor - this.first));
      }
      this.keepBottomOnResize = false;
      this.schedule();
    }).observe(this.viewport);
  }

  /** How the list follows the stream right now. */
  get mode(): FollowMode {
    return this.frozenEnd !== undefined ? 'paused' : this.follow ? 'following' : 'scrolled';
  }

  /** The record of the selected row, if it is loaded. */
  get selectedRecord(): StreamRecord | undefined {
    return this.selected ? this.cache.get(this.selected.pos) : undefined;
  }

  /** The seq of the selected row's record, if a row is selected. */
  get selectedSeq(): number | undefined {
    return this.selected && this.selected.seq >= 0 ? this.selected.seq : undefined;
  }

  /** The record a new filter should keep selected: the selected one, or the one still waiting for its new row. */
  get seqToKeep(): number | undefined {
    return this.selectedSeq ?? this.keptSeq;
  }

  /**
   * After a new filter, selects again the row that showed the selected record (at `pos` in the new numbering), and
   * brings it into view unless the list follows the tail.
   */
  keepSelected(pos: number): void {
    if (this.keptSeq === undefined || pos < this.first || pos >= this.displayEnd) return;
    this.selected = { pos, seq: this.keptSeq };
    this.keptSeq = undefined;
    if (!this.follow) this.scrollIntoView(pos);
    this.schedule();
  }

  /** Takes the host's list range (after appends, drops, a clear or a new filter). */
  /** A hint for an empty filtered list (see {@link contradictionOf}); '' for none. */
  setEmptyHint(hint: string): void {
    if (hint === this.emptyHint) return;
    this.emptyHint = hint;
    this.render();
  }

  setRange(range: ListRange): void {
    const hadFrozenRows = this.frozenEnd !== undefined && this.frozenEnd > this.first;
    this.filtered = range.filtered;
    if (range.generation !== this.generation) {
      this.keptSeq = this.seqToKeep;
      this.generation = range.generation;
      this.cache.clear();
      this.clearRows();
      this.selected = undefined;
      this.selectPending = undefined;
      this.element.removeAttribute('aria-activedescendant');
      this.frozenEnd = this.frozenEnd === undefined ? undefined : range.end;
      this.seenEnd = range.end;
      this.anchor = range.first;
      if (!this.follow) this.setScrollTop(0);
    }
    if (range.first !== this.first) {
      for (const pos of this.cache.keys()) if (pos < range.first) this.cache.delete(pos);
      if (this.selected && this.selected.pos < range.first) this.selected = undefined;
    }
    this.first = range.first;
    this.end = range.end;
    // Records cleared or dropped before they were seen are not "new" any more.
    this.seenEnd = Math.max(this.seenEnd, this.first);
    if (this.frozenEnd !== undefined) {
      this.frozenEnd = Math.max(this.first, Math.min(this.frozenEnd, this.end));
      if (hadFrozenRows && this.frozenEnd === this.first && this.end > this.first) {
        // The cap dropped every row the list was paused on: show what is retained now rather than nothing (still
        // paused), and count as new only what comes after.
        this.frozenEnd = this.end;
        this.seenEnd = this.end;
        this.anchor = this.first;
      }
    }
    if (this.follow) this.seenEnd = this.displayEnd;
    this.schedule();
  }

  /** Takes the answer to a window request; answers of an older numbering are dropped. */
  setWindow(requestId: number, rows: RowWindow): void {
    if (this.pending?.id === requestId) this.pending = undefined;
    this.setRows(rows);
  }

  /** Stores rows the host sent (a window answer, or the tail pushed with an update); older numberings are dropped. */
  setRows({ generation, start, records }: RowWindow): void {
    if (generation !== this.generation) return;
    records.forEach((r, i) => { if (start + i >= this.first) this.cache.set(start + i, r); });
    if (this.cache.size > CACHE_LIMIT) this.evict();
    this.schedule();
  }

  /** Freezes the list (Pause) or goes back to following the tail (Follow). */
  setPaused(paused: boolean): void {
    if (paused) {
      this.frozenEnd = this.end;
      this.follow = false;
      this.anchor = this.first + this.topRow();
      this.emitMode();
      this.schedule();
    } else this.followTail();
  }

  /** Jumps to the newest row and follows the tail again. */
  followTail(): void {
    this.frozenEnd = undefined;
    this.follow = true;
    this.seenEnd = this.end;
    this.emitMode();
    this.renderNow();
  }

  /** Switches the time column between clock time and time since `origin`. */
  setTimeMode(mode: TimeMode, origin: number): void {
    this.timeMode = mode;
    this.timeOrigin = origin;
    this.clearRows();
    this.schedule();
  }

  /** Selects the row at a view position and scrolls it into view. */
  select(pos: number, open = false): void {
    if (this.displayEnd <= this.first) return;
    const clamped = Math.max(this.first, Math.min(this.displayEnd - 1, pos));
    this.keptSeq = undefined; // the user chose another row: a filter's late answer must not move the selection
    const record = this.cache.get(clamped);
    this.selected = { pos: clamped, seq: record?.seq ?? -1 };
    if (this.follow && clamped < this.displayEnd - 1) {
      // An older row chosen while following: stay where it is, or the next update would scroll it away.
      this.follow = false;
      this.anchor = this.first + this.topRow();
      this.emitMode();
    }
    this.scrollIntoView(clamped);
    this.renderNow();
    if (record) {
      this.selectPending = undefined;
      this.onDidSelect.fire(record);
      if (open) this.onDidOpen.fire(record);
    } else this.selectPending = { open };
  }

  private get displayEnd(): number {
    return this.frozenEnd ?? this.end;
  }

  private get count(): number {
    return Math.max(0, this.displayEnd - this.first);
  }

  private emitMode(): void {
    this.onDidChangeMode.fire(this.mode);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private renderNow(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.render();
  }

  /** Content height and the largest scrollTop for the current row count. */
  private geometry(): { contentHeight: number; maxScroll: number; viewHeight: number; visibleRows: number } {
    const viewHeight = this.viewHeight;
    const contentHeight = Math.min(this.count * ROW_HEIGHT, MAX_SCROLL_PX);
    return { contentHeight, maxScroll: Math.max(0, contentHeight - viewHeight), viewHeight, visibleRows: Math.max(1, Math.floor(viewHeight / ROW_HEIGHT)) };
  }

  /** Rows (fractional) above the viewport's top for the current scrollTop. Exact when not scaled. */
  private topRow(): number {
    const { maxScroll, viewHeight } = this.geometry();
    const scrollableRows = Math.max(0, this.count - viewHeight / ROW_HEIGHT);
    return maxScroll > 0 ? (this.viewport.scrollTop / maxScroll) * scrollableRows : 0;
  }

  private scrollTopFor(row: number): number {
    const { maxScroll, viewHeight } = this.geometry();
    const scrollableRows = Math.max(0, this.count - viewHeight / ROW_HEIGHT);
    return scrollableRows > 0 ? Math.max(0, Math.min(maxScroll, (row / scrollableRows) * maxScroll)) : 0;
  }

  private render(): void {
    const g = this.geometry();
    this.spacer.style.height = `${g.contentHeight}px`;
    this.element.setAttribute('aria-rowcount', String(this.count + 1));
    if (this.follow) this.setScrollTop(g.maxScroll);
    else if (Math.abs(this.first + this.topRow() - this.anchor) >= 1) this.setScrollTop(this.scrollTopFor(this.anchor - this.first));
    const top = this.topRow();
    const offset = this.viewport.scrollTop - top * ROW_HEIGHT;
    // Following, nothing lies below the viewport and rows above it only matter once the user scrolls.
    const overscan = this.follow ? FOLLOW_OVERSCAN : OVERSCAN;
    const from = Math.max(this.first, this.first + Math.floor(top) - overscan);
    const to = Math.min(this.displayEnd, this.first + Math.ceil(top + g.viewHeight / ROW_HEIGHT) + overscan);

    for (const [pos, row] of this.rows) {
      if (pos < from || pos >= to || this.cache.get(pos)?.seq !== row.seq) {
        this.rows.delete(pos);
        this.spareRows.push(row);
      }
    }
    let missingFrom = -1;
    let missingTo = -1;
    for (let pos = from; pos < to; pos++) {
      const record = this.cache.get(pos);
      if (!record) {
        if (missingFrom === -1) missingFrom = pos;
        missingTo = pos + 1;
        continue;
      }
      let row = this.rows.get(pos);
      if (!row) {
        row = this.spareRows.pop() ?? new RecordRow();
        if (!row.element.isConnected) this.viewport.append(row.element);
        row.show(pos, record, this.timeText(record.t));
        this.rows.set(pos, row);
      }
      row.place(offset + (pos - this.first) * ROW_HEIGHT, pos - this.first + 2);
      row.setSelected(this.selected?.pos === pos);
    }
    // Rows left over leave the DOM (only shown rows are there, for screen readers too) but stay for reuse.
    for (const spare of this.spareRows) spare.element.remove();
    if (this.selected && this.rows.has(this.selected.pos)) this.element.setAttribute('aria-activedescendant', `row-${this.selected.pos}`);
    else this.element.removeAttribute('aria-activedescendant');
    if (missingFrom !== -1) this.request(missingFrom, missingTo);
    const pending = this.selectPending;
    const loaded = pending && this.selected ? this.cache.get(this.selected.pos) : undefined;
    if (pending && loaded && this.selected) {
      this.selectPending = undefined;
      this.selected.seq = loaded.seq;
      this.onDidSelect.fire(loaded);
      if (pending.open) this.onDidOpen.fire(loaded);
    }

    // Rows in view are seen, new or not (after a Clear, say, the first new rows come into an empty view).
    if (!this.follow) this.seenEnd = Math.max(this.seenEnd, Math.min(this.displayEnd, this.first + Math.floor(top + g.viewHeight / ROW_HEIGHT + 0.01)));
    const unseen = this.end - this.seenEnd;
    const jumpHidden = this.follow || unseen <= 0;
    if (jumpHidden !== this.jumpBar.hidden) {
      this.jumpBar.hidden = jumpHidden;
      this.jumpButton.hidden = jumpHidden;
      this.keepBottomOnResize = true;
    }
    // Texts are written only when they change: even an equal textContent replaces the text node and costs a layout.
    setText(this.jumpButton, this.jumpButton.hidden ? '' : `↓ ${formatCount(unseen)} new`);
    if (!this.jumpButton.hidden) this.jumpButton.setAttribute('aria-label', `${unseen} new records; jump to the newest and follow`);
    this.emptyNote.hidden = this.count > 0;
    setText(this.emptyNote, this.end > this.first ? '' : this.filtered ? `No records match the filter.${this.emptyHint ? ` ${this.emptyHint}` : ''}` : 'No records yet.');
    this.reportViewport(g.visibleRows);
  }

  /** Tells the host whether to push the tail rows with its updates, and how many, when that changes. */
  private reportViewport(visibleRows: number): void {
    const following = this.follow && this.frozenEnd === undefined;
    const rows = Math.min(MAX_FOLLOW_ROWS, visibleRows + FOLLOW_OVERSCAN + 2);
    const key = `${following}:${rows}`;
    if (key === this.reportedViewport) return;
    this.reportedViewport = key;
    this.post({ type: 'list/viewport', following, rows });
  }

  /** Scrolls the viewport and remembers that this scroll is the list's own. */
  private setScrollTop(top: number): void {
    const before = this.viewport.scrollTop;
    this.viewport.scrollTop = top;
    if (this.viewport.scrollTop !== before) this.ownScrollTop = this.viewport.scrollTop;
  }

  private request(from: number, to: number): void {
    if (this.pending) return; // one request in flight; its answer triggers the next render
    const id = ++this.requestSeq;
    this.pending = { id, generation: this.generation };
    this.post({ type: 'records/requestWindow', requestId: id, start: from, count: Math.min(2000, to - from), generation: this.generation });
  }

  private timeText(t: number): string {
    return this.timeMode === 'clock' ? formatTime(t) : formatRelative(t, this.timeOrigin);
  }

  /** Takes every row off screen (a new numbering or time format); the elements stay for reuse. */
  private clearRows(): void {
    for (const row of this.rows.values()) {
      row.reset();
      row.element.remove();
      this.spareRows.push(row);
    }
    this.rows.clear();
  }

  private evict(): void {
    const top = this.first + this.topRow();
    for (const pos of this.cache.keys()) {
      if (Math.abs(pos - top) > CACHE_LIMIT / 2 && pos !== this.selected?.pos) this.cache.delete(pos);
    }
  }

  private onScroll(): void {
    const own = this.ownScrollTop !== undefined && Math.abs(this.viewport.scrollTop - this.ownScrollTop) < 1;
    this.ownScrollTop = undefined;
    if (own) return; // render() placed the rows for this scrollTop when it set it
    // The jump bar coming or going resizes the view before the ResizeObserver says so, and the browser clamps
    // scrollTop to the new size: judge "at the bottom" by the size now (layout is fresh in a scroll event).
    this.viewHeight = this.viewport.clientHeight;
    const { maxScroll } = this.geometry();
    const atBottom = this.viewport.scrollTop >= maxScroll - 2;
    if (this.frozenEnd === undefined && atBottom !== this.follow) {
      this.follow = atBottom;
      if (atBottom) this.seenEnd = this.end;
      this.emitMode();
    }
    this.anchor = this.first + this.topRow();
    this.renderNow();
  }

  private scrollIntoView(pos: number): void {
    const { visibleRows } = this.geometry();
    const top = this.topRow();
    const row = pos - this.first;
    let target: number | undefined;
    if (row < top) target = row;
    else if (row + 1 > top + visibleRows) target = row + 1 - visibleRows;
    if (target === undefined) return;
    if (pos < this.displayEnd - 1 && this.follow) {
      this.follow = false;
      this.emitMode();
    }
    this.anchor = this.first + target;
    this.setScrollTop(this.scrollTopFor(target));
  }

  private onClick(e: MouseEvent): void {
    const row = (e.target as HTMLElement).closest<HTMLElement>('.record');
    if (!row) return;
    this.element.focus();
    this.select(Number(row.dataset.pos), true);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.element) return;
    const page = Math.max(1, this.geometry().visibleRows - 1);
    const visibleTop = this.first + Math.ceil(this.topRow());
    const current = this.selected?.pos ?? visibleTop;
    let next: number | undefined;
    switch (e.key) {
      case 'ArrowDown': next = this.selected ? current + 1 : current; break;
      case 'ArrowUp': next = this.selected ? current - 1 : current; break;
      case 'PageDown': next = current + page; break;
      case 'PageUp': next = current - page; break;
      case 'Home': next = this.first; break;
      case 'End': next = this.displayEnd - 1; break;
      case 'Enter':
        if (this.selected) this.select(this.selected.pos, true);
        e.preventDefault();
        return;
      default: return;
    }
    e.preventDefault();
    this.select(next);
    if (e.key === 'End' && this.frozenEnd === undefined) this.followTail();
  }
}
