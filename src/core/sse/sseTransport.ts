import * as http from 'node:http';
import * as https from 'node:https';
import type { RecordDraft, UnnumberedRecord } from '../records';
import { DEFAULT_RECONNECTION_MS, MAX_TIMER_MS, type ConnectOptions } from '../options';
import { redactHeaders, redactText } from '../redact';
import { createEventStreamParser, type EventStreamParser } from './eventStreamParser';
import { isEventStreamContentType } from './mediaType';
import { computeBackoff } from '../backoff';
import type { DisconnectOptions, RecordSink, Transport, TransportEnd } from '../transport';
import { createMidEventCutter, type MidEventCutter } from './midEventCut';

export type { RecordSink, Transport, TransportEnd, DisconnectOptions } from '../transport';

/** One request/response of the connection. */
interface AttemptState {
  req: http.ClientRequest;
  res?: http.IncomingMessage;
  parser?: EventStreamParser;
  finished: boolean;
  /** Last body byte fed to the parser, -1 before the first. */
  lastByte: number;
  /** Armed by a mid-event disconnect: where to cut the incoming bytes. */
  cutter?: MidEventCutter;
  cutMessage?: string;
  stallTimer?: NodeJS.Timeout;
}

const BODY_PREVIEW_BYTES = 512;

/**
 * Runs an EventSource-style connection (WHATWG HTML, "Server-sent events"): one request at a time, reconnection
 * after the reconnection time with `Last-Event-ID`, 204 means stop, any other status or content type fails the
 * connection. Every decision becomes a lifecycle record with its reason.
 */
export function createSseTransport(options: ConnectOptions, sink: RecordSink): Transport {
  const method = (options.method ?? 'GET').toUpperCase();
  const secrets = options.secretValues ?? [];
  let reconnectionTime = options.initialRetryMs ?? DEFAULT_RECONNECTION_MS;
  let lastEventId = options.lastEventId ?? '';
  let attempt = 0;
  let failuresWithoutEvent = 0;
  let stopped = false;
  let current: AttemptState | undefined;
  /** A mid-event cut or a stall asked for while no response was open: applied to the next response. */
  let pendingCut: string | undefined;
  let pendingStallMs = 0;
  let timer: NodeJS.Timeout | undefined;
  let resolveDone!: (end: TransportEnd) => void;
  const done = new Promise<TransportEnd>((resolve) => { resolveDone = resolve; });

  const emit = (record: RecordDraft): void => {
    sink({ t: Date.now(), attempt, ...record } as UnnumberedRecord);
  };

  function stop(end: TransportEnd, message: string): void {
    if (stopped) return;
    stopped = true;
    if (timer) clearTimeout(timer);
    emit({ kind: 'closed', message, reason: end.reason, final: true });
    resolveDone(end);
  }

  function requestHeaders(): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'text/event-stream', 'Cache-Control': 'no-cache' };
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
      headers[name] = value;
    }
    // Spec: "If the event source's last event ID string is not the empty string, set `Last-Event-ID`", UTF-8 encoded.
    if (lastEventId !== '') headers['Last-Event-ID'] = lastEventId;
    return headers;
  }

  function open(): void {
    if (stopped) return;
    attempt++;
    const url = new URL(options.url);
    const headers = requestHeaders();
    emit({
      kind: 'connecting',
      message: `${method} ${redactText(url.href, secrets)}${lastEventId ? ` (Last-Event-ID: ${lastEventId})` : ''}`,
      method,
      url: redactText(url.href, secrets),
      headers: redactHeaders(headers, secrets),
      ...(lastEventId ? { lastEventIdSent: lastEventId } : {}),
      ...(options.insecure ? { details: { warning: 'TLS certificate verification is disabled for this connection' } } : {}),
    });
    const client = url.protocol === 'https:' ? https : http;
    const outgoing = encodeHeaders(headers);
    const req = client.request(url, {
      method,
      headers: outgoing,
      ...(url.protocol === 'https:' ? { rejectUnauthorized: !options.insecure, ...(options.ca ? { ca: options.ca } : {}) } : {}),
    });
    const attemptState: AttemptState = { req, finished: false, lastByte: -1 };
    current = attemptState;
    const connectTimeout = setTimeout(() => {
      fail(attemptState, 'connect-timeout', `no response within ${options.connectTimeoutMs ?? 30_000} ms`);
    }, options.connectTimeoutMs ?? 30_000);

    req.on('response', (res) => {
      clearTimeout(connectTimeout);
      onResponse(attemptState, res);
    });
    req.on('error', (err) => {
      clearTimeout(connectTimeout);
      fail(attemptState, 'network', err.message);
    });
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  }

  function onResponse(state: AttemptState, res: http.IncomingMessage): void {
    const status = res.statusCode ?? 0;
    const responseHeaders = redactHeaders(flattenHeaders(res.headers), secrets);
    const contentType = res.headers['content-type'];
    if (status === 204) {
      // Spec: "HTTP 204 No Content … must prevent the user agent from reconnecting".
      finishAttempt(state);
      res.resume();
      emit({ kind: 'error', message: 'HTTP 204 No Content: the server asked the client to stop', status, headers: responseHeaders, reason: 'http-204', final: true });
      stop({ reason: 'http-204', ok: true }, 'stopped: the server answered 204');
      return;
    }
    if (status !== 200 || !isEventStreamContentType(contentType)) {
      readPreview(res, (preview) => {
        if (state.finished) return;
        finishAttempt(state);
        const why = status !== 200 ? `HTTP ${status} ${res.statusMessage ?? ''}`.trim() : `content type ${JSON.stringify(contentType ?? '')} is not text/event-stream`;
        const retrying = !!options.retryHttpErrors;
        emit({
          kind: 'error',
          message: `${why}; content-type ${contentType ?? '(none)'}; body starts: ${JSON.stringify(preview.slice(0, 120))}`,
          status,
          statusText: res.statusMessage ?? '',
          headers: responseHeaders,
          bodyPreview: preview,
          reason: status !== 200 ? 'http-status' : 'content-type',
          final: !retrying,
        });
        if (retrying) scheduleReconnect('http-error');
        else stop({ reason: 'http-error', ok: false }, `failed: ${why}`);
      });
      return;
    }
    emit({ kind: 'open', message: `HTTP ${status} ${res.statusMessage ?? ''}`.trim(), status, statusText: res.statusMessage ?? '', headers: responseHeaders });
    const parser = createEventStreamParser({
      onEvent: (e) => {
        failuresWithoutEvent = 0;
        // The hot path: one literal instead of emit()'s spread (same fields, same order after numbering).
        sink({ t: Date.now(), attempt, kind: 'event', type: e.type, data: e.data, id: e.id, lastEventId: e.lastEventId, bytes: e.bytes });
      },
      onComment: (text) => emit({ kind: 'comment', text }),
      onRetry: (ms, invalid) => {
        if (ms !== null) reconnectionTime = Math.min(ms, MAX_TIMER_MS);
        emit(ms === null ? { kind: 'retry', ms: null, invalid: invalid ?? '' } : { kind: 'retry', ms });
      },
      onDiscarded: (text) => emit({ kind: 'discarded', text }),
    }, lastEventId);
    state.parser = parser;
    state.res = res;
    if (pendingCut !== undefined) {
      armMidEventCut(state, pendingCut);
      pendingCut = undefined;
    }
    if (pendingStallMs > 0) {
      stallResponse(state, pendingStallMs);
      pendingStallMs = 0;
    }
    res.on('data', (chunk: Buffer) => {
      if (state.finished || chunk.length === 0) return;
      if (state.cutter) {
        const cut = state.cutter.cutPoint(chunk);
        if (cut !== -1) {
          parser.feed(chunk.subarray(0, cut));
          lastEventId = parser.lastEventId;
          cutMidEvent(state);
          return;
        }
      }
      parser.feed(chunk);
      state.lastByte = chunk[chunk.length - 1]!;
      lastEventId = parser.lastEventId;
    });
    res.on('end', () => {
      if (state.finished) return;
      endParser(state);
      finishAttempt(state);
      emit({ kind: 'closed', message: 'the server ended the response', reason: 'end-of-stream' });
      scheduleReconnect('end-of-stream');
    });
    res.on('error', (err) => fail(state, 'network', err.message));
  }

  function endParser(state: AttemptState): void {
    if (!state.parser) return;
    state.parser.end();
    lastEventId = state.parser.lastEventId;
  }

  function finishAttempt(state: AttemptState): void {
    state.finished = true;
    if (state.stallTimer) clearTimeout(state.stallTimer);
    if (current === state) current = undefined;
  }

  function fail(state: AttemptState, reason: string, message: string, simulated = false, details?: Record<string, unknown>): void {
    if (state.finished) return;
    endParser(state);
    finishAttempt(state);
    state.req.destroy();
    emit({ kind: 'error', message, reason, ...(simulated ? { simulated: true } : {}), ...(details ? { details } : {}) });
    scheduleReconnect(reason, simulated);
  }

  /** Arms the cut for a mid-event drop; a block already in progress is cut at once. */
  function armMidEventCut(state: AttemptState, message: string): void {
    state.cutMessage = message;
    if (state.parser?.hasPendingBlock()) cutMidEvent(state);
    else state.cutter = createMidEventCutter(state.lastByte);
  }

  function cutMidEvent(state: AttemptState): void {
    // The parser is ended with the partial block pending, so it is reported as `discarded`, never dispatched.
    fail(state, 'simulated-disconnect', state.cutMessage ?? 'simulated disconnect in the middle of an event', true, { midEvent: true });
  }

  function stallResponse(state: AttemptState, ms: number): void {
    const res = state.res;
    if (!res) return;
    if (state.stallTimer) clearTimeout(state.stallTimer);
    res.pause(); // stop reading: bytes wait in the socket, the server sees back-pressure, the idle timer runs
    state.stallTimer = setTimeout(() => {
      state.stallTimer = undefined;
      if (!state.finished) res.resume();
    }, Math.min(Math.max(0, ms), MAX_TIMER_MS));
  }

  function scheduleReconnect(reason: string, simulated = false): void {
    if (stopped) return;
    if (options.reconnect === false) {
      stop({ reason: 'no-reconnect', ok: true }, 'connection ended; reconnect is off');
      return;
    }
    if (options.body !== undefined && !options.resendBodyOnReconnect) {
      stop({ reason: 'body-not-resent', ok: true }, 'connection ended; not re-sending a request with a body (allow it with resendBodyOnReconnect)');
      return;
    }
    failuresWithoutEvent++;
    const delay = computeBackoff(reconnectionTime, failuresWithoutEvent);
    emit({
      kind: 'reconnect',
      message: `reconnecting in ${delay} ms${lastEventId ? ` with Last-Event-ID ${lastEventId}` : ''} (${reason})`,
      delay,
      reason,
      ...(lastEventId ? { lastEventIdSent: lastEventId } : {}),
      ...(simulated ? { simulated: true } : {}),
    });
    timer = setTimeout(() => { timer = undefined; open(); }, delay);
  }

  open();

  return {
    disconnect(request: DisconnectOptions = {}) {
      if (stopped) return;
      const simulated = request.simulated ?? request.midEvent ?? false;
      const state = current;
      if (request.midEvent) {
        const message = request.message ?? 'simulated disconnect in the middle of an event';
        if (state?.res) armMidEventCut(state, message);
        else pendingCut = message;
        return;
      }
      if (!state) return;
      fail(state, simulated ? 'simulated-disconnect' : 'disconnect', request.message ?? 'disconnected', simulated);
    },
    stall(ms: number) {
      if (stopped || !(ms > 0)) return;
      if (current?.res) stallResponse(current, ms);
      else pendingStallMs = ms;
    },
    close() {
      if (stopped) return;
      const state = current;
      if (state) {
        endParser(state);
        finishAttempt(state);
        state.req.destroy();
      }
      stop({ reason: 'closed-by-user', ok: true }, 'closed by the user');
    },
    done,
  };
}

/** Node rejects non-Latin-1 header values; send UTF-8 bytes as Latin-1 characters (spec: Last-Event-ID is UTF-8). */
function encodeHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = /^[\x00-\x7f]*$/.test(value) ? value : Buffer.from(value, 'utf8').toString('latin1');
  }
  return out;
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function readPreview(res: http.IncomingMessage, done: (preview: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    res.destroy();
    done(Buffer.concat(chunks).subarray(0, BODY_PREVIEW_BYTES).toString('utf8'));
  };
  res.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= BODY_PREVIEW_BYTES) finish();
  });
  res.on('end', finish);
  res.on('error', finish);
  setTimeout(finish, 2000).unref();
}
