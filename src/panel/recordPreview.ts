import type { StreamRecord } from '../core/records';
import { prettyJson } from '../shared/json/prettyJson';

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

/**
 * `text` re-indented when it is a JSON object or array, with the language to open it as. Only whitespace changes:
 * the editor shows the numbers, strings, key order and repeated keys the server sent (JSON.parse would round
 * 12345678901234567890, turn 1.10 into 1.1 and keep one of two equal keys).
 */
export function documentFor(text: string): { content: string; language: 'json' | 'plaintext' } {
  const head = /^[ \t\n\r]*([{[])/.exec(text);
  const pretty = head ? prettyJson(text) : undefined;
  return pretty !== undefined ? { content: pretty, language: 'json' } : { content: text, language: 'plaintext' };
}
