import type { StreamRecord } from '../core/records';

/**
 * A copy of `r` whose long texts are cut to `maxChars`, for list rows and the saved tail: a 1 MB event must not
 * travel whole through postMessage 30 times a second. The detail pane asks for the whole record.
 */
export function previewRecord(r: StreamRecord, maxChars: number): StreamRecord {
  switch (r.kind) {
    case 'event':
      return r.data.length > maxChars ? { ...r, data: r.data.slice(0, maxChars) } : r;
    case 'comment':
    case 'discarded':
      return r.text.length > maxChars ? { ...r, text: r.text.slice(0, maxChars) } : r;
    default:
      return r;
  }
}

/** The text a record carries: event data, comment or discarded text, a lifecycle message. */
export function recordText(r: StreamRecord): string {
  switch (r.kind) {
    case 'event': return r.data;
    case 'comment': case 'discarded': return r.text;
    case 'retry': return r.ms === null ? r.invalid ?? '' : String(r.ms);
    default: return r.message;
  }
}

/** `text` pretty-printed when it is JSON, with the language to open it as. */
export function documentFor(text: string): { content: string; language: 'json' | 'plaintext' } {
  const head = text.trimStart()[0];
  if (head === '{' || head === '[') {
    try {
      return { content: JSON.stringify(JSON.parse(text), null, 2), language: 'json' };
    } catch {
      // not JSON after all
    }
  }
  return { content: text, language: 'plaintext' };
}
