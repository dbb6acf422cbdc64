/**
 * Which HTTP proxy a request goes through: VS Code's `http.proxy` setting (passed in by the extension) or the usual
 * environment variables (the CLI), with `NO_PROXY` exceptions.
 */

/** Proxy settings of a connection. A proxy is an `http://` URL (credentials allowed: `http://user:pass@host:port`). */
export interface ProxyConfig {
  /** Proxy for `http:` URLs. */
  http?: string;
  /** Proxy for `https:` URLs (tunnelled with CONNECT). */
  https?: string;
  /** Hosts reached directly: comma- or space-separated names (`example.com` also matches subdomains), `host:port`, `*`. */
  noProxy?: string;
}

/**
 * Reads `http_proxy`/`HTTP_PROXY`, `https_proxy`/`HTTPS_PROXY` and `no_proxy`/`NO_PROXY` (the lower-case name wins,
 * as in curl).
 */
export function proxyConfigFromEnv(env: Record<string, string | undefined>): ProxyConfig {
  const read = (name: string): string | undefined => {
    const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
    return value && value.trim() !== '' ? value.trim() : undefined;
  };
  const config: ProxyConfig = {};
  const http = read('http_proxy');
  const https = read('https_proxy');
  const noProxy = read('no_proxy');
  if (http) config.http = http;
  if (https) config.https = https;
  if (noProxy) config.noProxy = noProxy;
  return config;
}

/** A single proxy URL for both schemes (VS Code's `http.proxy`), with VS Code's `http.noProxy` list. */
export function proxyConfigFromSetting(proxy: string | undefined, noProxy: readonly string[] = []): ProxyConfig {
  if (!proxy || proxy.trim() === '') return {};
  return { http: proxy.trim(), https: proxy.trim(), ...(noProxy.length ? { noProxy: noProxy.join(',') } : {}) };
}

/**
 * The proxy to use for `url`, or undefined to connect directly. Throws an Error naming the setting when the proxy URL
 * is malformed or not `http:`.
 */
export function proxyFor(url: URL, config: ProxyConfig | undefined): URL | undefined {
  if (!config) return undefined;
  const raw = url.protocol === 'https:' ? config.https : config.http;
  if (!raw) return undefined;
  if (config.noProxy && matchesNoProxy(url, config.noProxy)) return undefined;
  let proxy: URL;
  try {
    proxy = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    throw new Error(`proxy ${JSON.stringify(raw)} is not a valid URL`);
  }
  if (proxy.protocol !== 'http:') throw new Error(`proxy ${JSON.stringify(raw)}: only http:// proxies are supported`);
  return proxy;
}

/** True when `url`'s host is listed in a NO_PROXY value. */
export function matchesNoProxy(url: URL, noProxy: string): boolean {
  const host = stripBrackets(url.hostname.toLowerCase());
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const entry of noProxy.split(/[\s,]+/)) {
    if (entry === '') continue;
    if (entry === '*') return true;
    let name = entry.toLowerCase();
    let entryPort: string | undefined;
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(name); // host:port or [v6]:port; a bare v6 address has no port
    if (withPort) {
      name = withPort[1]!;
      entryPort = withPort[2]!;
    }
    name = stripBrackets(name).replace(/^\*?\./, '.');
    if (entryPort !== undefined && entryPort !== port) continue;
    if (name.startsWith('.') ? host === name.slice(1) || host.endsWith(name) : host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}
