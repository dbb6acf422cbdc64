/** How many characters of an unexpected body an error message quotes (the record's `bodyPreview` keeps more). */
const QUOTED_CHARS = 120;

/**
 * The start of an unexpected response body as a clause of an error message: `body starts: <text>`, the text as the
 * server sent it — not JSON-escaped, so a JSON error body reads as JSON (the message is escaped once, where it is
 * stored as JSON) — on one line (runs of white space, line breaks included, become one space; other control
 * characters are shown as `\xNN`), cut at 120 characters with `…`. `empty body` when there is nothing to show.
 */
export function describeBodyStart(preview: string): string {
  const text = preview
    .replace(/\s+/g, ' ')
    .replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .trim();
  if (text === '') return 'empty body';
  const chars = Array.from(text); // by code point: a cut never splits a surrogate pair
  return `body starts: ${chars.length > QUOTED_CHARS ? `${chars.slice(0, QUOTED_CHARS).join('')}…` : text}`;
}
