/**
 * Redirect rules of the Fetch Standard ("HTTP-redirect fetch"), which EventSource requests follow: which statuses
 * redirect, how the method and body change, which headers are dropped, and the limit of 20.
 */

/** Fetch: "a redirect status is 301, 302, 303, 307, or 308". */
export const REDIRECT_STATUSES: readonly number[] = [301, 302, 303, 307, 308];

/** Fetch: "If request's redirect count is 20, then return a network error." */
export const MAX_REDIRECTS = 20;

/** Headers that describe a request body; dropped when the body is (fetch: "request-body-header name"). */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];

/** True when `status` is a redirect status. */
export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.includes(status);
}

/** The request to send after a redirect. */
export interface RedirectedRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  /** False when the body is dropped (the method became GET). */
  keepBody: boolean;
  /** Header names removed, for the lifecycle record. */
  droppedHeaders: string[];
}

/**
 * Computes the next request of a redirect chain, or throws an Error whose message says why the redirect cannot be
 * followed (no or bad Location, a scheme other than http/https).
 */
export function followRedirect(
  from: { url: URL; method: string; headers: Record<string, string> },
  status: number,
  location: string | undefined,
): RedirectedRequest {
  if (location === undefined || location === '') throw new Error(`HTTP ${status} redirect without a Location header`);
  let url: URL;
  try {
    url = new URL(location, from.url); // fetch: the Location value is parsed relative to the request URL
  } catch {
    throw new Error(`HTTP ${status} redirect to an invalid Location ${JSON.stringify(location)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`HTTP ${status} redirect to ${url.protocol} (only http and https are followed)`);
  }
  const dropped: string[] = [];
  const headers = { ...from.headers };
  const drop = (names: readonly string[]): void => {
    for (const name of Object.keys(headers)) {
      if (names.includes(name.toLowerCase())) {
        delete headers[name];
        dropped.push(name);
      }
    }
  };
  // Fetch: 301/302 turn POST into GET; 303 turns anything but GET/HEAD into GET; 307/308 keep method and body.
  let method = from.method;
  let keepBody = true;
  if (((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD')) {
    method = 'GET';
    keepBody = false;
    drop(BODY_HEADERS);
  }
  // Fetch: "If request's current URL's origin is not same origin with locationURL's origin", remove Authorization.
  if (url.origin !== from.url.origin) drop(['authorization']);
  return { url, method, headers, keepBody, droppedHeaders: dropped };
}
