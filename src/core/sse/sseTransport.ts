import type * as http from 'node:http';
import { computeBackoff } from '../backoff';
import { describeBodyStart } from '../http/bodyStart';
import { createContentDecoder, type ContentDecoder } from '../http/contentDecoder';
import { openHttpRequest, type HttpRequestHandle, type RedirectHop } from '../http/httpRequest';
import { describeResponseCut, watchResponseCut } from '../http/responseCut';
import { DEFAULT_RECONNECTION_MS, MAX_TIMER_MS } from '../options';
import type { RecordDraft, UnnumberedRecord } from '../records';
import { previewReadBytes, redactedPreview } from '../http/bodyPreview';
import { redactHeaders, redactText } from '../redact';
import type { ResolvedConnectOptions } from '../resolveOptions';
import { TransportEnding, type CloseOptions, type DisconnectOptions, type RecordSink, type Transport, type TransportContext, type TransportEnd } from '../transport';
import { createEventStreamParser, type EventStreamParser } from './eventStreamParser';
import { isEventStreamContentType } from './mediaType';
import { createMidEventCutter, type MidEventCutter } from './midEventCut';

export type { RecordSink, Transport, TransportEnd, DisconnectOptions } from '../transport';

/** One request/response of the connection. */
interface AttemptState {
  request?: HttpRequestHandle;
  res?: http.IncomingMessage;
  decoder?: ContentDecoder;
  parser?: EventStreamParser;
  finished: boolean;
  /** Last body byte fed to the parser, -1 before the first. */
  lastByte: number;
  /** Bytes received on the wire (before content decoding). */
  wireBytes: number;
  lastDataAt: number;
  /** Armed by a mid-event disconnect: where to cut the incoming bytes. */
  cutter?: MidEventCutter;
  cutMessage?: string;
  stallTimer?: NodeJS.Timeout;
  connectTimer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
}

const BODY_PREVIEW_BYTES = 512;
const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/**
 * Runs an EventSource-style connection (WHATWG HTML, "Server-sent events"): one request at a time, redirects
 * followed, reconnection after the reconnection time with `Last-Event-ID`, 204 means stop, any other status or content
 * type fails the connection. Every decision becomes a lifecycle record with its reason.
 */
export function createSseTransport(options: ResolvedConnectOptions, sink: RecordSink, context: TransportContext = {}): Transport {
  const method = (options.method ?? 'GET').toUpperCase();
  const secrets = options.secretValues ?? [];
  const idleTimeoutMs = options.idleTimeoutMs ?? 0;
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const insecureWarning = options.insecure ? { warning: 'TLS certificate verification is disabled for this connection' } : undefined;
  let reconnectionTime = Math.min(options.initialRetryMs ?? DEFAULT_RECONNECTION_MS, MAX_TIMER_MS);
  let retryCapped = false;
  let lastEventId = options.lastEventId ?? '';
  let attempt = 0;
  let offsetInAttempt = 0;
  let failuresWithoutEvent = 0;
  let current: AttemptState | undefined;
  let timer: NodeJS.Timeout | undefined;
  /** A mid-event cut or a stall asked for while no response was open: applied to the next response. */
  let pendingCut: string | undefined;
  let pendingStallMs = 0;

  const emit = (record: RecordDraft): void => {
    sink({ t: Date.now(), attempt, rawOffset: offsetInAttempt, ...record } as UnnumberedRecord);
  };

  const ending = new TransportEnding((end, message) => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    emit({ kind: 'closed', message, reason: end.reason, final: true });
  });

  function stop(end: TransportEnd, message: string): void {
    ending.stop(end, message);
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
    // Never two attempts at once: a new one starts only when none is running and no reconnect is pending.
    if (ending.stopped || current || timer) return;
    attempt++;
    offsetInAttempt = 0;
    const url = new URL(options.url);
    const headers = requestHeaders();
    emit({
      kind: 'connecting',
      message: `${method} ${redactText(url.href, secrets)}${lastEventId ? ` (Last-Event-ID: ${lastEventId})` : ''}`,
      method,
      url: redactText(url.href, secrets),
      headers: redactHeaders(headers, secrets),
      ...(lastEventId ? { lastEventIdSent: lastEventId } : {}),
      ...(insecureWarning ? { details: insecureWarning } : {}),
    });
    const state: AttemptState = { finished: false, lastByte: -1, wireBytes: 0, lastDataAt: Date.now() };
    current = state;
    state.connectTimer = setTimeout(() => {
      fail(state, 'connect-timeout', `no response within ${connectTimeoutMs} ms`);
    }, Math.min(connectTimeoutMs, MAX_TIMER_MS));
    state.request = openHttpRequest({
      url,
      method,
      headers: encodeHeaders(headers),
      ...(options.body !== undefined ? { body: options.body } : {}),
      ...(options.insecure ? { insecure: true } : {}),
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.proxy ? { proxy: options.proxy } : {}),
      ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
    }, {
      onRedirect: (hop) => { if (!state.finished) emitRedirect(hop); },
      onResponse: (res, final) => {
        if (state.finished) { res.destroy(); return; }
        clearTimeout(state.connectTimer);
        onResponse(state, res, final);
      },
      onError: (type, message) => fail(state, type, message),
    });
  }

  function emitRedirect(hop: RedirectHop): void {
    const to = redactText(hop.to.href, secrets);
    emit({
      kind: 'redirect',
      message: `HTTP ${hop.status} redirect to ${to}${hop.method !== method ? ` as ${hop.method}` : ''}${hop.bodyDropped ? ' (body dropped)' : ''}`,
      status: hop.status,
      method: hop.method,
      url: to,
      reason: `http-${hop.status}`,
      details: { from: redactText(hop.from.href, secrets), count: hop.count, bodyDropped: hop.bodyDropped, droppedHeaders: hop.droppedHeaders },
    });
  }

  function onResponse(state: AttemptState, res: http.IncomingMessage, final: { url: URL; viaProxy?: URL }): void {
    state.res = res;
    const status = res.statusCode ?? 0;
    const responseHeaders = redactHeaders(flattenHeaders(res.headers), secrets);
    const contentType = res.headers['content-type'];
    if (status === 204) {
      // Spec: "HTTP 204 No Content … must prevent the user agent from reconnecting".
      finishAttempt(state);
      emit({ kind: 'error', message: 'HTTP 204 No Content: the server asked the client to stop', status, headers: responseHeaders, reason: 'http-204', final: true });
      stop({ reason: 'http-204', ok: true }, 'stopped: the server answered 204');
      return;
    }
    if (status !== 200 || !isEventStreamContentType(contentType)) {
      // Spec: any other status, or a content type other than text/event-stream, fails the connection (no reconnect).
      readPreview(res, previewReadBytes(BODY_PREVIEW_BYTES, secrets), (body) => {
        if (state.finished) return;
        const preview = redactedPreview(body, BODY_PREVIEW_BYTES, secrets); // an error page may echo a credential it was sent
        finishAttempt(state);
        const why = status !== 200 ? `HTTP ${status} ${res.statusMessage ?? ''}`.trim() : `content type ${JSON.stringify(contentType ?? '')} is not text/event-stream`;
        failHttp(status, res.statusMessage ?? '', responseHeaders, preview, status !== 200 ? 'http-status' : 'content-type',
          `${why}; content-type ${contentType ?? '(none)'}; ${describeBodyStart(preview)}`);
      });
      return;
    }
    let decoder: ContentDecoder;
    try {
      decoder = createContentDecoder(headerText(res.headers['content-encoding']), {
        onData: (chunk) => onBody(state, chunk),
        onError: (err) => fail(state, 'decode', err.message),
        onEnd: () => endOfStream(state),
      });
    } catch (err) {
      finishAttempt(state);
      failHttp(status, res.statusMessage ?? '', responseHeaders, '', 'content-encoding', (err as Error).message);
      return;
    }
    state.decoder = decoder;
    emit({
      kind: 'open',
      message: `HTTP ${status} ${res.statusMessage ?? ''}`.trim(),
      status,
      statusText: res.statusMessage ?? '',
      headers: responseHeaders,
      ...(final.url.href !== options.url ? { url: redactText(final.url.href, secrets) } : {}),
      ...(insecureWarning || final.viaProxy ? { details: { ...insecureWarning, ...(final.viaProxy ? { proxy: final.viaProxy.host } : {}) } } : {}),
    });
    // Spec: a new parser state for every response; the last-event-id carries over. A drop asked for by a record
    // listener (after N events) lands while the parser is still handing out a chunk: what follows in that chunk is
    // never seen, as by a client that closed its socket there.
    state.parser = createEventStreamParser({
      onEvent: (e) => {
        if (state.finished) return;
        failuresWithoutEvent = 0; // an event arrived: backoff starts again from the reconnection time
        // The hot path: one literal instead of emit()'s spread (same fields, same order after numbering).
        sink({ t: Date.now(), attempt, rawOffset: offsetInAttempt, kind: 'event', type: e.type, data: e.data, id: e.id, lastEventId: e.lastEventId, bytes: e.bytes });
      },
      onLastEventId: (id) => {
        if (state.finished) return;
        lastEventId = id;
        context.onLastEventId?.(id);
      },
      onComment: (text) => { if (!state.finished) emit({ kind: 'comment', text }); },
      onRetry: (ms, invalid) => {
        if (state.finished) return;
        if (ms !== null) {
          // Spec: set the reconnection time to the value. Capped: a bigger delay overflows Node's timers (fires at once).
          retryCapped = ms > MAX_TIMER_MS;
          reconnectionTime = Math.min(ms, MAX_TIMER_MS);
        }
        emit(ms === null ? { kind: 'retry', ms: null, invalid: invalid ?? '' } : { kind: 'retry', ms });
      },
      onDiscarded: (text) => emit({ kind: 'discarded', text }),
    }, lastEventId);
    if (pendingCut !== undefined) {
      armMidEventCut(state, pendingCut);
      pendingCut = undefined;
    }
    if (pendingStallMs > 0) {
      stallResponse(state, pendingStallMs);
      pendingStallMs = 0;
    }
    res.on('data', (chunk: Buffer) => {
      if (state.finished) return;
      state.wireBytes += chunk.length;
      state.lastDataAt = Date.now();
      decoder.write(chunk);
    });
    res.on('end', () => { if (!state.finished) decoder.end(); });
    const watch = watchResponseCut(res);
    const cutShort = (err?: NodeJS.ErrnoException): void => {
      if (state.finished) return;
      // Where the stream was when it stopped: in the middle of an event (which is then discarded), or between events.
      const midEvent = state.parser?.hasPendingBlock() ?? false;
      const cut = watch.cut(err);
      const message = describeResponseCut(cut, state.wireBytes, 'without ending the response', midEvent ? 'in the middle of an event' : 'between events');
      fail(state, 'network', message, false, { midEvent, ...(cut.code ? { code: cut.code } : {}) });
    };
    res.on('error', cutShort);
    res.on('close', () => { if (!res.complete) cutShort(); });
    armIdleTimer(state);
  }

  function onBody(state: AttemptState, chunk: Buffer): void {
    if (state.finished || chunk.length === 0) return;
    const parser = state.parser!;
    if (state.cutter) {
      const cut = state.cutter.cutPoint(chunk);
      if (cut !== -1) {
        feed(state, parser, chunk.subarray(0, cut));
        cutMidEvent(state);
        return;
      }
    }
    feed(state, parser, chunk);
  }

  function feed(state: AttemptState, parser: EventStreamParser, chunk: Buffer): void {
    if (chunk.length === 0) return;
    offsetInAttempt = context.rawLog ? context.rawLog.append(attempt, chunk) : offsetInAttempt + chunk.length;
    parser.feed(chunk);
    state.lastByte = chunk[chunk.length - 1]!;
  }

  function endOfStream(state: AttemptState): void {
    if (state.finished) return;
    endParser(state);
    finishAttempt(state);
    emit({ kind: 'closed', message: 'the server ended the response', reason: 'end-of-stream', bytes: state.wireBytes });
    scheduleReconnect('end-of-stream');
  }

  function failHttp(status: number, statusText: string, headers: Record<string, string>, preview: string, reason: string, message: string): void {
    const retrying = !!options.retryHttpErrors && options.reconnect !== false;
    emit({ kind: 'error', message, status, statusText, headers, bodyPreview: preview, reason, final: !retrying });
    if (retrying) scheduleReconnect('http-error');
    else stop({ reason: 'http-error', ok: false }, `failed: ${message}`);
  }

  function armIdleTimer(state: AttemptState): void {
    if (idleTimeoutMs <= 0) return;
    // One timer re-armed for the remaining time, rather than reset on every chunk (cheap at high event rates).
    const check = (): void => {
      if (state.finished) return;
      const quiet = Date.now() - state.lastDataAt;
      if (quiet >= idleTimeoutMs) fail(state, 'idle-timeout', `no bytes for ${idleTimeoutMs} ms (idle timeout)`);
      else state.idleTimer = setTimeout(check, idleTimeoutMs - quiet);
    };
    state.idleTimer = setTimeout(check, Math.min(idleTimeoutMs, MAX_TIMER_MS));
  }

  function endParser(state: AttemptState): void {
    state.parser?.end();
  }

  function finishAttempt(state: AttemptState): void {
    if (state.finished) return;
    state.finished = true;
    clearTimeout(state.connectTimer);
    clearTimeout(state.idleTimer);
    clearTimeout(state.stallTimer);
    state.decoder?.destroy();
    state.request?.abort();
    if (current === state) current = undefined;
  }

  function fail(state: AttemptState, reason: string, message: string, simulated = false, details?: Record<string, unknown>): void {
    if (state.finished) return;
    endParser(state);
    finishAttempt(state);
    emit({ kind: 'error', message, reason, ...(state.res ? { bytes: state.wireBytes } : {}), ...(simulated ? { simulated: true } : {}), ...(details ? { details } : {}) });
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
    clearTimeout(state.stallTimer);
    res.pause(); // stop reading: bytes wait in the socket, the server sees back-pressure, the idle timer runs
    state.stallTimer = setTimeout(() => {
      state.stallTimer = undefined;
      if (!state.finished) res.resume();
    }, Math.min(ms, MAX_TIMER_MS));
  }

  function scheduleReconnect(reason: string, simulated = false): void {
    if (ending.stopped || timer) return;
    // Ending here is a normal end when the stream ended or we dropped it; a failure (network, timeout, TLS) is not.
    const ok = reason === 'end-of-stream' || reason === 'disconnect' || simulated;
    if (options.reconnect === false) {
      stop({ reason: 'no-reconnect', ok }, 'connection ended; reconnect is off');
      return;
    }
    if (options.body !== undefined && !options.resendBodyOnReconnect) {
      // Named by what a user can set (a profile, the CLI), not by the API option; only an automatic reconnect is
      // held back: a reconnect the user asks for (the inspector's Reconnect) sends the request, body included.
      stop({ reason: 'body-not-resent', ok }, 'connection ended; no automatic reconnect, which would send the request body again (allow it with the profile field reconnect.resendBody or --resend-body; Reconnect sends it again when you ask)');
      return;
    }
    failuresWithoutEvent++;
    const delay = computeBackoff(reconnectionTime, failuresWithoutEvent);
    const backoff = failuresWithoutEvent > 1;
    emit({
      kind: 'reconnect',
      message: `reconnecting in ${delay} ms${lastEventId ? ` with Last-Event-ID ${lastEventId}` : ''} (${reason}${backoff ? `, backoff after ${failuresWithoutEvent} attempts without an event` : ''})`,
      delay,
      reason,
      ...(lastEventId ? { lastEventIdSent: lastEventId } : {}),
      ...(simulated ? { simulated: true } : {}),
      details: { reconnectionTime, attemptsWithoutEvent: failuresWithoutEvent, ...(retryCapped ? { retryCapped: true } : {}) },
    });
    timer = setTimeout(() => { timer = undefined; open(); }, delay);
  }

  open();

  return {
    disconnect(request: DisconnectOptions = {}) {
      if (ending.stopped) return;
      const simulated = request.simulated ?? request.midEvent ?? false;
      const state = current;
      if (request.midEvent) {
        const message = request.message ?? 'simulated disconnect in the middle of an event';
        if (state?.parser) armMidEventCut(state, message);
        else pendingCut = message;
        return;
      }
      if (!state) return;
      fail(state, simulated ? 'simulated-disconnect' : 'disconnect', request.message ?? 'disconnected', simulated);
    },
    stall(ms: number) {
      if (ending.stopped || !(ms > 0)) return;
      if (current?.parser) stallResponse(current, ms);
      else pendingStallMs = ms;
    },
    close(how: CloseOptions = {}) {
      if (ending.stopped) return;
      const state = current;
      if (state) {
        endParser(state);
        finishAttempt(state);
      }
      stop({ reason: how.reason ?? 'closed-by-user', ok: true }, how.message ?? 'closed by the user');
    },
    done: ending.done,
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

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The first bytes of an unexpected response body, decoded when it is compressed; never waits more than 2 s. */
function readPreview(res: http.IncomingMessage, readBytes: number, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    res.destroy();
    done(Buffer.concat(chunks).subarray(0, readBytes));
  };
  let decoder: ContentDecoder;
  try {
    decoder = createContentDecoder(headerText(res.headers['content-encoding']), {
      onData: (chunk) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= readBytes) finish();
      },
      onError: finish,
      onEnd: finish,
    });
  } catch {
    decoder = createContentDecoder(undefined, { onData: (chunk) => { chunks.push(chunk); size += chunk.length; if (size >= readBytes) finish(); }, onError: finish, onEnd: finish });
  }
  res.on('data', (chunk: Buffer) => { if (!finished) decoder.write(chunk); });
  res.on('end', () => decoder.end());
  res.on('error', finish);
  const timer = setTimeout(finish, 2000);
}
