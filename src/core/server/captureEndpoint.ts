import type * as http from 'node:http';
import type { LoadedCapture } from '../captureReader';
import type { EventRecord, StreamRecord } from '../records';
import { replayTimes } from '../replay';
import { createStreamServer, writeEventStreamHead, type RouteContext, type RouteHandler, type StreamServer } from './streamServer';

/** How a capture is served as a mock endpoint. */
export interface CaptureEndpointOptions {
  /** Playback rate of the captured timing (1 = original). Default 1. */
  speed?: number;
  /** Longest pause between two records, in capture time. Default 10 000 ms. */
  maxGapMs?: number;
  /** Spacing of records when the capture has no timing (a raw file: every record has the same `t`). Default 100 ms. */
  untimedIntervalMs?: number;
  /** Drop each connection (destroy the socket, no clean end) after it has sent this many events. */
  dropAfterEvents?: number;
  /** Drop each connection this many milliseconds after it opened. */
  dropEveryMs?: number;
  /** Sent as `retry:` at the start of every SSE response. */
  retryMs?: number;
  /**
   * When the capture is played out: `close` ends the response (a reconnect with the last id then gets 204, so a
   * spec client stops), `hold` keeps it open with nothing more to say. Default `close`.
   */
  atEnd?: 'close' | 'hold';
  /** Long polling: how long a request with nothing new is held before an empty answer. Default 10 000 ms. */
  holdMs?: number;
}

/** A running mock endpoint. */
export interface CaptureEndpoint extends StreamServer {
  /** The URL to point a client at (the captured path on the mock server). */
  readonly streamUrl: string;
}

/** The records a mock endpoint replays: what the server sent, without our own lifecycle records. */
const SERVED_KINDS = new Set<StreamRecord['kind']>(['event', 'comment', 'retry', 'discarded']);

/**
 * Serves a capture on 127.0.0.1 (the same stream server as the demo feeds) at its original path and at every other
 * path. SSE captures replay with their timing and honour `Last-Event-ID` (resuming after that id); long-poll captures
 * answer polls from the cursor (`?cursor=`, `?since=` or `Last-Event-ID`).
 */
export async function serveCapture(capture: LoadedCapture, options: CaptureEndpointOptions & { port?: number } = {}): Promise<CaptureEndpoint> {
  const server = await createStreamServer({ port: options.port ?? 0, routes: { '/*': createCaptureRoute(capture, options) } });
  return { ...server, close: server.close, streamUrl: `${server.url}${capturedPath(capture.header.url)}` };
}

/** The path (and query) of the captured URL, or `/stream` when it was not an http(s) URL (a raw file). */
export function capturedPath(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return `${parsed.pathname}${parsed.search}`;
  } catch {
    // not a URL: fall through
  }
  return '/stream';
}

/** The route handler of a mock endpoint, for mounting on any stream server. */
export function createCaptureRoute(capture: LoadedCapture, options: CaptureEndpointOptions = {}): RouteHandler {
  const served = capture.records.filter((r) => SERVED_KINDS.has(r.kind));
  // A partial block is only part of the story at the very end (the server ended mid-event); earlier ones were cut by drops.
  const history = served.filter((r, i) => r.kind !== 'discarded' || i === served.length - 1);
  const times = pacedTimes(history, options);
  const speed = options.speed && options.speed > 0 ? options.speed : 1;
  if (capture.header.mode === 'long-poll') return createLongPollRoute(history, times, speed, options);
  return (req, res, ctx) => serveEventStream(history, times, speed, options, req, res, ctx);
}

function pacedTimes(history: StreamRecord[], options: CaptureEndpointOptions): Float64Array {
  const untimed = history.length > 1 && history.every((r) => r.t === history[0]!.t);
  if (!untimed) return replayTimes(history, options.maxGapMs ?? 10_000);
  const interval = options.untimedIntervalMs ?? 100;
  return Float64Array.from(history, (_r, i) => i * interval);
}

/** Index of the first record after the event whose id is `lastEventId`; -1 when no event has that id. */
function resumePosition(history: StreamRecord[], lastEventId: string): number {
  const i = history.findIndex((r) => r.kind === 'event' && r.id === lastEventId);
  if (i !== -1) return i + 1;
  // The id came from a block without data (spec: it still sets the last event ID): resume at the first event it was
  // in force for (it may repeat that event; never skips one).
  const j = history.findIndex((r) => r.kind === 'event' && r.id === null && r.lastEventId === lastEventId);
  return j === -1 ? -1 : j;
}

function serveEventStream(history: StreamRecord[], times: Float64Array, speed: number, options: CaptureEndpointOptions, req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext): void {
  const sent = headerValue(req.headers['last-event-id']);
  let position = 0;
  let note: string | undefined;
  if (sent !== undefined && sent !== '') {
    const found = resumePosition(history, sent);
    if (found === -1) note = `: unknown Last-Event-ID ${JSON.stringify(sent)}; replaying from the beginning\n\n`;
    else position = found;
  }
  if (position >= history.length && history.length > 0 && (options.atEnd ?? 'close') === 'close') {
    // Spec: 204 No Content tells the client to stop reconnecting; there is nothing after this id.
    res.writeHead(204);
    res.end();
    return;
  }
  writeEventStreamHead(res);
  if (options.retryMs !== undefined) res.write(`retry: ${options.retryMs}\n\n`);
  if (note) res.write(note);
  let eventsSent = 0;
  /** The client's last event ID string, to repeat the blocks without data that changed it (`id: 7` + blank line). */
  let clientLastEventId = sent ?? '';
  let timer: NodeJS.Timeout | undefined;
  let dropped = false;
  const drop = (): void => {
    if (dropped) return;
    dropped = true;
    if (timer) clearTimeout(timer);
    res.destroy(); // like a flaky network: no clean end of the response
  };
  ctx.onClose(() => { if (timer) clearTimeout(timer); });
  if (options.dropEveryMs !== undefined) {
    const dropTimer = setTimeout(drop, options.dropEveryMs);
    ctx.onClose(() => clearTimeout(dropTimer));
  }
  const startClock = performance.now();
  const startTime = position < history.length ? times[position]! : 0;
  const pump = (): void => {
    timer = undefined;
    if (dropped || res.destroyed) return;
    const elapsed = (performance.now() - startClock) * speed;
    let chunk = '';
    let dropAfterWrite = false;
    while (position < history.length && times[position]! - startTime <= elapsed) {
      const record = history[position++]!;
      chunk += wireText(record, clientLastEventId);
      if (record.kind === 'event') clientLastEventId = record.lastEventId;
      if (record.kind === 'event' && options.dropAfterEvents !== undefined && ++eventsSent >= options.dropAfterEvents) {
        dropAfterWrite = true;
        break;
      }
    }
    if (chunk) {
      if (dropAfterWrite) res.write(chunk, drop);
      else res.write(chunk);
    }
    if (dropAfterWrite) return;
    if (position >= history.length) {
      if ((options.atEnd ?? 'close') === 'close') res.end();
      return;
    }
    timer = setTimeout(pump, Math.max(0, (times[position]! - startTime - elapsed) / speed));
  };
  pump();
}

/**
 * The wire text that makes a client's parser report `record` again. `clientLastEventId` is the client's last event ID
 * before it: when an event without an id was dispatched under another one, an id-only block (which the capture has no
 * record of, but which set it) is sent first.
 */
export function wireText(record: StreamRecord, clientLastEventId?: string): string {
  switch (record.kind) {
    case 'event': {
      const idOnly = record.id === null && clientLastEventId !== undefined && record.lastEventId !== clientLastEventId;
      return `${idOnly ? `id: ${oneLine(record.lastEventId)}\n\n` : ''}${eventBlock(record)}`;
    }
    case 'comment': return `:${record.text}\n`;
    case 'retry': return `retry: ${record.ms ?? record.invalid ?? ''}\n\n`;
    // Comment lines inside the block were already served as comment records.
    case 'discarded': return record.text.split(/\r\n|\r|\n/).filter((l) => !l.startsWith(':')).join('\n');
    default: return '';
  }
}

/**
 * A field value on the wire ends at the first line break, and a parsed stream never yields one in a type or id; a
 * crafted capture's breaks would inject extra lines into the served stream, so they are removed.
 */
function oneLine(value: string): string {
  return value.replace(/[\r\n]/g, '');
}

function eventBlock(e: EventRecord): string {
  let out = e.type !== 'message' ? `event: ${oneLine(e.type)}\n` : '';
  if (e.id !== null) out += `id: ${oneLine(e.id)}\n`;
  for (const line of e.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  // Node hands non-ASCII header bytes over as Latin-1; the spec sends Last-Event-ID as UTF-8.
  const raw = Array.isArray(value) ? value[0]! : value;
  return /^[\x00-\x7f]*$/.test(raw) ? raw : Buffer.from(raw, 'latin1').toString('utf8');
}

/**
 * Long polling from a capture: the events become available along the captured timing from the first request; a poll
 * gets every available event after its cursor at once, or is held until one is due (or `holdMs` passes).
 */
function createLongPollRoute(history: StreamRecord[], times: Float64Array, speed: number, options: CaptureEndpointOptions): RouteHandler {
  const events = history.filter((r): r is EventRecord => r.kind === 'event');
  const eventTimes = history.map((_r, i) => times[i]!).filter((_t, i) => history[i]!.kind === 'event');
  let startedAt: number | undefined;
  return (req, res, ctx) => {
    startedAt ??= performance.now();
    const cursor = ctx.url.searchParams.get('cursor') ?? ctx.url.searchParams.get('since') ?? headerValue(req.headers['last-event-id']) ?? '';
    const from = cursor === '' ? 0 : Math.max(0, events.findIndex((e) => e.id === cursor) + 1);
    const available = (): number => {
      const elapsed = (performance.now() - startedAt!) * speed;
      let n = from;
      while (n < events.length && eventTimes[n]! <= elapsed) n++;
      return n;
    };
    const answer = (until: number): void => {
      const batch = events.slice(from, until);
      const next = batch.at(-1)?.lastEventId ?? cursor;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ events: batch.map((e) => parseItem(e.data)), cursor: next }));
    };
    const ready = available();
    if (ready > from) return answer(ready);
    if (from >= events.length && (options.atEnd ?? 'close') === 'close') {
      res.writeHead(204);
      res.end();
      return;
    }
    const holdMs = options.holdMs ?? 10_000;
    const due = from < events.length ? (eventTimes[from]! - (performance.now() - startedAt) * speed) / speed : Infinity;
    const timer = setTimeout(() => answer(available()), Math.max(0, Math.min(holdMs, due)));
    ctx.onClose(() => clearTimeout(timer));
    if (options.dropEveryMs !== undefined) {
      const dropTimer = setTimeout(() => res.destroy(), options.dropEveryMs);
      ctx.onClose(() => clearTimeout(dropTimer));
    }
  };
}

function parseItem(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}
