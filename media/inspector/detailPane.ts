import { redactHeaders } from '../../src/core/redact';
import { isLifecycle, type StreamRecord } from '../../src/core/records';
import { readSourceJson } from '../../src/shared/json/sourceJson';
import type { ListRange, RawLines } from '../../src/shared/protocol';
import { button, el } from './dom';
import { Signal } from './events';
import { formatBytes, formatDuration, kindLabel, LINE_ENDING_MARKS, rawLineParts, visibleText, wireLines } from './format';
import { readJsonData, renderJsonTree } from './jsonTree';
import type { PostToHost } from './post';

/** The parts of a detail answer that the row's own copy cannot tell. */
interface HostDetail {
  previousEventT: number | undefined;
  truncated: boolean;
  raw: RawLines | undefined;
}

/** Tooltips of the line-ending marks. */
const LINE_ENDING_NAMES = { '\r\n': 'CR LF line ending', '\r': 'CR line ending', '\n': 'LF line ending' } as const;

/** Why the record shown is no longer retained by the host. */
type Removal = 'cleared' | 'dropped' | 'unknown';

const REMOVAL_NOTES: Record<Removal, string> = {
  cleared: 'This record was cleared: Copy and Open in editor no longer have it.',
  dropped: 'This record was dropped by the record cap (streamDebugger.maxRecords): Copy and Open in editor no longer have it.',
  unknown: 'This record is no longer retained: dropped by the record cap, cleared, or older than the newest records a window reload keeps.',
};

/** Longest text shown in a <pre>; Copy data and Open in editor give all of it. */
const MAX_SHOWN_CHARS = 200_000;

/**
 * The detail pane: one whole record (fetched from the host), as a JSON tree or raw text, the raw lines, timing and,
 * for lifecycle records, status, headers (secrets masked) and error. Copy and open-in-editor run in the host.
 */
export class DetailPane {
  readonly element = el('section', 'detail');
  readonly onDidClose = new Signal<void>();
  private readonly title = el('h2', 'detail-title');
  private readonly body = el('div', 'detail-body');
  private readonly actions = el('div', 'detail-actions');
  private readonly filteredOut = el('p', 'note filtered-out', 'Not in the list: the current filter hides this record.');
  /** Says the record shown is gone from the host (the pane keeps showing what it had). */
  private readonly removedNote = el('p', 'note removed');
  private readonly actionButtons: HTMLButtonElement[];
  private removal: Removal | undefined;
  /** A retry record has no data to copy. */
  private hasData = true;
  private requestSeq = 0;
  private pendingId = 0;
  private shownSeq: number | undefined;

  constructor(private readonly post: PostToHost) {
    this.element.id = 'detail';
    this.element.setAttribute('aria-label', 'Record detail');
    this.element.hidden = true;
    this.title.id = 'detail-title';
    this.element.setAttribute('aria-labelledby', 'detail-title');
    const close = button('✕', { id: 'detail-close', title: 'Close the detail pane (Escape)', className: 'icon-button' });
    close.setAttribute('aria-label', 'Close detail');
    close.addEventListener('click', () => this.close());
    const copyData = button('Copy data', { id: 'copy-data', title: 'Copy the event data (whole) to the clipboard' });
    const copyRecord = button('Copy record JSON', { id: 'copy-record', title: 'Copy the whole record as JSON' });
    const openData = button('Open in editor', { id: 'open-data', title: 'Open the data in an editor tab (pretty-printed when it is JSON)' });
    copyData.addEventListener('click', () => this.action('copyData'));
    copyRecord.addEventListener('click', () => this.action('copyRecord'));
    openData.addEventListener('click', () => this.action('openData'));
    this.actionButtons = [copyData, copyRecord, openData];
    this.actions.append(copyData, copyRecord, openData);
    const head = el('div', 'detail-head');
    head.append(this.title, close);
    this.filteredOut.id = 'detail-filtered-out';
    this.filteredOut.setAttribute('role', 'status');
    this.filteredOut.hidden = true;
    this.removedNote.id = 'detail-removed';
    this.removedNote.setAttribute('role', 'status');
    this.removedNote.hidden = true;
    this.element.append(head, this.actions, this.filteredOut, this.removedNote, this.body);
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this.close();
      }
    });
  }

  /** The seq of the record shown, if the pane is open. */
  get seq(): number | undefined {
    return this.element.hidden ? undefined : this.shownSeq;
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Says whether the current filter hides the record shown (the pane stays open on it either way). */
  setFilteredOut(hidden: boolean): void {
    this.filteredOut.hidden = !hidden || this.removal !== undefined;
  }

  /** The user cleared the records: the one shown went with them. */
  markCleared(): void {
    if (this.isOpen) this.setRemoved('cleared');
  }

  /** Takes the host's range after an update: a record older than the oldest retained was dropped by the cap. */
  checkRetained(list: ListRange): void {
    if (!this.isOpen || this.removal !== undefined || this.shownSeq === undefined) return;
    // Nothing retained without a Clear from here: a replay seeking back to its start, say; not the cap for sure.
    if (list.oldestSeq === undefined) {
      if (list.retained === 0) this.setRemoved('unknown');
    } else if (list.oldestSeq > this.shownSeq) this.setRemoved('dropped');
  }

  /** Opens the pane on a record: shows the row's copy at once, then the whole record from the host. */
  show(preview: StreamRecord): void {
    this.shownSeq = preview.seq;
    this.setRemoved(undefined);
    this.filteredOut.hidden = true; // chosen from the list, so in it
    this.element.hidden = false;
    this.render(preview, undefined);
    this.pendingId = ++this.requestSeq;
    this.post({ type: 'record/requestDetail', requestId: this.pendingId, seq: preview.seq });
  }

  /** Asks for a record by seq (after a reload, the saved selection). */
  showSeq(seq: number): void {
    this.shownSeq = seq;
    this.setRemoved(undefined);
    this.filteredOut.hidden = true;
    this.element.hidden = false;
    this.title.textContent = `Record #${seq}`;
    this.pendingId = ++this.requestSeq;
    this.post({ type: 'record/requestDetail', requestId: this.pendingId, seq });
  }

  /** Takes the host's answer with the whole record. */
  setDetail(requestId: number, record: StreamRecord | null, previousEventT: number | undefined, truncated: boolean, raw: RawLines | undefined): void {
    if (requestId !== this.pendingId || this.element.hidden) return;
    if (!record) {
      this.setRemoved(this.removal ?? 'unknown');
      return;
    }
    this.render(record, { previousEventT, truncated, raw });
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.shownSeq = undefined;
    this.onDidClose.fire();
  }

  private action(action: 'copyData' | 'copyRecord' | 'openData'): void {
    if (this.shownSeq !== undefined && this.removal === undefined) this.post({ type: 'record/action', action, seq: this.shownSeq });
  }

  /** Notes that the record is gone (or back to none) and disables the buttons that would ask the host for it. */
  private setRemoved(removal: Removal | undefined): void {
    this.removal = removal;
    this.removedNote.hidden = removal === undefined;
    this.removedNote.textContent = removal === undefined ? '' : REMOVAL_NOTES[removal];
    if (removal !== undefined) this.filteredOut.hidden = true;
    this.updateActions();
  }

  private updateActions(): void {
    const [copyData, ...others] = this.actionButtons;
    copyData!.disabled = this.removal !== undefined || !this.hasData;
    for (const b of others) b.disabled = this.removal !== undefined;
  }

  /** `answer`: what only the host knows (the gap, the raw bytes); undefined while its answer is on the way. */
  private render(r: StreamRecord, answer: HostDetail | undefined): void {
    const { previousEventT, truncated = false, raw } = answer ?? {};
    // The event's own id first (what the row shows); the record number is ours.
    const id = r.kind === 'event' && r.id !== null && r.id !== '' ? ` · id ${visibleText(r.id)}` : '';
    this.title.textContent = `${kindLabel(r)}${id} (record #${r.seq})`;
    const parts: HTMLElement[] = [];
    if (r.kind === 'event' || r.kind === 'comment' || r.kind === 'discarded') {
      const text = r.kind === 'event' ? r.data : r.text;
      const json = r.kind === 'event' ? readJsonData(text) : undefined;
      const dataSection = section('Data', 'detail-data');
      if (json) dataSection.append(...renderJsonTree(json));
      else dataSection.append(pre(text, 'raw-text'));
      if (truncated) dataSection.append(el('p', 'note', 'Cut for display; Copy data and Open in editor give the whole text.'));
      parts.push(dataSection);
    }
    if (r.kind === 'event' || r.kind === 'comment' || r.kind === 'discarded' || r.kind === 'retry') {
      const rawSection = section('Raw lines', 'detail-raw', r.kind !== 'event');
      rawSection.append(...rawLines(r, raw));
      parts.push(rawSection);
    }
    if (isLifecycle(r)) {
      const conn = section('Connection', 'detail-connection');
      conn.append(definitionList([
        ['Message', r.message],
        ['Status', r.status !== undefined ? `${r.status}${r.statusText ? ` ${r.statusText}` : ''}` : undefined],
        ['Request', r.method || r.url ? `${r.method ?? ''} ${r.url ?? ''}`.trim() : undefined],
        ['Reason', r.reason],
        ['Last-Event-ID sent', r.lastEventIdSent],
        ['Next attempt in', r.delay !== undefined ? formatDuration(r.delay) : undefined],
        ['Bytes this attempt', r.bytes !== undefined ? formatBytes(r.bytes) : undefined],
        ['Simulated', r.simulated ? 'yes (Stream Debugger caused it)' : undefined],
        ['Final', r.final ? 'yes (no more attempts)' : undefined],
      ]));
      if (r.bodyPreview) conn.append(el('h4', undefined, 'Body'), pre(r.bodyPreview, 'raw-text'));
      parts.push(conn);
      if (r.headers && Object.keys(r.headers).length > 0) {
        const headers = section(r.kind === 'connecting' ? 'Request headers' : 'Response headers', 'detail-headers');
        headers.append(definitionList(Object.entries(redactHeaders(r.headers))));
        parts.push(headers);
      }
      if (r.details && Object.keys(r.details).length > 0) {
        const details = section('Details', 'detail-extra');
        // Our own object (no source text to keep): its JSON text reads back into the same tree.
        details.append(...renderJsonTree(readSourceJson(JSON.stringify(r.details))!));
        parts.push(details);
      }
    }
    if (r.kind === 'retry') {
      const retry = section('Retry', 'detail-retry');
      retry.append(definitionList([['Reconnection time', r.ms !== null ? `${r.ms} ms` : undefined], ['Invalid value (ignored)', r.invalid]]));
      parts.push(retry);
    }
    const timing = section('Timing', 'detail-timing');
    timing.append(definitionList([
      ['Arrived', new Date(r.t).toISOString()],
      ['Gap to previous event', r.kind === 'event' ? gapText(r.t, answer, previousEventT) : undefined],
      ['Attempt', String(r.attempt)],
      ['Id', r.kind === 'event' ? r.id ?? '(none)' : undefined],
      ['Last-Event-ID in force', r.kind === 'event' ? r.lastEventId || '(none)' : undefined],
      ['Size', r.kind === 'event' ? formatBytes(r.bytes) : undefined],
      ['Flags', r.kind === 'event' && r.flags?.length ? r.flags.join(', ') : undefined],
    ]));
    parts.push(timing);
    this.body.replaceChildren(...parts);
    this.hasData = r.kind !== 'retry';
    this.updateActions();
  }
}

/** A preview must not claim "first" before the host has looked for the previous event. */
function gapText(t: number, answer: HostDetail | undefined, previousEventT: number | undefined): string {
  if (!answer) return '…';
  return previousEventT !== undefined ? formatDuration(t - previousEventT) : '— (first retained event)';
}

function section(title: string, className: string, collapsed = false): HTMLDetailsElement {
  const d = el('details', `detail-section ${className}`);
  d.open = !collapsed;
  d.append(el('summary', undefined, title));
  return d;
}

function pre(text: string, className: string): HTMLElement {
  const shown = text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}\n… (${text.length - MAX_SHOWN_CHARS} more characters; Copy data has all)` : text;
  const node = el('pre', className, visibleText(shown));
  node.tabIndex = 0;
  return node;
}

/**
 * The record's lines as received, line endings shown (\r\n, \r, \n) and a BOM marked; or, when they are not available,
 * the lines rebuilt from the parsed fields, labelled so, with the reason.
 */
function rawLines(r: StreamRecord, raw: RawLines | undefined): HTMLElement[] {
  if (!raw?.available) {
    const why = raw ? `the bytes as received are not available: ${raw.reason}` : 'waiting for the bytes as received';
    const rebuilt = pre(wireLines(r), 'raw-lines');
    rebuilt.dataset.source = 'rebuilt';
    return [el('p', 'note raw-note', `Rebuilt from the parsed fields (${why}).`), rebuilt];
  }
  const shown = raw.text.length > MAX_SHOWN_CHARS ? raw.text.slice(0, MAX_SHOWN_CHARS) : raw.text;
  const node = el('pre', 'raw-lines');
  node.dataset.source = 'received';
  node.tabIndex = 0;
  for (const part of rawLineParts(shown)) {
    const bom = part.text.split('\ufeff');
    bom.forEach((piece, i) => {
      if (i > 0) node.append(el('span', 'raw-mark', '<BOM>')); // U+FEFF is invisible
      if (piece) node.append(document.createTextNode(visibleText(piece)));
    });
    if (part.ending) {
      const mark = el('span', 'raw-mark', LINE_ENDING_MARKS[part.ending]);
      mark.title = LINE_ENDING_NAMES[part.ending];
      node.append(mark, document.createTextNode('\n'));
    }
  }
  const cut = raw.truncated || shown.length < raw.text.length;
  const note = `As received: ${formatBytes(raw.bytes)}${cut ? ', only the first part shown' : ''}; line endings shown as \\r\\n (CRLF), \\r (CR), \\n (LF).`;
  return [el('p', 'note raw-note', note), node];
}

function definitionList(rows: ReadonlyArray<readonly [string, string | undefined]>): HTMLElement {
  const dl = el('dl', 'fields');
  for (const [name, value] of rows) {
    if (value === undefined || value === '') continue;
    dl.append(el('dt', undefined, name), el('dd', undefined, visibleText(value)));
  }
  return dl;
}
