/**
 * A small dotted path into parsed JSON: `result`, `data.items`, `meta.next.0`, optionally led by `$.` as users copy
 * it from JSONPath tools. Numeric segments index arrays. Deliberately no wildcards or filters: a cursor or an events
 * array sits at one fixed place.
 */

/** Splits a path into segments, or throws when it is empty or malformed. */
export function parseJsonPath(path: string): string[] {
  const text = path.trim().replace(/^\$\.?/, '');
  if (text === '') throw new Error(`"${path}" is not a JSON path; write field names separated by dots, like data.items`);
  const segments = text.split('.');
  if (segments.some((s) => s === '')) throw new Error(`"${path}" has an empty segment; write field names separated by single dots`);
  return segments;
}

/** The value at `path` in `value`, or undefined when any step is missing. */
export function readJsonPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const segment of parseJsonPath(path)) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (current !== null && typeof current === 'object' && Object.hasOwn(current, segment)) current = (current as Record<string, unknown>)[segment];
    else return undefined;
  }
  return current;
}
