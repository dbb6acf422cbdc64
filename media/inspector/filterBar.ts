import { MAX_FILTER_TEXT, MAX_TYPE_CHIPS, type KindGroup, type ListRange, type RecordQuery } from '../../src/shared/protocol';
import { filterHint } from '../../src/core/query/filterSyntax';
import { el, isPressed, setPressed, setText, toggleButton } from './dom';
import { Signal } from './events';
import { eventTypeLabel, formatCount } from './format';

const KIND_BUTTONS: ReadonlyArray<{ group: KindGroup; label: string }> = [
  { group: 'event', label: 'Events' },
  { group: 'comment', label: 'Comments' },
  { group: 'retry', label: 'Retry' },
  { group: 'discarded', label: 'Discarded' },
  { group: 'lifecycle', label: 'Lifecycle' },
];
const TEXT_DEBOUNCE_MS = 120;

/**
 * The filter bar: kind toggles, event-type chips (built from the types seen), the text box (substring, /regex/,
 * `data.path == value`), the match count and an inline error. The host runs the query; this only says what it is.
 */
export class FilterBar {
  readonly element = el('div', 'filter-bar');
  /** Fires when the query changes (text debounced). */
  readonly onDidChange = new Signal<RecordQuery>();
  readonly input = el('input', 'filter-input');
  private readonly kindButtons = new Map<KindGroup, HTMLButtonElement>();
  private readonly chips = el('div', 'type-chips');
  private readonly chipButtons = new Map<string, HTMLButtonElement>();
  private readonly count = el('span', 'match-count');
  /**
   * What a screen reader hears of the count: the visible count changes with every update of a live stream, so only
   * a new filter's result is announced here (once its scan is done).
   */
  private readonly announcer = el('span', 'visually-hidden');
  private announcePending = false;
  private readonly error = el('div', 'filter-error');
  /** Says when the text is searched as text though it looks like a regex being typed (no closing slash yet). */
  private readonly hint = el('div', 'filter-hint');
  private readonly selectedTypes = new Set<string>();
  private debounce: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.element.setAttribute('role', 'search');
    const kinds = el('div', 'kind-toggles');
    kinds.setAttribute('role', 'group');
    kinds.setAttribute('aria-label', 'Show record kinds');
    for (const { group, label } of KIND_BUTTONS) {
      const b = toggleButton(label, true, { className: `toggle kind-toggle kind-toggle-${group}`, title: `Show ${label.toLowerCase()} records` });
      b.dataset.kind = group;
      b.addEventListener('click', () => this.toggleKind(group));
      this.kindButtons.set(group, b);
      kinds.append(b);
    }
    this.chips.setAttribute('role', 'group');
    this.chips.setAttribute('aria-label', 'Show event types (none selected: all)');
    this.input.id = 'filter';
    this.input.type = 'text';
    this.input.spellcheck = false;
    this.input.autocomplete = 'off';
    this.input.placeholder = 'Filter: text, /regex/i, data.user.id == 7';
    this.input.title = 'Press / to focus, Escape to clear. Text (any case), /regex/flags, or a JSON field filter';
    this.input.setAttribute('aria-label', 'Filter records: text, /regular expression/ or a JSON field filter such as data.user.id == 7');
    this.input.setAttribute('aria-describedby', 'filter-error filter-hint match-count');
    this.hint.id = 'filter-hint';
    this.hint.hidden = true;
    this.count.id = 'match-count';
    this.announcer.id = 'match-announcer';
    this.announcer.setAttribute('aria-live', 'polite');
    this.error.id = 'filter-error';
    this.error.setAttribute('role', 'alert');
    this.error.hidden = true;
    const textRow = el('div', 'filter-text');
    textRow.append(this.input, this.count, this.announcer);
    this.element.append(kinds, this.chips, textRow, this.error, this.hint);

    this.input.addEventListener('input', () => {
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => this.changed(), TEXT_DEBOUNCE_MS);
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.clearText();
      } else if (e.key === 'Enter') {
        clearTimeout(this.debounce);
        this.changed();
      }
    });
  }

  /** The query the bar describes. */
  get query(): RecordQuery {
    const kinds = [...this.kindButtons].filter(([, b]) => isPressed(b)).map(([k]) => k);
    const q: RecordQuery = {};
    if (kinds.length < KIND_BUTTONS.length) q.kinds = kinds;
    if (this.selectedTypes.size > 0) q.types = [...this.selectedTypes];
    if (this.input.value.trim() !== '') q.text = this.input.value;
    return q;
  }

  /** True when anything filters. */
  get active(): boolean {
    const q = this.query;
    return q.kinds !== undefined || q.types !== undefined || q.text !== undefined;
  }

  /** Shows a saved query without announcing a change. */
  setQuery(q: RecordQuery): void {
    for (const [k, b] of this.kindButtons) setPressed(b, !q.kinds || q.kinds.length === 0 || q.kinds.includes(k));
    this.selectedTypes.clear();
    for (const t of q.types ?? []) this.selectedTypes.add(t);
    for (const [t, b] of this.chipButtons) setPressed(b, this.selectedTypes.has(t));
    this.input.value = q.text ?? '';
    this.showResult(true, undefined); // the host runs this query, so it compiled
  }

  /** Builds chips for event types seen so far (and keeps the selected ones). */
  setTypes(types: readonly string[]): void {
    const wanted = [...new Set([...types.slice(0, MAX_TYPE_CHIPS), ...this.selectedTypes])];
    if (wanted.length === this.chipButtons.size && wanted.every((t) => this.chipButtons.has(t))) return;
    for (const t of wanted) {
      if (this.chipButtons.has(t)) continue;
      const label = eventTypeLabel(t);
      const chip = toggleButton(label, this.selectedTypes.has(t), {
        className: 'toggle chip',
        // Types narrow the events only: say so, or a user wonders why the lifecycle rows stay.
        title: `Show only "${label}" events (with the other selected types); comments, retry and lifecycle rows stay unless their kind is off`,
      });
      chip.dataset.type = t;
      chip.addEventListener('click', () => {
        if (this.selectedTypes.has(t)) this.selectedTypes.delete(t);
        else this.selectedTypes.add(t);
        setPressed(chip, this.selectedTypes.has(t));
        this.changed();
      });
      this.chipButtons.set(t, chip);
      this.chips.append(chip);
    }
  }

  /** Shows the host's answer: the match count, or the error of a query that did not compile. */
  showResult(ok: boolean, error: string | undefined): void {
    if (!ok) this.announcePending = false; // the alert says why instead
    this.error.hidden = ok;
    this.error.textContent = ok ? '' : error ?? 'Invalid filter';
    this.input.setAttribute('aria-invalid', String(!ok));
    const hint = ok ? filterHint(this.input.value) : undefined;
    this.hint.hidden = hint === undefined;
    this.hint.textContent = hint ?? '';
  }

  /** Updates the count: "1,234 of 5,678 records" when filtered. */
  showCount(list: ListRange): void {
    const filtered = list.filtered;
    const shown = list.end - list.first;
    const scanning = list.scanning ? ' (scanning…)' : '';
    setText(this.count, filtered ? `${formatCount(shown)} of ${formatCount(list.retained)} match${scanning}` : `${formatCount(list.retained)} records`);
    if (this.announcePending && !list.scanning) {
      this.announcePending = false;
      this.announcer.textContent = filtered ? `${formatCount(shown)} of ${formatCount(list.retained)} records match the filter` : `Filter cleared: ${formatCount(list.retained)} records`;
    }
  }

  /** Puts the caret in the text box (`/`). */
  focusInput(): void {
    this.input.focus();
    this.input.select();
  }

  /** Empties the text box (Escape). Returns true when there was something to clear. */
  clearText(): boolean {
    if (this.input.value === '') return false;
    this.input.value = '';
    this.changed();
    return true;
  }

  private toggleKind(group: KindGroup): void {
    const b = this.kindButtons.get(group)!;
    setPressed(b, !isPressed(b));
    // Nothing pressed would show nothing; read it as "show everything" again.
    if ([...this.kindButtons.values()].every((x) => !isPressed(x))) for (const x of this.kindButtons.values()) setPressed(x, true);
    this.changed();
  }

  private changed(): void {
    clearTimeout(this.debounce);
    const length = this.input.value.length;
    if (length > MAX_FILTER_TEXT) {
      // The host refuses it; say so here rather than send it, and keep the last good filter as a bad regex does.
      this.showResult(false, `The filter is too long: ${formatCount(length)} characters, at most ${formatCount(MAX_FILTER_TEXT)}. The last filter stays.`);
      return;
    }
    this.announcePending = true;
    this.onDidChange.fire(this.query);
  }
}

/** Why `query` can match nothing whatever the records are, or '' (type chips choose events, so Events must be on). */
export function contradictionOf(query: RecordQuery): string {
  const eventsOff = query.kinds !== undefined && query.kinds.length > 0 && !query.kinds.includes('event');
  return eventsOff && (query.types?.length ?? 0) > 0 ? 'The type chips choose events, and Events is off.' : '';
}
