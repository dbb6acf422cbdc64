// Shared by the host and the webview bundle (the detail pane masks headers too): no Node or DOM APIs here.

/** The mask shown instead of a secret value. */
export const REDACTED = '«redacted»';

/** Words that make a header or query parameter name a credential on their own (compared in lower case). */
const SECRET_WORDS: ReadonlySet<string> = new Set([
  'token', 'secret', 'password', 'passwd', 'pwd', 'passphrase', 'apikey', 'auth', 'authorization', 'authentication',
  'session', 'sessionid', 'jsessionid', 'phpsessid', 'sessid', 'cookie', 'credential', 'credentials', 'signature', 'sig',
  'jwt', 'csrf', 'xsrf',
]);

/** Words that make a following `key` a credential: `api-key`, `Ocp-Apim-Subscription-Key`, `accessKey`. */
const KEY_QUALIFIERS: ReadonlySet<string> = new Set(['api', 'subscription', 'access', 'private', 'client', 'master', 'account', 'secret']);

/** Words of a pagination or sync cursor (`pageToken`, `next_token`, `syncToken`): readable state, not a credential. */
const CURSOR_WORDS: ReadonlySet<string> = new Set(['page', 'next', 'sync', 'continuation', 'cursor', 'resume']);

/**
 * Splits a name into lower-case words at `-`, `_`, `.`, spaces and camelCase humps:
 * `X-Goog-Api-Key` → x goog api key, `accessToken` → access token, `APIKey` → api key.
 */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * True when a header or query parameter `name` carries a credential, so its value is masked. The rule, applied to
 * the name's words (split at `-`, `_`, `.` and camelCase):
 * - a word from {@link SECRET_WORDS} (token, secret, password, auth, session, cookie, signature, sig, jwt, csrf, …), or
 * - `key` alone, or after api/subscription/access/private/client/master/account/secret (`api_key`, `X-Goog-Api-Key`),
 * - unless a word names a pagination cursor (page, next, sync, continuation, cursor, resume: `pageToken`).
 * So `X-Auth-Token`, `Private-Token`, `Ocp-Apim-Subscription-Key`, `access_token`, `sig` are masked, and
 * `Content-Length`, `Cache-Control`, `X-Request-Id`, `Accept`, `Last-Event-ID`, `Idempotency-Key`, `max_tokens` are not.
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.some((w) => CURSOR_WORDS.has(w))) return false;
  if (words.length === 1 && words[0] === 'key') return true;
  return words.some((w, i) => SECRET_WORDS.has(w) || (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!)));
}

/** Headers whose value is a URL, which may hold credentials in its query even when relative (`/stream?token=…`). */
const URL_HEADERS: ReadonlySet<string> = new Set(['location', 'content-location', 'referer']);

/**
 * Returns a copy of `headers` with secret values masked: headers whose name {@link isSecretName}, credentials in URLs
 * ({@link redactUrl}), and any value that contains one of `secretValues` (for example a resolved `${secret:NAME}`).
 */
export function redactHeaders(headers: Record<string, string>, secretValues: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (isSecretName(name)) out[name] = maskCredential(value);
    else if (URL_HEADERS.has(name.toLowerCase())) out[name] = redactText(redactUrl(value), secretValues);
    else out[name] = redactText(value, secretValues);
  }
  return out;
}

/** Masks a credential but keeps its scheme (`Bearer «redacted»`) so users can still see which kind was sent. */
function maskCredential(value: string): string {
  const scheme = /^(Bearer|Basic|Digest|Token)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ${REDACTED}` : REDACTED;
}

/**
 * Masks the credentials of one URL and keeps the rest as written, so it stays readable: the userinfo
 * (`https://user:«redacted»@host`; a lone `https://«redacted»@host` is a token, as GitHub uses it) and the value of each
 * query or fragment parameter whose name {@link isSecretName} (`?access_token=«redacted»&since=5`). A relative URL
 * (`/stream?token=…`) has its parameters masked. The result is for showing, not for requesting.
 */
export function redactUrl(url: string): string {
  let rest = url;
  let head = '';
  const authority = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (authority) {
    const at = authority[2]!.lastIndexOf('@');
    let host = authority[2]!;
    if (at >= 0) {
      const userinfo = host.slice(0, at);
      const colon = userinfo.indexOf(':');
      const shown = colon >= 0 ? `${userinfo.slice(0, colon)}:${REDACTED}` : REDACTED;
      host = `${userinfo === '' ? '' : shown}@${host.slice(at + 1)}`;
    }
    head = authority[1]! + host;
    rest = url.slice(authority[0].length);
  }
  return head + rest.replace(/([?#&;])([^=&;#]*)=([^&;#]*)/g, (whole, sep: string, name: string, value: string) =>
    value !== '' && isSecretQueryName(name) ? `${sep}${name}=${REDACTED}` : whole);
}

/**
 * The requestable part of a URL that {@link redactUrl} masked: masked userinfo and parameters are left out, so a
 * request made from it asks without those credentials instead of sending the mask.
 */
export function withoutMaskedCredentials(url: string): string {
  return url
    .replace(new RegExp(`^([a-z][a-z0-9+.-]*://)[^/?#@]*${REDACTED}[^/?#@]*@`, 'i'), '$1')
    .replace(new RegExp(`([?#&;])[^=&;#]*=${REDACTED}(?=[&;#]|$)`, 'g'), '$1')
    .replace(/([?#&;])[&;]+/g, '$1')
    .replace(/[?#&;]+(?=#|$)/, '');
}

/** {@link isSecretName} for a query parameter name as written in a URL (percent-encoded, `+` for a space). */
export function isSecretQueryName(encodedName: string): boolean {
  let name = encodedName;
  try {
    name = decodeURIComponent(encodedName.replace(/\+/g, ' '));
  } catch {
    // a stray % : judge the name as written
  }
  return isSecretName(name);
}

/** A URL with a scheme inside free text (a log message, an error page); it ends at white space or a quote. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>]+/gi;

/**
 * Replaces every occurrence of each secret value in `text` with the mask, and masks the credentials of every URL in
 * it ({@link redactUrl}).
 */
export function redactText(text: string, secretValues: readonly string[]): string {
  let out = text.includes('://') ? text.replace(URL_IN_TEXT, redactUrl) : text;
  for (const secret of secretValues) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
