import type { StreamRecord } from '../../src/core/records';

/** Wall-clock time with milliseconds, `13:45:07.123`. */
export function formatTime(t: number): string {
  const d = new Date(t);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Time since `origin`, `+12.345 s` (or `+1:02:03.456` past an hour). */
export function formatRelative(t: number, origin: number): string {
  const ms = Math.max(0, t - origin);
  if (ms < 3_600_000) return `+${(ms / 1000).toFixed(3)} s`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return `+${h}:${String(m).padStart(2, '0')}:${s}`;
}

/** A duration for humans: `850 ms`, `3.2 s`, `4 min 10 s`; a negative one (a clock stepped back) reads `0 ms`. */
export function formatDuration(ms: number): string {
  if (Number.isNaN(ms)) return '—';
  ms = Math.max(0, ms);
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The label in the kind/type column (an event's type made visible, see {@link eventTypeLabel}). */
export function kindLabel(r: StreamRecord): string {
  return r.kind === 'event' ? eventTypeLabel(r.type) : r.kind;
}

/**
 * An event type as the badge, chip and detail title show it: control and bidi characters made visible, and spaces at
 * either end shown as VS Code's editor shows whitespace (· and →), so " trade" is not taken for "trade" and a type of
 * spaces is not a blank chip. (Control Pictures such as ␠ are missing from many fonts.)
 */
export function eventTypeLabel(type: string): string {
  if (type === '') return '(empty type)';
  return visibleText(type).replace(/^\s+|\s+$/g, (run) => run.replace(/\s/g, (c) => (c === '\t' ? '\u2192' : '\u00b7')));
}

/** Replaces control characters and bidirectional overrides with visible symbols, so a row cannot reorder or hide text. */
export function visibleText(text: string): string {
  // C0 controls (except tab) → Control Pictures; DEL; C1 controls; bidi embeddings, overrides and isolates → U+FFFD.
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
    .replace(/\u007f/g, '\u2421')
    .replace(/[\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]/g, '\ufffd');
}

/** The first line of what a record carries, for the preview column. */
export function previewText(r: StreamRecord): string {
  let text: string;
  switch (r.kind) {
    case 'event': text = r.data; break;
    case 'comment': text = `:${r.text}`; break;
    case 'retry': text = r.ms === null ? `invalid retry "${r.invalid ?? ''}" ignored` : `reconnection time ${r.ms} ms`; break;
    case 'discarded': text = r.text; break;
    default: text = r.status !== undefined && !r.message.includes(String(r.status)) ? `${r.status} ${r.message}` : r.message;
  }
  const slice = text.length > 400 ? text.slice(0, 400) : text;
  const newline = slice.search(/[\r\n]/);
  const first = newline === -1 ? slice : `${slice.slice(0, newline)} ⏎`;
  return visibleText(first.length > 300 || (newline === -1 && text.length > 400) ? `${first.slice(0, 300)}…` : first);
}

/** Byte count shown in the size column. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** A count with thousands separators (one shared formatter: `toLocaleString` builds one per call). */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

/**
 * The record rebuilt as `text/event-stream` lines from its parsed fields (field order as the spec writes them), for
 * when the lines as received are not available (see `RawLines`).
 */
export function wireLines(r: StreamRecord): string {
  switch (r.kind) {
    case 'event': {
      const lines: string[] = [];
      if (r.type !== 'message') lines.push(`event: ${r.type}`);
      if (r.id !== null) lines.push(`id: ${r.id}`);
      for (const line of r.data.split('\n')) lines.push(`data: ${line}`);
      return lines.join('\n');
    }
    case 'comment': return `:${r.text}`;
    case 'retry': return `retry: ${r.ms ?? r.invalid ?? ''}`;
    case 'discarded': return r.text;
    default: return '';
  }
}

/** Size in bytes a record shows (events: as received; others: their text as UTF-8). */
export function recordSize(r: StreamRecord): number | undefined {
  switch (r.kind) {
    case 'event': return r.bytes;
    case 'comment': case 'discarded': return new TextEncoder().encode(r.text).length;
    default: return r.kind === 'retry' ? undefined : r.bytes;
  }
}

/** Raw lines cut at their line endings: each piece's text and the ending that followed it (none for the last). */
export function rawLineParts(text: string): Array<{ text: string; ending?: '\r\n' | '\r' | '\n' }> {
  const parts: Array<{ text: string; ending?: '\r\n' | '\r' | '\n' }> = [];
  const endings = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = endings.exec(text); m; m = endings.exec(text)) {
    parts.push({ text: text.slice(from, m.index), ending: m[0] as '\r\n' | '\r' | '\n' });
    from = endings.lastIndex;
  }
  if (from < text.length) parts.push({ text: text.slice(from) });
  return parts;
}

/**
 * How a line ending shows in raw lines: as the escapes developers read (dimmed, so they are not taken for data), so
 * CRLF, CR and LF can be told apart. Plain ASCII: control pictures (␍␊) are missing from many fonts.
 */
export const LINE_ENDING_MARKS = { '\r\n': '\\r\\n', '\r': '\\r', '\n': '\\n' } as const;
