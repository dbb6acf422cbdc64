import { assertNever, type HostToWebview, type RecordQuery } from '../../src/shared/protocol';
import { DetailPane } from './detailPane';
import { el, isEditing } from './dom';
import { hostMessages } from './events';
import { contradictionOf, FilterBar } from './filterBar';
import { PersistedState } from './persist';
import { postToHost } from './post';
import { RecordList } from './recordList';
import { StatsStrip } from './statsStrip';
import { createCaptureControls } from './toolbar/captureControls';
import { createConnectionControls } from './toolbar/connectionControls';
import { createReplayControls } from './toolbar/replayControls';
import { createSimulationControls } from './toolbar/simulationControls';
import { createResumeStat } from './resumeDisplay';
import { Toolbar } from './toolbar/toolbar';
import { createViewControls } from './toolbar/viewControls';

/** How often the webview saves the newest records for a reload (only when events arrived meanwhile). */
const TAIL_SAVE_MS = 2000;

const persisted = new PersistedState();
const saved = persisted.current;

const root = document.getElementById('root')!;
const toolbar = new Toolbar();
const filterBar = new FilterBar();
const list = new RecordList(postToHost);
const detail = new DetailPane(postToHost);
const stats = new StatsStrip();
let sessionStartedAt = Date.now();

createConnectionControls(toolbar, postToHost);
const viewControls = createViewControls(toolbar, {
  setPaused: (p) => list.setPaused(p),
  followTail: () => list.followTail(),
  get mode() { return list.mode; },
  clear: () => {
    detail.markCleared();
    postToHost({ type: 'control', action: 'clear' });
  },
  setTimeMode: (mode) => {
    list.setTimeMode(mode, sessionStartedAt);
    persisted.update({ timeMode: mode });
  },
}, saved.timeMode ?? 'clock');
createSimulationControls(toolbar, postToHost);
createReplayControls(toolbar, postToHost);
createCaptureControls(toolbar, postToHost);
stats.element.append(createResumeStat());

const main = el('div', 'main');
main.append(list.element, detail.element);
root.append(toolbar.element, filterBar.element, main, stats.element);

// --- wiring between the parts
/** The selected record, so a new filter keeps it selected when it still passes. */
function keepSelection(): { keepSeq?: number } {
  // The selected row; else the record open in the detail pane, so the pane learns whether it is back in the list.
  const seq = list.seqToKeep ?? detail.seq;
  return seq === undefined ? {} : { keepSeq: seq };
}

let filterRequest = 0;
/** For the open detail record under the newest filter: waiting for where its row went, or nothing to tell. */
let detailKeep: 'pending' | 'unknown' = 'unknown';

/** Tells the detail pane whether the newest filter kept its record, once that is known. */
function settleDetailKeep(keptPosition: number | undefined, scanning: boolean): void {
  if (detailKeep !== 'pending') return;
  if (keptPosition === undefined && scanning) return; // a slow filter may still reach it
  detail.setFilteredOut(keptPosition === undefined);
  detailKeep = 'unknown';
}
let lastQuery: RecordQuery = saved.query ?? {};
filterBar.setQuery(lastQuery);
list.setEmptyHint(contradictionOf(lastQuery));

/**
 * On `init`: the host's filter is the one in force, so the bar shows it (the host kept filtering while this page
 * was hidden). A host without one is a panel revived after a reload: it gets the filter saved here.
 */
function showQueryInForce(hostQuery: RecordQuery): void {
  const hostFilters = hostQuery.kinds !== undefined || (hostQuery.types?.length ?? 0) > 0 || hostQuery.text !== undefined;
  if (!hostFilters && filterBar.active) {
    postToHost({ type: 'filter/set', requestId: ++filterRequest, query: lastQuery });
    return;
  }
  filterBar.setQuery(hostQuery);
  lastQuery = filterBar.query;
  list.setEmptyHint(contradictionOf(lastQuery));
  persisted.update({ query: lastQuery });
}
filterBar.onDidChange.on((query) => {
  lastQuery = query;
  list.setEmptyHint(contradictionOf(query));
  persisted.update({ query });
  const keep = keepSelection();
  // Whether the open record survives this filter is known from where its row went (or that it went nowhere).
  detailKeep = detail.isOpen && keep.keepSeq !== undefined && keep.keepSeq === detail.seq ? 'pending' : 'unknown';
  postToHost({ type: 'filter/set', requestId: ++filterRequest, query, ...keep });
});
list.onDidChangeMode.on((mode) => {
  viewControls.showMode(mode);
  persisted.update({ paused: mode === 'paused' });
});
list.onDidSelect.on((record) => { if (detail.isOpen) detail.show(record); });
list.onDidOpen.on((record) => {
  detail.show(record);
  persisted.update({ detailSeq: record.seq });
});
detail.onDidClose.on(() => {
  persisted.update({ detailSeq: undefined });
  list.element.focus();
});

document.addEventListener('keydown', (e) => {
  if (e.key === '/' && !isEditing(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    filterBar.focusInput();
  } else if (e.key === 'Escape' && !isEditing(e.target)) {
    if (filterBar.clearText()) return;
    detail.close();
  }
});

// --- the saved tail, so a reload can show what this panel had
let eventsAtLastTail = -1;
let latestEvents = 0;
setInterval(() => {
  if (latestEvents !== eventsAtLastTail) {
    eventsAtLastTail = latestEvents;
    postToHost({ type: 'records/requestTail' });
  }
}, TAIL_SAVE_MS);

// --- messages from the host
window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'init': {
      sessionStartedAt = msg.stats.startedAt;
      document.title = msg.session.title;
      persisted.update({ session: msg.session, stats: msg.stats });
      showQueryInForce(msg.query);
      filterBar.setTypes(msg.types);
      stats.show(msg.stats, msg.rate);
      latestEvents = msg.stats.events;
      list.setTimeMode(viewControls.timeMode, sessionStartedAt);
      list.setRange(msg.list);
      filterBar.showCount(msg.list);
      if (saved.paused) list.setPaused(true);
      if (saved.detailSeq !== undefined && !detail.isOpen) detail.showSeq(saved.detailSeq);
      break;
    }
    case 'state':
      break;
    case 'records/appended':
      if (msg.types) filterBar.setTypes(msg.types);
      stats.show(msg.stats, msg.rate);
      latestEvents = msg.stats.events;
      list.setRange(msg.list);
      detail.checkRetained(msg.list);
      if (msg.tail) list.setRows(msg.tail);
      if (msg.keptPosition !== undefined) list.keepSelected(msg.keptPosition);
      settleDetailKeep(msg.keptPosition, msg.list.scanning === true);
      filterBar.showCount(msg.list);
      persisted.updateSoon({ stats: msg.stats });
      break;
    case 'records/window':
      list.setWindow(msg.requestId, { generation: msg.generation, start: msg.start, records: msg.records });
      break;
    case 'filter/result':
      if (msg.requestId !== filterRequest) break; // an older answer; a newer one is on its way
      filterBar.showResult(msg.ok, msg.error);
      list.setRange(msg.list);
      if (msg.rows) list.setRows(msg.rows);
      if (msg.keptPosition !== undefined) list.keepSelected(msg.keptPosition);
      if (msg.ok) settleDetailKeep(msg.keptPosition, msg.list.scanning === true);
      filterBar.showCount(msg.list);
      break;
    case 'record/detail':
      detail.setDetail(msg.requestId, msg.record, msg.previousEventT, msg.truncated === true, msg.raw);
      break;
    case 'records/tail':
      persisted.saveTail(msg.records);
      break;
    case 'simulation/plan':
    case 'replay/status':
      break; // their toolbar groups listen on hostMessages
    default:
      assertNever(msg);
  }
  hostMessages.fire(msg);
});

postToHost({ type: 'ready' });
