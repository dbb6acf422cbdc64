import { isLifecycle, type StreamRecord } from '../../src/core/records';
import { el } from './dom';
import { formatBytes, kindLabel, previewText, recordSize, visibleText } from './format';
import { decorateResumeRow } from './resumeDisplay';

/** The list's columns, in order: header labels and the cell classes. */
export const COLUMNS = [
  { key: 'time', label: 'Time' },
  { key: 'type', label: 'Kind / type' },
  { key: 'id', label: 'Id' },
  { key: 'lastid', label: 'Last-Event-ID' },
  { key: 'data', label: 'Data' },
  { key: 'size', label: 'Size' },
] as const;

/**
 * One row element of the virtual list, reused for whichever record it shows next: under a fast stream the list
 * shows new rows every frame, and refilling a row's texts costs the browser far less style and layout work than
 * building and discarding elements.
 */
export class RecordRow {
  readonly element = el('div');
  private readonly time = el('span', 'cell time');
  private readonly badge = el('span');
  private readonly id = el('span', 'cell id');
  private readonly lastId = el('span', 'cell lastid');
  private readonly data = el('span', 'cell data');
  private readonly size = el('span', 'cell size');
  private shownSeq = -1;
  private shownTime = '';
  private y = Number.NaN;
  private rowIndex = -1;
  private selected: boolean | undefined;

  constructor() {
    this.element.setAttribute('role', 'row');
    const type = el('span', 'cell type');
    type.append(this.badge);
    this.element.append(this.time, type, this.id, this.lastId, this.data, this.size);
    for (const cell of this.element.children) cell.setAttribute('role', 'gridcell');
  }

  /** The seq of the record shown (-1 when none). */
  get seq(): number {
    return this.shownSeq;
  }

  /** Shows `r` at view position `pos`; texts are only rewritten when the record or the time text changed. */
  show(pos: number, r: StreamRecord, timeText: string): void {
    const row = this.element;
    if (row.dataset.pos !== String(pos)) {
      row.id = `row-${pos}`;
      row.dataset.pos = String(pos);
    }
    if (timeText !== this.shownTime) {
      this.shownTime = timeText;
      this.time.textContent = timeText;
    }
    if (r.seq === this.shownSeq) return;
    this.shownSeq = r.seq;
    row.className = `row record kind-${r.kind}`;
    row.dataset.kind = r.kind;
    row.dataset.seq = String(r.seq);
    delete row.dataset.verdict;
    this.badge.className = `badge badge-${r.kind}${r.kind === 'event' ? '' : ' badge-kind'}`;
    const label = kindLabel(r);
    this.badge.textContent = label;
    this.badge.title = label; // a long type or verdict is cut to the column
    // Ids are the server's text too: a bidi override in one must not reorder the row.
    this.id.textContent = r.kind === 'event' ? visibleText(r.id ?? '') : '';
    this.lastId.textContent = visibleText(r.kind === 'event' ? r.lastEventId : r.kind === 'connecting' ? r.lastEventIdSent ?? '' : '');
    if (r.kind === 'event' && r.flags?.length) this.data.replaceChildren(el('span', 'flag', `${r.flags.join(', ')} `), previewText(r));
    else this.data.textContent = previewText(r);
    const size = recordSize(r);
    this.size.textContent = size === undefined ? '' : formatBytes(size);
    // A lifecycle row's size is not its own: say whose bytes these are.
    this.size.title = size === undefined || !isLifecycle(r) ? '' : r.kind === 'poll' ? 'bytes of this poll\'s answer' : `bytes of the response body attempt ${r.attempt} received before this ${r.kind} row`;
    decorateResumeRow(row, r);
    this.selected = undefined;
  }

  /** Places the row `y` pixels from the top of the scrolled content (a transform: no layout). */
  place(y: number, rowIndex: number): void {
    if (y !== this.y) {
      this.y = y;
      this.element.style.transform = `translateY(${y}px)`;
    }
    if (rowIndex !== this.rowIndex) {
      this.rowIndex = rowIndex;
      this.element.setAttribute('aria-rowindex', String(rowIndex));
    }
  }

  setSelected(selected: boolean): void {
    if (selected === this.selected) return;
    this.selected = selected;
    this.element.classList.toggle('selected', selected);
    this.element.setAttribute('aria-selected', String(selected));
  }

  /** Forgets what the row shows, so the next `show` rewrites every text (the time format changed). */
  reset(): void {
    this.shownSeq = -1;
    this.shownTime = '';
    this.y = Number.NaN;
    this.rowIndex = -1;
  }
}
