import * as fs from 'node:fs';
import type { ConnectOptions } from './options';

/**
 * Options with the file and JSON inputs resolved: `body` holds the bytes to send (from `body`, `json` or `bodyFile`),
 * `ca` the PEM text (from `ca` or `caFile`), `proxy` a per-scheme config.
 */
export type ResolvedConnectOptions = Omit<ConnectOptions, 'bodyFile' | 'json' | 'caFile' | 'proxy'> & {
  proxy?: import('./http/proxy').ProxyConfig;
};

/**
 * Reads the body and CA files and serializes a JSON body, once, when the connection starts (a reconnect that
 * re-sends the body sends the same bytes). Throws an Error that names the option and the problem.
 */
export function resolveConnectOptions(options: ConnectOptions): ResolvedConnectOptions {
  const { bodyFile, json, caFile, proxy, ...rest } = options;
  const resolved: ResolvedConnectOptions = { ...rest };
  const bodySources = [options.body !== undefined, bodyFile !== undefined, json !== undefined].filter(Boolean).length;
  if (bodySources > 1) throw new Error('give only one of body, bodyFile and json');
  if (bodyFile !== undefined) resolved.body = readFile(bodyFile, 'body file');
  if (json !== undefined) {
    let text: string | undefined;
    try {
      text = JSON.stringify(json);
    } catch (err) {
      throw new Error(`json body cannot be serialized: ${(err as Error).message}`);
    }
    if (text === undefined) throw new Error('json body cannot be serialized (undefined or a function)');
    resolved.body = text;
    const hasType = Object.keys(options.headers ?? {}).some((name) => name.toLowerCase() === 'content-type');
    if (!hasType) resolved.headers = { ...options.headers, 'Content-Type': 'application/json' };
  }
  if (caFile !== undefined) {
    const pem = readFile(caFile, 'CA file').toString('utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`CA file ${caFile} holds no PEM certificate`);
    resolved.ca = options.ca ? `${options.ca}\n${pem}` : pem;
  }
  if (typeof proxy === 'string') {
    if (proxy.trim() !== '') resolved.proxy = { http: proxy.trim(), https: proxy.trim() };
  } else if (proxy) resolved.proxy = proxy;
  for (const [name, value] of [['connectTimeoutMs', options.connectTimeoutMs], ['idleTimeoutMs', options.idleTimeoutMs], ['initialRetryMs', options.initialRetryMs], ['maxRedirects', options.maxRedirects]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw new Error(`${name} must be a number ≥ 0, not ${String(value)}`);
  }
  return resolved;
}

function readFile(file: string, what: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new Error(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
