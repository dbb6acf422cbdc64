import * as fs from 'node:fs';
import { proxyConfigFromEnv } from '../core/http/proxy';
import type { ConnectOptions } from '../core/options';

/** Usage lines of the request/transport flags of `connect`. */
export const TRANSPORT_USAGE = `    --json <text | @file>        JSON body (Content-Type: application/json; POST unless -X)
    --ca <file>                  trust the CA certificates in this PEM file (verification stays on)
    --connect-timeout <seconds>  give up on an attempt without response headers (default 30)
    --idle-timeout <seconds>     no bytes for this long counts as a drop, then reconnect (default off)
    --proxy <url>                HTTP proxy for http and https (default: HTTP_PROXY/HTTPS_PROXY/NO_PROXY)
    --max-redirects <N>          redirects followed per attempt (default 20)`;

/**
 * Parses one transport flag at `argv[i]` into `options`; returns how many arguments it used (0: not one of ours).
 * Throws an Error with a usage message on a bad value.
 */
export function parseTransportFlag(argv: readonly string[], i: number, options: ConnectOptions): number {
  const arg = argv[i]!;
  const value = (): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${arg} needs a value`);
    return v;
  };
  const seconds = (): number => {
    const text = value();
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${arg} takes a positive number of seconds, not "${text}"`);
    return Math.round(n * 1000);
  };
  switch (arg) {
    case '--ca': options.caFile = value(); return 2;
    case '--connect-timeout': options.connectTimeoutMs = seconds(); return 2;
    case '--idle-timeout': options.idleTimeoutMs = seconds(); return 2;
    case '--proxy': options.proxy = value(); return 2;
    case '--max-redirects': {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0) throw new Error(`${arg} takes a whole number ≥ 0, not "${argv[i + 1]}"`);
      options.maxRedirects = n;
      return 2;
    }
    case '--json': {
      const text = readTextOrFile(value(), arg);
      try {
        JSON.parse(text);
      } catch (err) {
        throw new Error(`${arg}: not valid JSON (${(err as Error).message})`);
      }
      options.body = text; // sent as written, not re-serialized
      options.headers = { 'Content-Type': 'application/json', ...options.headers };
      options.method ??= 'POST';
      return 2;
    }
    default: return 0;
  }
}

/** The proxy settings of the environment, used when no `--proxy` was given (the core never reads the environment). */
export function applyEnvironmentProxy(options: ConnectOptions, env: Record<string, string | undefined>): void {
  if (options.proxy !== undefined) return;
  const config = proxyConfigFromEnv(env);
  if (config.http || config.https) options.proxy = config;
}

function readTextOrFile(text: string, flag: string): string {
  if (!text.startsWith('@')) return text;
  try {
    return fs.readFileSync(text.slice(1), 'utf8');
  } catch (err) {
    throw new Error(`${flag}: cannot read ${text.slice(1)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
