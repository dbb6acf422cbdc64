import type { ConnectOptions } from '../options';
import { isSecretName, isSecretQueryName } from '../redact';
import type { EndpointProfile } from './profile';

/** A profile made from a running connection, with the secret values taken out of it. */
export interface ProfileDraft {
  profile: EndpointProfile;
  /** Values to put in secret storage under these names; the profile refers to them as `${secret:NAME}`. */
  secrets: Array<{ name: string; value: string }>;
  /** What could not be carried over (for example a binary body). */
  omitted: string[];
}

/**
 * Turns the options of a connection into a profile named `name`. Credential headers and query parameters (names by
 * {@link isSecretName}: Authorization, Cookie, API keys, `?access_token=`…), a password in the URL, and every
 * occurrence of a known secret value become `${secret:…}` references, so the setting never holds a secret.
 */
export function profileFromConnection(options: ConnectOptions, name: string): ProfileDraft {
  const secrets: Array<{ name: string; value: string }> = [];
  const omitted: string[] = [];
  const known = (options.secretValues ?? []).filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  const secretRef = (hint: string, value: string): string => {
    let existing = secrets.find((s) => s.value === value);
    if (!existing) {
      const base = `${slug(name)}.${slug(hint)}`;
      let secretName = base;
      for (let i = 2; secrets.some((s) => s.name === secretName); i++) secretName = `${base}-${i}`;
      existing = { name: secretName, value };
      secrets.push(existing);
    }
    return `\${secret:${existing.name}}`;
  };
  const replaceKnown = (text: string, hint: string): string => {
    let out = text;
    for (const value of known) if (out.includes(value)) out = out.split(value).join(secretRef(hint, value));
    return out;
  };

  const profile: EndpointProfile = { name, url: urlWithSecretRefs(options.url, secretRef, replaceKnown) };
  if (options.mode && options.mode !== 'sse') profile.mode = options.mode;
  if (options.method && options.method !== 'GET') profile.method = options.method;
  if (options.headers && Object.keys(options.headers).length) {
    const headers: Record<string, string> = {};
    for (const [header, value] of Object.entries(options.headers)) {
      if (isSecretName(header) && !/\$\{secret:/.test(value)) {
        // Keep the scheme readable in settings: "Bearer ${secret:…}".
        const scheme = /^(Bearer|Basic|Digest|Token)\s+(.+)$/i.exec(value);
        headers[header] = scheme ? `${scheme[1]} ${secretRef(header, scheme[2]!)}` : secretRef(header, value);
      } else headers[header] = replaceKnown(value, header);
    }
    profile.headers = headers;
  }
  if (typeof options.body === 'string') profile.body = replaceKnown(options.body, 'body');
  else if (options.body !== undefined) {
    const text = decodeUtf8(options.body);
    if (text === undefined) omitted.push('body (binary; point bodyFile at the file instead)');
    else profile.body = replaceKnown(text, 'body');
  }
  if (options.lastEventId) profile.lastEventId = options.lastEventId;
  const reconnect: NonNullable<Exclude<EndpointProfile['reconnect'], boolean>> = {};
  if (options.reconnect === false) reconnect.enabled = false;
  if (options.initialRetryMs !== undefined) reconnect.initialRetryMs = options.initialRetryMs;
  if (options.retryHttpErrors !== undefined) reconnect.retryHttpErrors = options.retryHttpErrors;
  if (options.resendBodyOnReconnect !== undefined) reconnect.resendBody = options.resendBodyOnReconnect;
  if (Object.keys(reconnect).length) profile.reconnect = reconnect;
  if (options.connectTimeoutMs !== undefined) profile.connectTimeoutMs = options.connectTimeoutMs;
  if (options.idleTimeoutMs !== undefined) profile.idleTimeoutMs = options.idleTimeoutMs;
  if (options.insecure) profile.tls = { insecure: true };
  if (options.ca) omitted.push('tls CA certificates (set tls.caFile)');
  return { profile, secrets, omitted };
}

/**
 * The URL with its credentials as references: the userinfo password and each credential query parameter's value, as
 * written in the URL (percent-encoded), so substituting the secret back gives the same URL.
 */
function urlWithSecretRefs(href: string, secretRef: (hint: string, value: string) => string, replaceKnown: (text: string, hint: string) => string): string {
  const url = new URL(href);
  const origin = `${url.protocol}//`;
  let userinfo = '';
  if (url.username || url.password) {
    userinfo = url.password ? `${url.username}:${secretRef('password', url.password)}@` : `${secretRef('username', url.username)}@`;
  }
  const query = url.search.slice(1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 0) return pair;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    return value !== '' && isSecretQueryName(name) ? `${name}=${secretRef(name, value)}` : pair;
  }).join('&');
  const rest = `${url.host}${url.pathname}${url.search ? `?${query}` : ''}${url.hash}`;
  return origin + userinfo + replaceKnown(rest, 'url');
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^-+|-+$/g, '') || 'profile';
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
