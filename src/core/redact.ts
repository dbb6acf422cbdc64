/** Header names whose values are always masked in logs, records and exports. */
export const SECRET_HEADER_NAMES: readonly string[] = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key'];

/** The mask shown instead of a secret value. */
export const REDACTED = '«redacted»';

/**
 * Returns a copy of `headers` with secret values masked: well-known credential headers, and any value that contains
 * one of `secretValues` (for example a resolved `${secret:NAME}`).
 */
export function redactHeaders(headers: Record<string, string>, secretValues: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADER_NAMES.includes(name.toLowerCase()) ? maskCredential(value) : redactText(value, secretValues);
  }
  return out;
}

/** Masks a credential but keeps its scheme (`Bearer «redacted»`) so users can still see which kind was sent. */
function maskCredential(value: string): string {
  const scheme = /^(Bearer|Basic|Digest|Token)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

/** The password of a URL's userinfo (`scheme://user:password@host`): a credential, like an Authorization header. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)[^\s/?#@]+@/gi;

/** Replaces every occurrence of each secret value in `text`, and every password in a URL, with the mask. */
export function redactText(text: string, secretValues: readonly string[]): string {
  let out = text.includes('@') ? text.replace(URL_PASSWORD, `$1${REDACTED}@`) : text;
  for (const secret of secretValues) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}

/**
 * How many bytes of a body to read for a preview of `maxBytes`: as many more as the longest secret, so that
 * {@link redactedPreview} can tell whether the preview ends inside one.
 */
export function previewReadBytes(maxBytes: number, secretValues: readonly string[]): number {
  return maxBytes + Math.max(0, ...secretValues.map((s) => Buffer.byteLength(s)));
}

/**
 * The first `maxBytes` of a body as text, secrets masked — including one that the end of the preview cuts in two:
 * the bytes after `maxBytes` (read {@link previewReadBytes} of them) show it, and the start of it that falls inside
 * the preview is masked as well (the preview then ends with the mask).
 */
export function redactedPreview(body: Uint8Array, maxBytes: number, secretValues: readonly string[]): string {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const head = bytes.subarray(0, maxBytes).toString('utf8');
  if (bytes.length <= maxBytes) return redactText(head, secretValues);
  const wider = bytes.subarray(0, previewReadBytes(maxBytes, secretValues)).toString('utf8');
  let cut = head.length;
  for (const secret of secretValues) {
    if (secret.length < 4) continue;
    // The last character of `head` may be a cut character (U+FFFD) that `wider` has whole: start one earlier.
    for (let i = wider.indexOf(secret, Math.max(0, head.length - secret.length - 1)); i !== -1 && i < head.length; i = wider.indexOf(secret, i + 1)) {
      if (i + secret.length > head.length) {
        cut = Math.min(cut, i);
        break;
      }
    }
  }
  return cut < head.length ? `${redactText(head.slice(0, cut), secretValues)}${REDACTED}` : redactText(head, secretValues);
}
