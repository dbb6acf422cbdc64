import type { RateSnapshot, StatsSnapshot } from '../../src/shared/protocol';
import { el, setText } from './dom';
import { formatBytes, formatCount, formatDuration, visibleText } from './format';

const SVG = 'http://www.w3.org/2000/svg';
const SPARK_WIDTH = 90;
const SPARK_HEIGHT = 16;

/**
 * The stats strip: events, bytes, rate now and a 60 s sparkline, time to first event, attempts, reconnects, the
 * last-event-id and, once the cap bites, the dropped count. Each figure is a labelled item, so it reads well aloud.
 */
export class StatsStrip {
  readonly element = el('div', 'stats');
  private readonly items = new Map<string, HTMLElement>();
  private readonly spark = document.createElementNS(SVG, 'svg');
  private readonly line = document.createElementNS(SVG, 'polyline');

  constructor() {
    this.element.id = 'stats';
    // A labelled group, not a live region: its figures change with every update (30 a second), and a screen reader
    // would read them out each time. They are there to be read when the user goes to them.
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', 'Connection statistics');
    this.spark.setAttribute('class', 'sparkline');
    this.spark.setAttribute('viewBox', `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`);
    this.spark.setAttribute('width', String(SPARK_WIDTH));
    this.spark.setAttribute('height', String(SPARK_HEIGHT));
    this.spark.setAttribute('aria-hidden', 'true');
    this.spark.setAttribute('preserveAspectRatio', 'none');
    this.spark.append(this.line);
    for (const key of ['events', 'bytes', 'rate', 'first', 'attempts', 'reconnects', 'lastid', 'dropped']) {
      const item = el('span', `stat stat-${key}`);
      item.dataset.stat = key;
      this.items.set(key, item);
      this.element.append(item);
      if (key === 'rate') this.element.append(this.spark);
    }
  }

  /** Shows the host's counters (about 30 times a second at most). */
  show(s: StatsSnapshot, rate: RateSnapshot): void {
    this.set('events', 'Events', formatCount(s.events));
    // Event data only (what the events carry); the lifecycle rows count the whole body, field names and comments too.
    this.set('bytes', 'Event data', formatBytes(s.bytes));
    this.set('rate', 'Rate', `${formatCount(rate.now)}/s`);
    this.set('first', 'First event after', s.firstEventAt !== undefined ? formatDuration(s.firstEventAt - s.startedAt) : '—');
    this.set('attempts', 'Attempts', formatCount(s.attempts));
    // Once a reconnect failed (a refused connection), the count says how many got through; one still waiting for
    // its retry delay has not failed, so it does not make the count read as a failure.
    const failed = s.failedReconnects ?? 0;
    this.set('reconnects', 'Reconnects', failed === 0 ? formatCount(s.reconnects) : `${formatCount(s.reconnected ?? 0)} of ${formatCount(s.reconnects)} tried`);
    this.set('lastid', 'Last-Event-ID', s.lastEventId || '(none)');
    this.set('dropped', 'Dropped', formatCount(s.dropped));
    this.items.get('dropped')!.hidden = s.dropped === 0;
    this.items.get('dropped')!.classList.toggle('warn', s.dropped > 0);
    this.drawSparkline(rate.perSecond);
  }

  private set(key: string, label: string, value: string): void {
    const item = this.items.get(key)!;
    let valueNode = item.lastElementChild;
    if (!valueNode) {
      valueNode = el('span', 'stat-value');
      item.append(el('span', 'stat-label', `${label} `), valueNode);
    }
    // Only the value's text changes, 30 times a second under load: no new elements. Visible marks for control and
    // bidi characters: the Last-Event-ID is the server's text.
    setText(valueNode as HTMLElement, visibleText(value));
  }

  private drawSparkline(perSecond: readonly number[]): void {
    const max = Math.max(1, ...perSecond);
    const n = perSecond.length;
    const points = perSecond.map((v, i) => `${n > 1 ? ((i / (n - 1)) * SPARK_WIDTH).toFixed(1) : 0},${(SPARK_HEIGHT - 1 - (v / max) * (SPARK_HEIGHT - 2)).toFixed(1)}`).join(' ');
    if (this.line.getAttribute('points') === points) return; // the per-second counts change once a second
    this.line.setAttribute('points', points);
    this.spark.setAttribute('data-max', String(max));
    this.items.get('rate')!.title = `Events per second over the last minute (peak ${formatCount(max)}/s)`;
  }
}
