import type { LongPollFormat, LongPollOptions } from '../options';
import { parseJsonPath } from './jsonPath';

/** Default client-side timeout of one poll: longer than the 30 s hold most servers use. */
export const DEFAULT_POLL_TIMEOUT_MS = 35_000;
/** Default query parameter that carries the cursor. */
export const DEFAULT_CURSOR_PARAM = 'cursor';
/** Default least time between polls after an empty answer. */
export const DEFAULT_MIN_INTERVAL_MS = 250;
/** Default largest answer accepted. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

const FORMATS: readonly LongPollFormat[] = ['auto', 'json', 'ndjson', 'event-stream'];

/** Long-poll options with every default filled in. */
export interface ResolvedLongPollOptions {
  timeoutMs: number;
  format: LongPollFormat;
  eventsPath?: string;
  typeField?: string;
  idField?: string;
  cursorFrom: 'last-id' | 'body' | 'header';
  cursorPath?: string;
  cursorHeader?: string;
  cursorStyle: 'id' | 'offset';
  cursorParam: string;
  cursorSendHeader?: string;
  sendLastEventId: boolean;
  initialCursor?: string;
  minIntervalMs: number;
  maxBodyBytes: number;
}

/** What is wrong with `options`, naming the field, or undefined when they are usable. */
export function checkLongPollOptions(options: LongPollOptions): string | undefined {
  const positive = (name: string, value: number | undefined): string | undefined =>
    value !== undefined && !(Number.isFinite(value) && value > 0) ? `longPoll.${name} must be a positive number, not ${value}` : undefined;
  const problem = positive('timeoutMs', options.timeoutMs) ?? positive('maxBodyBytes', options.maxBodyBytes);
  if (problem) return problem;
  if (options.minIntervalMs !== undefined && !(Number.isFinite(options.minIntervalMs) && options.minIntervalMs >= 0)) {
    return `longPoll.minIntervalMs must be 0 or more, not ${options.minIntervalMs}`;
  }
  if (options.format !== undefined && !FORMATS.includes(options.format)) return `longPoll.format must be one of ${FORMATS.join(', ')}, not "${options.format}"`;
  if (options.cursorFrom !== undefined && !['last-id', 'body', 'header'].includes(options.cursorFrom)) return `longPoll.cursorFrom must be last-id, body or header, not "${options.cursorFrom}"`;
  if (options.cursorStyle !== undefined && !['id', 'offset'].includes(options.cursorStyle)) return `longPoll.cursorStyle must be id or offset, not "${options.cursorStyle}"`;
  const resolved = resolveLongPollOptions(options);
  if (resolved.cursorFrom === 'body' && !resolved.cursorPath) return 'longPoll.cursorPath is needed when the cursor comes from the body';
  if (resolved.cursorFrom === 'header' && !resolved.cursorHeader) return 'longPoll.cursorHeader is needed when the cursor comes from a header';
  for (const name of ['eventsPath', 'cursorPath', 'typeField', 'idField'] as const) {
    const path = options[name];
    if (path === undefined || path === '') continue;
    try {
      parseJsonPath(path);
    } catch (err) {
      return `longPoll.${name}: ${(err as Error).message}`;
    }
  }
  return undefined;
}

/**
 * Fills in the defaults. A cursor path or header without `cursorFrom` means the cursor comes from there.
 */
export function resolveLongPollOptions(options: LongPollOptions = {}): ResolvedLongPollOptions {
  const cursorFrom = options.cursorFrom ?? (options.cursorPath ? 'body' : options.cursorHeader ? 'header' : 'last-id');
  return {
    timeoutMs: options.timeoutMs ?? DEFAULT_POLL_TIMEOUT_MS,
    format: options.format ?? 'auto',
    ...(options.eventsPath ? { eventsPath: options.eventsPath } : {}),
    ...(options.typeField ? { typeField: options.typeField } : {}),
    ...(options.idField ? { idField: options.idField } : {}),
    cursorFrom,
    ...(options.cursorPath ? { cursorPath: options.cursorPath } : {}),
    ...(options.cursorHeader ? { cursorHeader: options.cursorHeader } : {}),
    cursorStyle: options.cursorStyle ?? 'id',
    cursorParam: options.cursorParam ?? DEFAULT_CURSOR_PARAM,
    ...(options.cursorSendHeader ? { cursorSendHeader: options.cursorSendHeader } : {}),
    sendLastEventId: options.sendLastEventId ?? true,
    ...(options.initialCursor !== undefined ? { initialCursor: options.initialCursor } : {}),
    minIntervalMs: options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };
}
