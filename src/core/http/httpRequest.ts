import * as http from 'node:http';
import * as https from 'node:https';
import * as tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { followRedirect, isRedirectStatus, MAX_REDIRECTS } from './redirect';
import { proxyFor, type ProxyConfig } from './proxy';

/** One request to send (the first of a possible redirect chain). */
export interface HttpRequestSpec {
  url: URL;
  method: string;
  /** Header values already encoded for the wire (Latin-1 characters standing for UTF-8 bytes). */
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** TLS: verification on unless `insecure`; extra trusted CAs (PEM). */
  insecure?: boolean;
  ca?: string | Buffer;
  proxy?: ProxyConfig;
  /** Redirects followed before giving up; the Fetch Standard's 20 by default. */
  maxRedirects?: number;
}

/** A redirect that was followed. */
export interface RedirectHop {
  status: number;
  from: URL;
  to: URL;
  method: string;
  /** The body was dropped (the method became GET). */
  bodyDropped: boolean;
  droppedHeaders: string[];
  /** 1 for the first redirect of the chain. */
  count: number;
}

/** Why a request produced no response. */
export type HttpRequestErrorType = 'network' | 'redirect' | 'too-many-redirects' | 'proxy' | 'invalid-request';

/** Callbacks of {@link openHttpRequest}. */
export interface HttpRequestHooks {
  onRedirect(hop: RedirectHop): void;
  /** The final response (not a followed redirect); `url` and `method` are those of the request that got it. */
  onResponse(res: http.IncomingMessage, final: { url: URL; method: string; viaProxy?: URL }): void;
  onError(type: HttpRequestErrorType, message: string): void;
}

/** A request in flight. */
export interface HttpRequestHandle {
  /** Destroys the current request, tunnel and response; no further callbacks. */
  abort(): void;
}

/**
 * Sends a request and follows redirects by the Fetch Standard's rules, through an HTTP proxy when one applies (plain
 * requests in absolute form, https tunnelled with CONNECT). Exactly one of `onResponse` / `onError` is called, unless
 * aborted first.
 */
export function openHttpRequest(spec: HttpRequestSpec, hooks: HttpRequestHooks): HttpRequestHandle {
  const maxRedirects = spec.maxRedirects ?? MAX_REDIRECTS;
  let aborted = false;
  let settled = false;
  const live = new Set<{ destroy(): unknown }>();
  const track = <T extends { destroy(): unknown }>(thing: T): T => { live.add(thing); return thing; };

  const error = (type: HttpRequestErrorType, message: string): void => {
    if (aborted || settled) return;
    settled = true;
    for (const thing of live) thing.destroy();
    hooks.onError(type, message);
  };

  /**
   * Node throws from http.request for a header it will not send (NUL, CR or LF in a value, a bad name): a value the
   * server chose (a long-poll id sent back as Last-Event-ID) must not kill the process. Reported after this call
   * returns, like every other outcome.
   */
  function send(url: URL, method: string, headers: Record<string, string>, body: string | Uint8Array | undefined, redirects: number): void {
    try {
      sendUnchecked(url, method, headers, body, redirects);
    } catch (err) {
      const message = `cannot send the request: ${(err as Error).message}`;
      process.nextTick(() => error('invalid-request', message));
    }
  }

  function sendUnchecked(url: URL, method: string, headers: Record<string, string>, body: string | Uint8Array | undefined, redirects: number): void {
    let proxy: URL | undefined;
    try {
      proxy = proxyFor(url, spec.proxy);
    } catch (err) {
      error('proxy', (err as Error).message);
      return;
    }
    const onResponse = (res: http.IncomingMessage): void => {
      if (aborted || settled) { res.destroy(); return; }
      track(res);
      const status = res.statusCode ?? 0;
      if (!isRedirectStatus(status) || res.headers.location === undefined) {
        settled = true;
        hooks.onResponse(res, { url, method, ...(proxy ? { viaProxy: proxy } : {}) });
        return;
      }
      res.resume(); // a redirect's own body is not needed
      res.destroy();
      if (redirects >= maxRedirects) {
        error('too-many-redirects', `more than ${maxRedirects} redirects (last: HTTP ${status} to ${res.headers.location})`);
        return;
      }
      let next;
      try {
        next = followRedirect({ url, method, headers }, status, res.headers.location);
      } catch (err) {
        error('redirect', (err as Error).message);
        return;
      }
      hooks.onRedirect({ status, from: url, to: next.url, method: next.method, bodyDropped: body !== undefined && !next.keepBody, droppedHeaders: next.droppedHeaders, count: redirects + 1 });
      if (!aborted) send(next.url, next.method, next.headers, next.keepBody ? body : undefined, redirects + 1);
    };
    const onRequest = (req: http.ClientRequest): void => {
      track(req);
      req.on('response', onResponse);
      req.on('error', (err) => error('network', describeNetworkError(err, url)));
      if (body !== undefined) req.end(body);
      else req.end();
    };
    const tlsOptions = { rejectUnauthorized: !spec.insecure, ...(spec.ca ? { ca: spec.ca } : {}), servername: serverName(url) };

    if (!proxy) {
      const client = url.protocol === 'https:' ? https : http;
      onRequest(client.request(url, { method, headers, ...(url.protocol === 'https:' ? tlsOptions : {}) }));
      return;
    }
    const proxyAuth = proxy.username ? { 'Proxy-Authorization': `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}` } : {};
    if (url.protocol === 'http:') {
      // A plain request through a proxy names the whole URL (RFC 9112 §3.2.2, absolute-form).
      onRequest(http.request({ host: proxy.hostname, port: proxy.port || 80, method, path: url.href, headers: { Host: url.host, ...headers, ...proxyAuth } }));
      return;
    }
    const authority = `${url.hostname}:${url.port || 443}`;
    const connectReq = track(http.request({ host: proxy.hostname, port: proxy.port || 80, method: 'CONNECT', path: authority, headers: { Host: authority, ...proxyAuth } }));
    connectReq.on('error', (err) => error('proxy', `proxy ${proxy!.host}: ${err.message}`));
    connectReq.on('connect', (res: http.IncomingMessage, socket: Duplex) => {
      track(socket);
      if (aborted || settled) { socket.destroy(); return; }
      if (res.statusCode !== 200) {
        error('proxy', `proxy ${proxy!.host} refused CONNECT ${authority}: HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim());
        return;
      }
      const secure = track(tls.connect({ socket, ...tlsOptions }));
      try {
        onRequest(https.request(url, { method, headers, createConnection: () => secure }));
      } catch (err) {
        error('invalid-request', `cannot send the request: ${(err as Error).message}`);
      }
    });
    connectReq.end();
  }

  send(spec.url, spec.method, spec.headers, spec.body, 0);
  return {
    abort() {
      if (aborted) return;
      aborted = true;
      for (const thing of live) thing.destroy();
      live.clear();
    },
  };
}

/** TLS SNI takes a host name, never an IP address. */
function serverName(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return /^[\d.]+$/.test(host) || host.includes(':') ? undefined : host;
}

function describeNetworkError(err: NodeJS.ErrnoException, url: URL): string {
  const code = err.code ? `${err.code}: ` : '';
  if (err.code === 'ECONNREFUSED') return `${code}nothing is listening at ${url.host}`;
  if (err.code === 'ENOTFOUND') return `${code}host ${url.hostname} not found`;
  if (err.code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(err.code)) {
    return `${code}${err.message} (TLS verification failed; trust the server's CA with a CA file, or turn verification off for this connection)`;
  }
  return `${code}${err.message}`;
}
