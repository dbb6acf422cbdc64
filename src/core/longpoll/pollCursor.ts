import type * as http from 'node:http';
import { readJsonPath } from './jsonPath';
import { idText } from './pollItems';
import type { ResolvedLongPollOptions } from './longPollOptions';

/** The cursor after one answer, and how it was found. */
export interface CursorStep {
  /** The cursor for the next poll (unchanged when the answer gave none). */
  cursor: string | undefined;
  /** True when the answer moved the cursor. */
  changed: boolean;
  /** True when both cursors are integers and the new one is smaller: the server went back. */
  backwards: boolean;
  /** Why the answer gave no cursor, when it should have (a missing path or header, a non-integer offset id). */
  problem?: string;
}

type CursorConfig = Pick<ResolvedLongPollOptions, 'cursorFrom' | 'cursorPath' | 'cursorHeader' | 'cursorStyle'>;

/** What an answer offers for the cursor. */
export interface CursorSources {
  /** Id of the last event that had one. */
  lastId: string | null;
  /** The parsed JSON body, if the answer was JSON. */
  json?: unknown;
  headers: http.IncomingHttpHeaders;
}

/**
 * The cursor of the first poll: `initialCursor` when given; else, for cursors taken from ids, the initial
 * last-event-id (plus one in offset style, since an offset names the first update wanted, not the last one seen).
 */
export function initialCursor(config: CursorConfig & { initialCursor?: string }, lastEventId: string | undefined): string | undefined {
  if (config.initialCursor !== undefined) return config.initialCursor;
  if (config.cursorFrom !== 'last-id' || !lastEventId) return undefined;
  return config.cursorStyle === 'offset' ? offsetAfter(lastEventId) ?? lastEventId : lastEventId;
}

/** Computes the next cursor from an answer. */
export function nextCursor(previous: string | undefined, answer: CursorSources, config: CursorConfig): CursorStep {
  let found: string | null = null;
  let problem: string | undefined;
  switch (config.cursorFrom) {
    case 'last-id':
      if (answer.lastId !== null) {
        if (config.cursorStyle === 'offset') {
          found = offsetAfter(answer.lastId);
          if (found === null) problem = `offset cursors need integer ids; "${answer.lastId}" is not one`;
        } else found = answer.lastId;
      }
      break;
    case 'body':
      found = answer.json === undefined ? null : idText(readJsonPath(answer.json, config.cursorPath ?? ''));
      if (found === null) problem = answer.json === undefined ? `the answer is not JSON, so it has no cursor at ${config.cursorPath}` : `no string or number at cursor path ${config.cursorPath}`;
      break;
    case 'header': {
      const value = answer.headers[(config.cursorHeader ?? '').toLowerCase()];
      found = Array.isArray(value) ? value[0] ?? null : value ?? null;
      if (found === null) problem = `no ${config.cursorHeader} header in the answer`;
      break;
    }
  }
  if (found === null) return { cursor: previous, changed: false, backwards: false, ...(problem ? { problem } : {}) };
  return { cursor: found, changed: found !== previous, backwards: isBackwards(previous, found) };
}

/** Puts the cursor into a poll's URL and headers. */
export function applyCursor(url: URL, headers: Record<string, string>, cursor: string | undefined, config: Pick<ResolvedLongPollOptions, 'cursorParam' | 'cursorSendHeader' | 'sendLastEventId'>): void {
  // Without a cursor the URL stays as the user wrote it, so `?since=all` can be the first poll's cursor.
  if (cursor === undefined) return;
  if (config.cursorParam) url.searchParams.set(config.cursorParam, cursor);
  if (config.cursorSendHeader) headers[config.cursorSendHeader] = cursor;
  if (config.sendLastEventId) headers['Last-Event-ID'] = cursor;
}

const INTEGER = /^-?\d+$/;

/** `id + 1` for an integer id (any size), else null. */
export function offsetAfter(id: string): string | null {
  return INTEGER.test(id) ? (BigInt(id) + 1n).toString() : null;
}

function isBackwards(previous: string | undefined, next: string): boolean {
  return previous !== undefined && INTEGER.test(previous) && INTEGER.test(next) && BigInt(next) < BigInt(previous);
}
