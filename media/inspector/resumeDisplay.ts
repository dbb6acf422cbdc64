import type { StreamRecord } from '../../src/core/records';
import type { ResumeSummary } from '../../src/shared/protocol';
import { el } from './dom';
import { hostMessages } from './events';

/** Words for each verdict, as the row's badge and the stats strip show them. */
const VERDICT_LABELS: Record<string, string> = {
  resumed: 'resumed exactly',
  gap: 'gap',
  duplicates: 'duplicates',
  'header-ignored': 'header ignored',
  restarted: 'ids restarted',
  unverified: 'unverified',
  'no-id': 'no id',
};

/** Verdicts that mean the server did not resume correctly. */
const BAD_VERDICTS = new Set(['gap', 'duplicates', 'header-ignored', 'restarted']);

/**
 * Marks a `resume` row with its verdict for the style (colour, ⚠ on a problem). The badge stays "resume": the row's
 * message starts with the verdict in words, so it is not told by colour alone, and said once.
 */
export function decorateResumeRow(row: HTMLElement, r: StreamRecord): void {
  if (r.kind !== 'resume' || !r.verdict) return;
  row.dataset.verdict = r.verdict;
  row.classList.toggle('verdict-bad', BAD_VERDICTS.has(r.verdict));
}

/** The stats strip's resumption figure: reconnects checked, how many resumed exactly, and what went wrong. */
export function createResumeStat(): HTMLElement {
  const item = el('span', 'stat stat-resume');
  item.dataset.stat = 'resume';
  item.hidden = true;
  const show = (s: ResumeSummary | undefined): void => {
    if (!s || s.checks === 0) {
      item.hidden = true;
      return;
    }
    const problems = Object.entries(s.verdicts).filter(([v, n]) => n > 0 && v !== 'resumed').map(([v, n]) => `${n} ${VERDICT_LABELS[v] ?? v}`);
    if (s.missingIds) problems.push(`${s.missingIds} id(s) missing`);
    if (s.duplicateEvents) problems.push(`${s.duplicateEvents} duplicate event(s)`);
    item.hidden = false;
    const value = `${s.verdicts.resumed}/${s.checks} exact${problems.length ? `; ${problems.join(', ')}` : ''}`;
    if (item.dataset.text === value) return;
    item.dataset.text = value;
    item.replaceChildren(el('span', 'stat-label', 'Resumption '), el('span', 'stat-value', value));
    item.classList.toggle('warn', [...BAD_VERDICTS].some((v) => (s.verdicts[v as keyof ResumeSummary['verdicts']] ?? 0) > 0) || s.missingIds > 0);
    item.title = s.last ? `last verdict: ${VERDICT_LABELS[s.last] ?? s.last}` : '';
  };
  hostMessages.on((msg) => {
    if (msg.type === 'init' || msg.type === 'records/appended') show(msg.stats.resume);
  });
  return item;
}
