import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Handles one request to a route of a {@link StreamServer}. */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext) => void;

/** What a route handler gets besides the request and response. */
export interface RouteContext {
  url: URL;
  /** Registers cleanup for when the client goes away or the server closes (timers, subscriptions). */
  onClose(fn: () => void): void;
}

/** A running stream server. */
export interface StreamServer {
  /** Base URL, `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, ends every open stream and resolves when the socket is closed. */
  close(): Promise<void>;
}

/** Options of {@link createStreamServer}. */
export interface StreamServerOptions {
  /** Path → handler; a path ending in `/*` matches the prefix. */
  routes: Record<string, RouteHandler>;
  /** Loopback by default: the server is for local debugging and tests. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

/**
 * A small HTTP server for event streams and long polls. One piece of code serves the demo feeds, captures replayed as
 * mock endpoints, and the tests' fault-injecting endpoints.
 */
export async function createStreamServer(options: StreamServerOptions): Promise<StreamServer> {
  const sockets = new Set<import('node:net').Socket>();
  const cleanups = new Set<() => void>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler = findRoute(options.routes, url.pathname);
    if (!handler) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: `no feed at ${url.pathname}`, feeds: Object.keys(options.routes) }));
      return;
    }
    const closers: Array<() => void> = [];
    const runClosers = (): void => {
      cleanups.delete(runClosers);
      for (const fn of closers.splice(0)) fn();
    };
    cleanups.add(runClosers);
    res.on('close', runClosers);
    try {
      handler(req, res, { url, onClose: (fn) => closers.push(fn) });
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`handler failed: ${(err as Error).message}`);
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () => new Promise<void>((resolve) => {
      for (const fn of [...cleanups]) fn();
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

function findRoute(routes: Record<string, RouteHandler>, path: string): RouteHandler | undefined {
  if (routes[path]) return routes[path];
  for (const [pattern, handler] of Object.entries(routes)) {
    if (pattern.endsWith('/*') && path.startsWith(pattern.slice(0, -1))) return handler;
  }
  return undefined;
}

/** Writes the head of an event-stream response. */
export function writeEventStreamHead(res: http.ServerResponse, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
    ...extraHeaders,
  });
  res.flushHeaders();
}

/** One event block in the wire format; multi-line data becomes several `data:` lines. */
export function formatEvent(event: { data: string; id?: string; event?: string; retry?: number }): string {
  let out = '';
  if (event.event !== undefined) out += `event: ${event.event}\n`;
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  if (event.retry !== undefined) out += `retry: ${event.retry}\n`;
  for (const line of event.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** Reads a request body as text (bounded: at most `limit` bytes). */
export function readBody(req: http.IncomingMessage, limit = 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`request body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
