import type { RecordKind, StreamRecord } from '../records';
import { compareField, parseFilterText, resolvePath, type TextFilter } from './filterSyntax';

/** Kind groups the filter bar offers; the lifecycle kinds (connecting, open, error…) form one group. */
export type KindGroup = 'event' | 'comment' | 'retry' | 'discarded' | 'lifecycle';

/** Every kind group, in the order the filter bar shows them. */
export const KIND_GROUPS: readonly KindGroup[] = ['event', 'comment', 'retry', 'discarded', 'lifecycle'];

/** What the inspector's filter bar asks for. Empty or absent parts do not filter. */
export interface RecordQuery {
  /** Kind groups to show; absent or empty means all. */
  kinds?: KindGroup[];
  /** Event types to show (other kinds are not affected); absent or empty means all. */
  types?: string[];
  /** The filter box: substring, `/regex/flags` or a field filter (see filterSyntax.ts). */
  text?: string;
}

/** A query ready to run: masks by kind code and a parsed text filter. */
export interface CompiledQuery {
  /** True when the query lets everything through (no need to keep a match list). */
  readonly all: boolean;
  /** `kindAllowed[kindCode]` is 1 when that kind passes. */
  readonly kindAllowed: Uint8Array;
  /** Event types that pass, or null for all. */
  readonly types: ReadonlySet<string> | null;
  readonly text: TextFilter;
}

/** Result of {@link compileQuery}: a runnable query or an error for the filter bar. */
export type CompileResult = { ok: true; query: CompiledQuery } | { ok: false; error: string };

const KIND_CODES: readonly RecordKind[] = ['event', 'comment', 'retry', 'discarded', 'connecting', 'open', 'error', 'reconnect', 'closed', 'poll', 'redirect', 'resume'];
const CODE_BY_KIND = new Map<string, number>(KIND_CODES.map((k, i) => [k, i]));
/** Code used for a kind this build does not know (records from a newer capture): it counts as lifecycle. */
const UNKNOWN_KIND_CODE = KIND_CODES.length;

/** A small integer for a record kind, for the index's kind column. */
export function kindCode(kind: string): number {
  return CODE_BY_KIND.get(kind) ?? UNKNOWN_KIND_CODE;
}

/** The kind group a record kind belongs to. */
export function kindGroupOf(kind: string): KindGroup {
  switch (kind) {
    case 'event': case 'comment': case 'retry': case 'discarded': return kind;
    default: return 'lifecycle';
  }
}

/** Turns the filter bar's query into masks and a parsed text filter; never throws. */
export function compileQuery(query: RecordQuery): CompileResult {
  const parsed = parseFilterText(query.text ?? '');
  if (!parsed.ok) return parsed;
  const groups = new Set(query.kinds && query.kinds.length > 0 ? query.kinds : KIND_GROUPS);
  const kindAllowed = new Uint8Array(UNKNOWN_KIND_CODE + 1);
  for (let code = 0; code <= UNKNOWN_KIND_CODE; code++) kindAllowed[code] = groups.has(kindGroupOf(KIND_CODES[code] ?? 'unknown')) ? 1 : 0;
  const types = query.types && query.types.length > 0 ? new Set(query.types) : null;
  const all = groups.size === KIND_GROUPS.length && types === null && parsed.filter.kind === 'none';
  return { ok: true, query: { all, kindAllowed, types, text: parsed.filter } };
}

/**
 * The text a filter searches in a record: for events the type, id and data; for the others what the list shows.
 * Fields are joined by U+0000 so a needle never matches across two of them.
 */
export function searchableText(r: StreamRecord): string {
  switch (r.kind) {
    case 'event': return `${r.type}\u0000${r.id ?? ''}\u0000${r.data}`;
    case 'comment': return r.text;
    case 'retry': return r.ms === null ? `retry\u0000${r.invalid ?? ''}` : `retry\u0000${r.ms}`;
    case 'discarded': return r.text;
    default: return `${r.kind}\u0000${r.status ?? ''}\u0000${r.message}`;
  }
}

/**
 * True when `regex` matches one of a record's fields on its own (the data, the type or the id of an event; the text
 * of a comment…), so `^` and `$` mean the start and end of the data, type or id, and a match never spans two fields.
 */
export function matchesRegex(r: StreamRecord, regex: RegExp): boolean {
  switch (r.kind) {
    case 'event': return regex.test(r.data) || regex.test(r.type) || (r.id !== null && regex.test(r.id));
    case 'comment': return regex.test(r.text);
    case 'retry': return regex.test('retry') || (r.ms === null ? r.invalid !== undefined && regex.test(r.invalid) : regex.test(String(r.ms)));
    case 'discarded': return regex.test(r.text);
    default: return regex.test(r.kind) || (r.status !== undefined && regex.test(String(r.status))) || regex.test(r.message);
  }
}

/**
 * True when one record passes the text part of a query (kinds and types are checked by the caller): the definition
 * the index's shortcuts must agree with, so a field filter here is JSON.parse and the path, with no shortcut.
 */
export function matchesText(r: StreamRecord, text: TextFilter): boolean {
  switch (text.kind) {
    case 'none': return true;
    case 'substring': return searchableText(r).toLowerCase().includes(text.needle);
    case 'regex': return matchesRegex(r, text.regex);
    case 'field': {
      if (r.kind !== 'event') return false;
      const data = r.data;
      const head = data.trimStart()[0];
      if (head !== '{' && head !== '[') return false;
      let value: unknown;
      try {
        value = JSON.parse(data);
      } catch {
        return false;
      }
      return compareField(resolvePath(value, text.field.path), text.field);
    }
  }
}

/** True when one record passes the whole query. */
export function matchesQuery(r: StreamRecord, q: CompiledQuery): boolean {
  if (q.kindAllowed[kindCode(r.kind)] !== 1) return false;
  if (q.types && r.kind === 'event' && !q.types.has(r.type)) return false;
  return matchesText(r, q.text);
}
