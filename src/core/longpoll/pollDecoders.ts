import type { LongPollFormat } from '../options';
import { createEventStreamParser } from '../sse/eventStreamParser';
import { isEventStreamContentType } from '../sse/mediaType';
import { readJsonPath } from './jsonPath';
import { toPollItem, type ItemFields, type PollItem } from './pollItems';

/** What one answer held, in order: events, and for `text/event-stream` bodies also comments, retries, discarded blocks. */
export type PollEntry =
  | ({ kind: 'event' } & PollItem)
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; ms: number | null; invalid?: string }
  | { kind: 'discarded'; text: string };

/** Which decoder read an answer. */
export type DecodedFormat = 'empty' | 'json-array' | 'json-object' | 'ndjson' | 'event-stream';

/** A decoded answer. */
export interface DecodedPoll {
  format: DecodedFormat;
  entries: PollEntry[];
  /** The parsed JSON document (JSON answers only), for a cursor read from the body. */
  json?: unknown;
  /** Where the events were found in a JSON object. */
  eventsPath?: string;
}

/** Why an answer could not be decoded. */
export type PollDecodeErrorType = 'not-json' | 'html-page' | 'wrong-shape' | 'bad-ndjson-line';

/** An answer that does not decode; the message says what was expected and what came. */
export class PollDecodeError extends Error {
  constructor(message: string, readonly type: PollDecodeErrorType) {
    super(message);
    this.name = 'PollDecodeError';
  }
}

/** Options of {@link decodePollBody}. */
export interface DecodeOptions extends ItemFields {
  format?: LongPollFormat;
  eventsPath?: string;
}

/** Arrays looked for, in this order, in a JSON object answer when no events path is set. */
export const DEFAULT_EVENTS_KEYS: readonly string[] = ['events', 'messages', 'updates', 'data', 'result'];

/** Content types read as NDJSON (one JSON item per line). */
export const NDJSON_TYPES: readonly string[] = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines', 'application/json-seq'];

/**
 * Decodes one complete long-poll answer. An empty body (or only whitespace) is an empty answer. Throws a
 * {@link PollDecodeError} for HTML pages, bodies that are not JSON, and JSON of the wrong shape.
 */
export function decodePollBody(body: Buffer, contentType: string | undefined, options: DecodeOptions = {}): DecodedPoll {
  const format = options.format ?? 'auto';
  const essence = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (format === 'event-stream' || (format === 'auto' && isEventStreamContentType(contentType))) return decodeEventStream(body);
  const text = stripBom(body.toString('utf8'));
  if (text.trim() === '') return { format: 'empty', entries: [] };
  if (essence === 'text/html' || /^\s*</.test(text)) {
    throw new PollDecodeError(`the server answered an HTML page (content-type ${contentType ?? '(none)'}), not ${format === 'auto' ? 'JSON' : format}; often an error page from a proxy or a login redirect`, 'html-page');
  }
  if (format === 'ndjson' || (format === 'auto' && NDJSON_TYPES.includes(essence))) return decodeNdjson(text, options);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    // Servers often send NDJSON as application/json; several lines that each parse are read as NDJSON.
    if (format === 'auto' && looksLikeNdjson(text)) return decodeNdjson(text, options);
    throw new PollDecodeError(`the answer is not JSON (${(err as Error).message})`, 'not-json');
  }
  return decodeJsonDocument(json, options);
}

/**
 * True when an answer with this content type is decoded line by line (NDJSON, by its Content-Type or the chosen
 * `ndjson` format), so its lines can be decoded as they arrive. Mirrors the choice {@link decodePollBody} makes; an
 * HTML page (`text/html`) and JSON sent as `application/json` (NDJSON only if several lines each parse) are read whole.
 */
export function decodesLineByLine(contentType: string | undefined, format: LongPollFormat = 'auto'): boolean {
  const essence = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (format === 'ndjson') return essence !== 'text/html';
  return format === 'auto' && NDJSON_TYPES.includes(essence);
}

function decodeJsonDocument(json: unknown, options: DecodeOptions): DecodedPoll {
  if (Array.isArray(json)) return { format: 'json-array', entries: itemsToEntries(json, options), json };
  if (json === null || typeof json !== 'object') {
    throw new PollDecodeError(`expected a JSON array or object of events, got ${json === null ? 'null' : typeof json}`, 'wrong-shape');
  }
  const keys = Object.keys(json).slice(0, 12).join(', ') || '(none)';
  if (options.eventsPath) {
    const found = readJsonPath(json, options.eventsPath);
    if (!Array.isArray(found)) {
      throw new PollDecodeError(`no array at events path "${options.eventsPath}" (found ${found === undefined ? 'nothing' : typeof found}); the object's keys: ${keys}`, 'wrong-shape');
    }
    return { format: 'json-object', entries: itemsToEntries(found, options), json, eventsPath: options.eventsPath };
  }
  for (const key of DEFAULT_EVENTS_KEYS) {
    const found = (json as Record<string, unknown>)[key];
    if (Array.isArray(found)) return { format: 'json-object', entries: itemsToEntries(found, options), json, eventsPath: key };
  }
  throw new PollDecodeError(`a JSON object with no events array: looked for ${DEFAULT_EVENTS_KEYS.join(', ')} (set the events path); the object's keys: ${keys}`, 'wrong-shape');
}

function itemsToEntries(items: unknown[], fields: ItemFields): PollEntry[] {
  return items.map((item) => ({ kind: 'event' as const, ...toPollItem(item, JSON.stringify(item) ?? 'null', fields) }));
}

function decodeNdjson(text: string, fields: ItemFields): DecodedPoll {
  const entries: PollEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (err) {
      throw new PollDecodeError(`NDJSON line ${i + 1} is not JSON (${(err as Error).message}): ${JSON.stringify(line.slice(0, 80))}`, 'bad-ndjson-line');
    }
    entries.push({ kind: 'event', ...toPollItem(item, line, fields) }); // data = the line as received
  }
  return { format: 'ndjson', entries };
}

function looksLikeNdjson(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  return lines.every((l) => {
    try {
      JSON.parse(l);
      return true;
    } catch {
      return false;
    }
  });
}

/** A `text/event-stream` answer, read by the same parser as SSE connections (one response, fresh parser state). */
function decodeEventStream(body: Buffer): DecodedPoll {
  const entries: PollEntry[] = [];
  const parser = createEventStreamParser({
    onEvent: (e) => entries.push({ kind: 'event', type: e.type, id: e.id, data: e.data, bytes: e.bytes }),
    onComment: (text) => entries.push({ kind: 'comment', text }),
    onRetry: (ms, invalid) => entries.push(ms === null ? { kind: 'retry', ms: null, invalid: invalid ?? '' } : { kind: 'retry', ms }),
    onDiscarded: (text) => entries.push({ kind: 'discarded', text }),
  });
  parser.feed(body);
  parser.end();
  return { format: 'event-stream', entries };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
