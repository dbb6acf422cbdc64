import { readJsonPath } from './jsonPath';

/** One event taken from a long-poll answer, before it becomes an `event` record. */
export interface PollItem {
  type: string;
  /** The item's id as text, or null when it has none (or one that is not a string or number). */
  id: string | null;
  /** The item's JSON text (NDJSON: the line as received). */
  data: string;
  /** UTF-8 size of `data`. */
  bytes: number;
}

/** Which fields of an item name its type and id (field names or dotted paths). */
export interface ItemFields {
  /** Type field; when unset, `type` then `event` are tried. */
  typeField?: string;
  /** Id field; `id` when unset. */
  idField?: string;
}

/** Fields tried, in order, for the event type when none is configured. */
export const DEFAULT_TYPE_FIELDS: readonly string[] = ['type', 'event'];
/** Id field when none is configured. */
export const DEFAULT_ID_FIELD = 'id';

/**
 * Maps one decoded item to an event: type from the configured field (default `type`, then `event`; `message`, the
 * SSE default, when none holds a non-empty string), id from the id field (strings as they are, numbers as decimal
 * text), data = `text`, the item's JSON.
 */
export function toPollItem(item: unknown, text: string, fields: ItemFields): PollItem {
  const typeFields = fields.typeField ? [fields.typeField] : DEFAULT_TYPE_FIELDS;
  let type = 'message';
  for (const field of typeFields) {
    const value = readJsonPath(item, field);
    if (typeof value === 'string' && value !== '') {
      type = value;
      break;
    }
  }
  return { type, id: idText(readJsonPath(item, fields.idField || DEFAULT_ID_FIELD)), data: text, bytes: Buffer.byteLength(text) };
}

/** An id value as text: strings as they are, finite numbers in decimal; anything else is no id. */
export function idText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return null;
}
