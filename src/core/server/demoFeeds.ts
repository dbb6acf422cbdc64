import type * as http from 'node:http';
import { createStreamServer, formatEvent, readBody, writeEventStreamHead, type RouteContext, type RouteHandler, type StreamServer } from './streamServer';

/** A demo feed: where it lives and what it shows. */
export interface DemoFeed {
  name: string;
  path: string;
  method: 'GET' | 'POST';
  mode: 'sse' | 'long-poll';
  description: string;
  /** Body to send (for POST feeds). */
  body?: string;
  headers?: Record<string, string>;
}

/** The built-in demo feeds, the product's default target. */
export const DEMO_FEEDS: readonly DemoFeed[] = [
  { name: 'ticker', path: '/ticker', method: 'GET', mode: 'sse', description: 'Market ticker: ids and several event types (trade, quote, status)' },
  { name: 'prices', path: '/prices', method: 'GET', mode: 'sse', description: 'JSON price feed with default message events' },
  {
    name: 'llm', path: '/llm', method: 'POST', mode: 'sse', description: 'LLM-style token stream: POST a prompt, get JSON deltas and data: [DONE]',
    body: JSON.stringify({ model: 'demo-1', stream: true, messages: [{ role: 'user', content: 'Explain server-sent events' }] }),
    headers: { 'Content-Type': 'application/json' },
  },
  { name: 'heartbeat', path: '/heartbeat', method: 'GET', mode: 'sse', description: 'Heartbeat comments, a retry: field and occasional events' },
  { name: 'resumable', path: '/resumable', method: 'GET', mode: 'sse', description: 'Honours Last-Event-ID and drops the connection every 5 events' },
  { name: 'poll', path: '/poll', method: 'GET', mode: 'long-poll', description: 'Long-poll endpoint with a cursor (?cursor=N), held up to 10 s' },
];

/** Timing of the demo feeds; tests make them fast. */
export interface DemoTiming {
  /** Multiplies every interval (1 = realistic pace). */
  speed: number;
}

/** Starts the demo feeds on 127.0.0.1. */
export function startDemoServer(options: { port?: number; timing?: DemoTiming } = {}): Promise<StreamServer> {
  return createStreamServer({ port: options.port ?? 0, routes: createDemoRoutes(options.timing ?? { speed: 1 }) });
}

/** The demo routes, for mounting on a stream server. */
export function createDemoRoutes(timing: DemoTiming): Record<string, RouteHandler> {
  const ms = (n: number): number => Math.max(1, Math.round(n / timing.speed));
  const pollLog = createPollLog(ms(2000));
  return {
    '/': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ feeds: DEMO_FEEDS.map((f) => ({ ...f, body: undefined })) }, null, 2));
    },
    '/ticker': (req, res, ctx) => tickerFeed(req, res, ctx, ms(500)),
    '/prices': (_req, res, ctx) => pricesFeed(res, ctx, ms(300)),
    '/llm': (req, res, ctx) => void llmFeed(req, res, ctx, ms(40)),
    '/heartbeat': (_req, res, ctx) => heartbeatFeed(res, ctx, ms(1000)),
    '/resumable': (req, res, ctx) => resumableFeed(req, res, ctx, ms(400)),
    '/poll': (req, res, ctx) => pollLog.handle(req, res, ctx, ms(10_000)),
  };
}

/** Runs `tick` every `intervalMs` while the response is still writable. */
function every(res: http.ServerResponse, ctx: RouteContext, intervalMs: number, tick: () => void): void {
  const timer = setInterval(() => {
    if (res.destroyed || res.writableEnded) clearInterval(timer);
    else tick();
  }, intervalMs);
  ctx.onClose(() => clearInterval(timer));
}

function tickerFeed(req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext, interval: number): void {
  writeEventStreamHead(res);
  const symbols = ['ACME', 'GLOBX', 'INITech', 'UMBR'];
  let n = Number.parseInt(String(req.headers['last-event-id'] ?? '0'), 10) || 0;
  every(res, ctx, interval, () => {
    n++;
    const symbol = symbols[n % symbols.length]!;
    const price = (100 + 10 * Math.sin(n / 7)).toFixed(2);
    if (n % 10 === 0) res.write(formatEvent({ id: String(n), event: 'status', data: `market open, ${n} ticks` }));
    else if (n % 3 === 0) res.write(formatEvent({ id: String(n), event: 'quote', data: JSON.stringify({ symbol, bid: cents(Number(price) - 0.05), ask: cents(Number(price) + 0.05) }) }));
    else res.write(formatEvent({ id: String(n), event: 'trade', data: JSON.stringify({ symbol, price: Number(price), size: (n * 37) % 500 + 1 }) }));
  });
}

/** Prices as a feed would send them: two decimals, not 109.64999999999999. */
function cents(n: number): number {
  return Math.round(n * 100) / 100;
}

function pricesFeed(res: http.ServerResponse, ctx: RouteContext, interval: number): void {
  writeEventStreamHead(res);
  let n = 0;
  every(res, ctx, interval, () => {
    n++;
    const base = 42_000 + 500 * Math.sin(n / 11);
    res.write(formatEvent({ data: JSON.stringify({ pair: 'BTC-USD', price: Number(base.toFixed(2)), ts: new Date().toISOString(), book: { bids: [[cents(base - 1), 0.5]], asks: [[cents(base + 1), 0.7]] } }) }));
  });
}

const LLM_REPLY = 'Server-sent events stream text from a server over one long HTTP response. Each event is a block of "field: value" lines ended by a blank line, and the client reconnects with Last-Event-ID when the connection drops.';

async function llmFeed(req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext, interval: number): Promise<void> {
  if (req.method !== 'POST') {
    res.writeHead(405, { 'Content-Type': 'application/json', Allow: 'POST' });
    res.end(JSON.stringify({ error: { message: 'POST a JSON body like {"messages":[…],"stream":true}' } }));
    return;
  }
  let prompt = '';
  try {
    const body = JSON.parse(await readBody(req)) as { messages?: Array<{ content?: string }> };
    prompt = body.messages?.at(-1)?.content ?? '';
  } catch {
    res.writeHead(400, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'request body is not JSON' } }));
    return;
  }
  writeEventStreamHead(res);
  const tokens = (prompt ? `You asked: "${prompt}". ` : '').concat(LLM_REPLY).match(/\S+\s*/g) ?? [];
  const id = `chatcmpl-demo${Date.now().toString(36)}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: object, finish: string | null): string =>
    JSON.stringify({ id, object: 'chat.completion.chunk', created, model: 'demo-1', choices: [{ index: 0, delta, finish_reason: finish }] });
  res.write(formatEvent({ data: chunk({ role: 'assistant', content: '' }, null) }));
  let i = 0;
  every(res, ctx, interval, () => {
    if (i < tokens.length) {
      res.write(formatEvent({ data: chunk({ content: tokens[i++] }, null) }));
      return;
    }
    res.write(formatEvent({ data: chunk({}, 'stop') }));
    res.write(formatEvent({ data: '[DONE]' }));
    res.end();
  });
}

function heartbeatFeed(res: http.ServerResponse, ctx: RouteContext, interval: number): void {
  writeEventStreamHead(res);
  res.write('retry: 5000\n\n');
  res.write(': connected, heartbeats follow\n\n');
  let n = 0;
  every(res, ctx, interval, () => {
    n++;
    if (n % 3 === 0) res.write(formatEvent({ event: 'notification', id: `n${n / 3}`, data: JSON.stringify({ title: `Notification ${n / 3}`, unread: n / 3 }) }));
    else res.write(': heartbeat\n\n');
  });
}

function resumableFeed(req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext, interval: number): void {
  const dropEvery = Math.max(1, Number.parseInt(ctx.url.searchParams.get('dropEvery') ?? '5', 10) || 5);
  let last = Number.parseInt(String(req.headers['last-event-id'] ?? '0'), 10) || 0;
  writeEventStreamHead(res);
  res.write(`retry: ${Math.max(50, Math.round(interval * 2.5))}\n\n`);
  res.write(`: resuming after id ${last}\n\n`);
  let sent = 0;
  every(res, ctx, interval, () => {
    last++;
    sent++;
    const block = formatEvent({ id: String(last), event: 'update', data: JSON.stringify({ seq: last }) });
    // Drop without a clean end, like a flaky proxy, once the last event has reached the socket.
    if (sent >= dropEvery) res.write(block, () => res.destroy());
    else res.write(block);
  });
}

/** A growing event log that long-poll requests read from `cursor` onwards, waiting when there is nothing new. */
function createPollLog(interval: number) {
  const events: Array<{ id: number; type: string; text: string; at: string }> = [];
  const waiters = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  const ensureTicking = (): void => {
    if (timer) return;
    timer = setInterval(() => {
      const id = events.length + 1;
      events.push({ id, type: id % 4 === 0 ? 'job.finished' : 'job.progress', text: `step ${id}`, at: new Date().toISOString() });
      if (events.length > 10_000) events.splice(0, 5_000);
      for (const wake of [...waiters]) wake();
      if (waiters.size === 0) {
        clearInterval(timer);
        timer = undefined;
      }
    }, interval);
    timer.unref();
  };
  return {
    handle(_req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext, holdMs: number): void {
      const cursor = Number.parseInt(ctx.url.searchParams.get('cursor') ?? '0', 10) || 0;
      const respond = (): boolean => {
        const fresh = events.filter((e) => e.id > cursor);
        if (fresh.length === 0) return false;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ events: fresh, cursor: fresh.at(-1)!.id }));
        return true;
      };
      if (respond()) return;
      ensureTicking();
      const wake = (): void => {
        if (respond()) finish();
      };
      const hold = setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ events: [], cursor }));
        finish();
      }, holdMs);
      const finish = (): void => {
        clearTimeout(hold);
        waiters.delete(wake);
      };
      waiters.add(wake);
      ctx.onClose(finish);
    },
  };
}
