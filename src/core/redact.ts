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
