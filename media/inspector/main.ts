import type { StreamRecord } from '../../src/core/records';
import type { ConnectionState, HostToWebview, SessionInfo, StatsSnapshot } from '../../src/shared/protocol';
import { formatBytes, formatTime, kindLabel, previewText } from './format';
import { vscodeApi } from './vscodeApi';

const ROW_HEIGHT = 22;
const OVERSCAN = 10;

/** Creates an element with a class and text; data only ever goes in as text. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const root = document.getElementById('root')!;
const toolbar = el('div', 'toolbar');
const stateBadge = el('span', 'state', 'connecting');
stateBadge.id = 'connection-state';
const target = el('span', 'target');
const disconnectButton = el('button', 'button', 'Disconnect');
disconnectButton.id = 'disconnect';
const reconnectButton = el('button', 'button', 'Reconnect');
reconnectButton.id = 'reconnect';
toolbar.append(stateBadge, target, disconnectButton, reconnectButton);

const header = el('div', 'row header');
header.setAttribute('role', 'row');
for (const name of ['Time', 'Type', 'Id', 'Data']) {
  const cell = el('span', `cell ${name.toLowerCase()}`, name);
  cell.setAttribute('role', 'columnheader');
  header.append(cell);
}
const list = el('div', 'list');
list.id = 'records';
list.setAttribute('role', 'grid');
list.setAttribute('aria-label', 'Stream records');
list.tabIndex = 0;
const spacer = el('div', 'spacer');
list.append(spacer);
const stats = el('div', 'stats');
stats.id = 'stats';
stats.setAttribute('aria-live', 'polite');
root.append(toolbar, header, list, stats);

let first = 0;
let end = 0;
let follow = true;
let requestSeq = 0;
let pendingRequest: number | undefined;
const cache = new Map<number, StreamRecord>();

disconnectButton.addEventListener('click', () => vscodeApi.postMessage({ type: 'control', action: 'stop' }));
reconnectButton.addEventListener('click', () => vscodeApi.postMessage({ type: 'control', action: 'reconnect' }));
list.addEventListener('scroll', () => {
  follow = list.scrollTop + list.clientHeight >= list.scrollHeight - ROW_HEIGHT;
  render();
});
window.addEventListener('resize', () => render());

function visibleRange(): { from: number; to: number } {
  const from = Math.max(first, first + Math.floor(list.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const to = Math.min(end, first + Math.ceil((list.scrollTop + list.clientHeight) / ROW_HEIGHT) + OVERSCAN);
  return { from, to };
}

function requestMissing(): void {
  const { from, to } = visibleRange();
  for (let i = from; i < to; i++) {
    if (!cache.has(i)) {
      pendingRequest = ++requestSeq;
      vscodeApi.postMessage({ type: 'records/requestWindow', requestId: pendingRequest, start: from, count: to - from });
      return;
    }
  }
}

function render(): void {
  spacer.style.height = `${(end - first) * ROW_HEIGHT}px`;
  if (follow) list.scrollTop = list.scrollHeight;
  const { from, to } = visibleRange();
  for (const row of [...list.querySelectorAll<HTMLElement>('.record')]) {
    const pos = Number(row.dataset.pos);
    if (pos < from || pos >= to || !cache.has(pos)) row.remove();
  }
  const present = new Set([...list.querySelectorAll<HTMLElement>('.record')].map((r) => Number(r.dataset.pos)));
  for (let pos = from; pos < to; pos++) {
    const record = cache.get(pos);
    if (!record || present.has(pos)) continue;
    list.append(renderRow(pos, record));
  }
  requestMissing();
}

function renderRow(pos: number, r: StreamRecord): HTMLElement {
  const row = el('div', `row record kind-${r.kind}`);
  row.dataset.pos = String(pos);
  row.dataset.kind = r.kind;
  row.setAttribute('role', 'row');
  row.style.top = `${(pos - first) * ROW_HEIGHT}px`;
  const id = r.kind === 'event' ? r.id ?? '' : '';
  row.append(
    el('span', 'cell time', formatTime(r.t)),
    el('span', `cell type badge-${r.kind}`, kindLabel(r)),
    el('span', 'cell id', id),
    el('span', 'cell data', previewText(r)),
  );
  for (const cell of row.children) cell.setAttribute('role', 'gridcell');
  if (r.kind === 'event') row.title = `${formatBytes(r.bytes)} · last-event-id ${r.lastEventId || '(none)'}`;
  return row;
}

function showState(state: ConnectionState): void {
  stateBadge.textContent = state;
  stateBadge.dataset.state = state;
  disconnectButton.disabled = state === 'closed';
  reconnectButton.disabled = state !== 'closed';
}

function showStats(s: StatsSnapshot): void {
  const parts = [`${s.events} events`, `${s.comments} comments`, formatBytes(s.bytes), `${s.attempts} attempts`, `${s.reconnects} reconnects`, `last-event-id: ${s.lastEventId || '(none)'}`];
  if (s.firstEventAt !== undefined) parts.push(`first event after ${Math.round(s.firstEventAt - s.startedAt)} ms`);
  if (s.dropped > 0) parts.push(`${s.dropped} dropped`);
  stats.textContent = parts.join(' · ');
}

function showSession(info: SessionInfo): void {
  target.textContent = `${info.method} ${info.url}`;
  document.title = info.title;
}

function updateRange(newFirst: number, newEnd: number): void {
  if (newFirst !== first) {
    for (const pos of cache.keys()) if (pos < newFirst) cache.delete(pos);
    for (const row of [...list.querySelectorAll('.record')]) row.remove();
  }
  first = newFirst;
  end = newEnd;
  render();
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'init':
      showSession(msg.session);
      showState(msg.state);
      showStats(msg.stats);
      updateRange(msg.first, msg.end);
      break;
    case 'state':
      showState(msg.state);
      break;
    case 'records/appended':
      showStats(msg.stats);
      updateRange(msg.first, msg.end);
      break;
    case 'records/window':
      if (msg.requestId === pendingRequest) pendingRequest = undefined;
      msg.records.forEach((r, i) => cache.set(msg.start + i, r));
      if (cache.size > 5000) {
        const { from, to } = visibleRange();
        for (const pos of cache.keys()) if (pos < from - 500 || pos > to + 500) cache.delete(pos);
      }
      render();
      break;
  }
});

vscodeApi.postMessage({ type: 'ready' });
