import type { StreamRecord } from '../../src/core/records';

/** Wall-clock time with milliseconds, `13:45:07.123`. */
export function formatTime(t: number): string {
  const d = new Date(t);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The label in the kind/type column. */
export function kindLabel(r: StreamRecord): string {
  return r.kind === 'event' ? r.type : r.kind;
}

/** The first line of what a record carries, for the preview column. */
export function previewText(r: StreamRecord): string {
  let text: string;
  switch (r.kind) {
    case 'event': text = r.data; break;
    case 'comment': text = `:${r.text}`; break;
    case 'retry': text = r.ms === null ? `invalid retry "${r.invalid ?? ''}" ignored` : `reconnection time ${r.ms} ms`; break;
    case 'discarded': text = r.text; break;
    default: text = r.message;
  }
  const newline = text.search(/[\r\n]/);
  const first = newline === -1 ? text : `${text.slice(0, newline)} ⏎`;
  return first.length > 300 ? `${first.slice(0, 300)}…` : first;
}

/** Byte count shown in the size column. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
