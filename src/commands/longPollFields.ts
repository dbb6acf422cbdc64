// The long-poll options as the Connect command shows and edits them. No `vscode` here, so it is unit-tested in Node.
import type { LongPollOptions } from '../core/options';
import { DEFAULT_POLL_TIMEOUT_MS, resolveLongPollOptions } from '../core/longpoll/longPollOptions';
import { parseJsonPath } from '../core/longpoll/jsonPath';

/** One choice of a choice field. */
export interface FieldChoice {
  label: string;
  detail: string;
  apply(options: LongPollOptions): LongPollOptions;
}

/** An editable long-poll option: a free text (parsed) or a choice. */
export type LongPollField =
  | { id: string; label: string; describe(options: LongPollOptions): string; kind: 'text'; prompt: string; placeholder: string;
      current(options: LongPollOptions): string; parse(text: string, options: LongPollOptions): LongPollOptions | string }
  | { id: string; label: string; describe(options: LongPollOptions): string; kind: 'choice'; choices: FieldChoice[] };

const without = (options: LongPollOptions, ...keys: Array<keyof LongPollOptions>): LongPollOptions => {
  const copy = { ...options };
  for (const key of keys) delete copy[key];
  return copy;
};

const pathOrDefault = (key: 'eventsPath' | 'typeField' | 'idField') => (text: string, options: LongPollOptions): LongPollOptions | string => {
  const trimmed = text.trim();
  if (trimmed === '') return without(options, key);
  try {
    parseJsonPath(trimmed);
  } catch (err) {
    return (err as Error).message;
  }
  return { ...options, [key]: trimmed };
};

/** The fields, in the order the Connect command lists them. */
export const LONG_POLL_FIELDS: readonly LongPollField[] = [
  {
    id: 'format', label: 'Answer format', kind: 'choice',
    describe: (o) => o.format ?? 'auto (by Content-Type)',
    choices: [
      { label: 'auto', detail: 'By Content-Type: event-stream, NDJSON, else JSON', apply: (o) => without(o, 'format') },
      { label: 'json', detail: 'A JSON array, or an object with the events under a path', apply: (o) => ({ ...o, format: 'json' }) },
      { label: 'ndjson', detail: 'One JSON item per line', apply: (o) => ({ ...o, format: 'ndjson' }) },
      { label: 'event-stream', detail: 'A text/event-stream body, read by the SSE parser', apply: (o) => ({ ...o, format: 'event-stream' }) },
    ],
  },
  {
    id: 'eventsPath', label: 'Events path', kind: 'text', prompt: 'Dotted path to the events array in a JSON object (empty: the default)',
    placeholder: 'first array among events, messages, updates, data, result', describe: (o) => o.eventsPath ?? 'events | messages | updates | data | result',
    current: (o) => o.eventsPath ?? '', parse: pathOrDefault('eventsPath'),
  },
  {
    id: 'typeField', label: 'Type field', kind: 'text', prompt: "Field of an item that holds its event type (empty: 'type', then 'event')",
    placeholder: 'type', describe: (o) => o.typeField ?? 'type, then event', current: (o) => o.typeField ?? '', parse: pathOrDefault('typeField'),
  },
  {
    id: 'idField', label: 'Id field', kind: 'text', prompt: "Field of an item that holds its id (empty: 'id')",
    placeholder: 'id', describe: (o) => o.idField ?? 'id', current: (o) => o.idField ?? '', parse: pathOrDefault('idField'),
  },
  {
    id: 'cursorFrom', label: 'Cursor from', kind: 'choice',
    describe: (o) => {
      const r = resolveLongPollOptions(o);
      return r.cursorFrom === 'body' ? `body path ${r.cursorPath}` : r.cursorFrom === 'header' ? `header ${r.cursorHeader}` : 'the last event id';
    },
    choices: [
      { label: 'the last event id', detail: 'The id of the last event of each answer', apply: (o) => without(o, 'cursorFrom', 'cursorPath', 'cursorHeader') },
      { label: 'a JSON path in the body…', detail: 'For example meta.next_cursor', apply: (o) => ({ ...without(o, 'cursorHeader'), cursorFrom: 'body' }) },
      { label: 'a response header…', detail: "Consul's X-Consul-Index style", apply: (o) => ({ ...without(o, 'cursorPath'), cursorFrom: 'header' }) },
    ],
  },
  {
    id: 'cursorStyle', label: 'Cursor style', kind: 'choice',
    describe: (o) => (o.cursorStyle === 'offset' ? 'offset: last id + 1' : 'as read'),
    choices: [
      { label: 'as read', detail: 'Send the cursor as the answer gave it', apply: (o) => without(o, 'cursorStyle') },
      { label: 'offset: last id + 1', detail: "Telegram's getUpdates: ask for the first update not yet seen", apply: (o) => ({ ...o, cursorStyle: 'offset' }) },
    ],
  },
  {
    id: 'cursorParam', label: 'Cursor query parameter', kind: 'text', prompt: 'Query parameter that carries the cursor (empty: none)',
    placeholder: 'cursor', describe: (o) => (o.cursorParam === '' ? '(none)' : o.cursorParam ?? 'cursor'), current: (o) => o.cursorParam ?? 'cursor',
    parse: (text, o) => (/[&=#\s]/.test(text.trim()) ? 'a parameter name has no spaces, &, = or #' : { ...o, cursorParam: text.trim() }),
  },
  {
    id: 'cursorSendHeader', label: 'Cursor request header', kind: 'text', prompt: 'Request header that also carries the cursor (empty: none)',
    placeholder: 'X-Cursor', describe: (o) => o.cursorSendHeader ?? '(none)', current: (o) => o.cursorSendHeader ?? '',
    parse: (text, o) => headerName(text, o, 'cursorSendHeader'),
  },
  {
    id: 'sendLastEventId', label: 'Cursor as Last-Event-ID', kind: 'choice',
    describe: (o) => (o.sendLastEventId === false ? 'no' : 'yes'),
    choices: [
      { label: 'yes', detail: 'Also send the cursor as Last-Event-ID', apply: (o) => without(o, 'sendLastEventId') },
      { label: 'no', detail: 'Send it only as the query parameter or header', apply: (o) => ({ ...o, sendLastEventId: false }) },
    ],
  },
  {
    id: 'initialCursor', label: 'Initial cursor', kind: 'text', prompt: 'Cursor of the first poll (empty: none, the URL as written)',
    placeholder: '0', describe: (o) => o.initialCursor ?? '(none)', current: (o) => o.initialCursor ?? '',
    parse: (text, o) => (text.trim() === '' ? without(o, 'initialCursor') : { ...o, initialCursor: text.trim() }),
  },
  {
    id: 'timeoutMs', label: 'Client timeout', kind: 'text', prompt: "Seconds to wait for one poll's answer; longer than the server's hold",
    placeholder: String(DEFAULT_POLL_TIMEOUT_MS / 1000), describe: (o) => `${(o.timeoutMs ?? DEFAULT_POLL_TIMEOUT_MS) / 1000} s`,
    current: (o) => String((o.timeoutMs ?? DEFAULT_POLL_TIMEOUT_MS) / 1000),
    parse: (text, o) => {
      const n = Number(text.trim());
      return Number.isFinite(n) && n > 0 ? { ...o, timeoutMs: Math.round(n * 1000) } : 'enter a positive number of seconds';
    },
  },
];

/** The follow-up text field a cursor source needs (its path or header), or undefined. */
export function cursorSourceField(options: LongPollOptions): Extract<LongPollField, { kind: 'text' }> | undefined {
  if (options.cursorFrom === 'body') {
    return {
      id: 'cursorPath', label: 'Cursor path', kind: 'text', prompt: 'JSON path of the cursor in the body', placeholder: 'meta.next_cursor',
      describe: (o) => o.cursorPath ?? '', current: (o) => o.cursorPath ?? '',
      parse: (text, o) => {
        try {
          parseJsonPath(text);
        } catch (err) {
          return (err as Error).message;
        }
        return { ...o, cursorPath: text.trim() };
      },
    };
  }
  if (options.cursorFrom === 'header') {
    return {
      id: 'cursorHeader', label: 'Cursor header', kind: 'text', prompt: 'Response header that carries the cursor', placeholder: 'X-Consul-Index',
      describe: (o) => o.cursorHeader ?? '', current: (o) => o.cursorHeader ?? '',
      parse: (text, o) => (text.trim() === '' ? 'enter a header name' : headerName(text, o, 'cursorHeader')),
    };
  }
  return undefined;
}

/** One line that sums up the options, for the Connect item. */
export function summarizeLongPollOptions(options: LongPollOptions): string {
  const r = resolveLongPollOptions(options);
  const from = r.cursorFrom === 'body' ? `body ${r.cursorPath}` : r.cursorFrom === 'header' ? `header ${r.cursorHeader}` : r.cursorStyle === 'offset' ? 'last id + 1' : 'last id';
  const sent = [r.cursorParam ? `?${r.cursorParam}=` : '', r.cursorSendHeader ?? '', r.sendLastEventId ? 'Last-Event-ID' : ''].filter(Boolean).join(', ') || 'not sent';
  return `cursor from ${from} → ${sent}; ${r.format}; timeout ${r.timeoutMs / 1000} s`;
}

function headerName(text: string, o: LongPollOptions, key: 'cursorSendHeader' | 'cursorHeader'): LongPollOptions | string {
  const name = text.trim();
  if (name === '') return without(o, key);
  return /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) ? { ...o, [key]: name } : `"${name}" is not a valid header name`;
}
