import type * as http from 'node:http';
import { describeBodyStart } from '../http/bodyStart';
import type { RedirectHop } from '../http/httpRequest';
import type { ResolvedConnectOptions } from '../resolveOptions';
import type { LifecycleRecord, RecordDraft, UnnumberedRecord } from '../records';
import { previewReadBytes, redactedPreview } from '../http/bodyPreview';
import { redactHeaders, redactText } from '../redact';
import { TransportEnding, type CloseOptions, type DisconnectOptions, type RecordSink, type Transport, type TransportContext, type TransportEnd } from '../transport';
import { createIdContinuity } from './idContinuity';
import { resolveLongPollOptions } from './longPollOptions';
import { applyCursor, initialCursor, nextCursor } from './pollCursor';
import { createMidLineCutter, type MidLineCutter } from './midLineCut';
import { createNdjsonLineStream, NdjsonLineTooLong, type NdjsonLineStream } from './ndjsonLineStream';
import { decodePollBody, decodesLineByLine, PollDecodeError, type DecodedPoll } from './pollDecoders';
import type { PollItem } from './pollItems';
import { pollBackoff } from './pollBackoff';
import { sendPoll, type InFlightPoll, type PollAnswer, type PollFailure } from './pollRequest';

/**
 * Controls of a long-poll connection. `disconnect` aborts the poll in flight; `midEvent` cuts a streamed NDJSON answer
 * inside its next line (after some of its bytes, before its newline), and is a plain abort for an answer taken whole;
 * `stall` stops reading the poll in flight for `ms` or, between polls, delays the next poll by `ms`.
 */
export type LongPollTransport = Transport;

/**
 * An NDJSON answer read line by line as it arrives. `pending` until its first line decodes: the body is still kept
 * whole, so an answer that turns out not to be NDJSON (an HTML page, a bad first line) falls back to the whole-answer
 * decoder (`whole`) and gives the very records it gives today; `streaming` once a line was handed out.
 */
interface StreamedAnswer {
  phase: 'pending' | 'streaming' | 'whole';
  lines: NdjsonLineStream;
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  heldMs: number;
  events: number;
  lastId: string | null;
  /** Events that were not duplicates, and those of them with an id: whether the answer made progress. */
  fresh: number;
  freshWithId: number;
  /** A mid-event drop armed on this answer: its message; the cutter finds the next line's bytes. */
  cut?: string;
  cutter?: MidLineCutter;
}

interface PollState {
  poll: InFlightPoll;
  number: number;
  cursorSent: string | undefined;
  url: URL;
  started: number;
  stalledMs: number;
  stream?: StreamedAnswer;
}

/** Bytes of a bad answer shown in its error record. */
const BODY_PREVIEW_BYTES = 512;

const DEFAULT_ACCEPT = 'application/json, application/x-ndjson;q=0.9, text/event-stream;q=0.8, */*;q=0.5';

/**
 * Runs a long-poll connection: a loop of held requests. After an answer with events, or an empty one (204, `[]`, an
 * empty body), the next poll goes out at once; after an error (network, HTTP status, a body that does not decode)
 * it waits 1 s doubling to 30 s with jitter, reset by the next good answer. The cursor travels from each answer to
 * the next poll; an answer read whole is taken whole or not at all, so an aborted poll loses nothing: the next one
 * asks again from the same cursor. An NDJSON answer is read line by line as it arrives (its `poll` record comes when
 * it ends); if it stops early, the lines already handed out stay and the cursor moves past them.
 *
 * Records: `connecting` when a run of polls starts (at first and after each failure), `open` on its first good
 * answer, one `poll` per request (cursor sent, hold time, status, events, bytes), then that answer's events; on a
 * failure `error` (with the first bytes of a bad body) and `reconnect` (the backoff delay).
 */
export function createLongPollTransport(options: ResolvedConnectOptions, sink: RecordSink, context: TransportContext = {}): LongPollTransport {
  const config = resolveLongPollOptions(options.longPoll);
  const method = (options.method ?? 'GET').toUpperCase();
  const secrets = options.secretValues ?? [];
  const ids = createIdContinuity();
  let cursor = initialCursor(config, options.lastEventId);
  let lastEventId = options.lastEventId ?? '';
  let attempt = 0;
  let offsetInAttempt = 0; // decoded body bytes of this run of polls: records' `rawOffset` into the raw-bytes log
  let polls = 0;
  let failures = 0;
  let runOpen = false; // a `connecting` record started the current run of polls
  let answeredInRun = false;
  let current: PollState | undefined;
  let timer: NodeJS.Timeout | undefined;
  // While an answer's events are handed out, a drop asked for by a record listener waits for the end of the answer:
  // the answer arrived whole, so the drop lands after it.
  let delivering = false;
  let dropAfterAnswer: DisconnectOptions | undefined;
  // A mid-event drop armed on a streamed answer that ended before another line came: it cuts the next poll's answer.
  let carriedCut: string | undefined;
  let streamedBefore = false; // this endpoint has streamed an answer: a mid-event drop waits for the next one
  let nextPollAt = 0;
  let stallUntil = 0;
  let stalledBeforeNext = 0;

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

  function requestFor(sentCursor: string | undefined): { url: URL; headers: Record<string, string> } {
    const url = new URL(options.url);
    const headers: Record<string, string> = { Accept: DEFAULT_ACCEPT };
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
      headers[name] = value;
    }
    applyCursor(url, headers, sentCursor, config);
    return { url, headers };
  }

  function startPoll(): void {
    timer = undefined;
    if (ending.stopped) return;
    const sentCursor = cursor;
    const { url, headers } = requestFor(sentCursor);
    const shownUrl = redactText(url.href, secrets);
    if (!runOpen) {
      runOpen = true;
      answeredInRun = false;
      attempt++;
      offsetInAttempt = 0;
      emit({
        kind: 'connecting',
        message: `${method} ${shownUrl} (long polling${sentCursor !== undefined ? `, cursor ${sentCursor}` : ''})`,
        method,
        url: shownUrl,
        headers: redactHeaders(headers, secrets),
        ...(sentCursor !== undefined && config.sendLastEventId ? { lastEventIdSent: sentCursor } : {}),
        details: {
          mode: 'long-poll',
          cursor: sentCursor ?? null,
          timeoutMs: config.timeoutMs,
          ...(options.insecure ? { warning: 'TLS certificate verification is disabled for this connection' } : {}),
        },
      });
    }
    polls++;
    const pollAttempt = attempt;
    const poll = sendPoll({
      url, method, headers, timeoutMs: config.timeoutMs, maxBodyBytes: config.maxBodyBytes,
      ...(options.body !== undefined ? { body: options.body } : {}),
      ...(options.insecure ? { insecure: true } : {}),
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.proxy ? { proxy: options.proxy } : {}),
      ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
    }, {
      onRedirect: (hop) => { if (current?.poll === poll) emitRedirect(hop); },
      onHead: (head) => {
        const state = current;
        if (state?.poll !== poll) return false;
        const streams = head.status >= 200 && head.status <= 299 && head.status !== 204 && decodesLineByLine(head.headers['content-type'], config.format);
        if (streams) state.stream = startStream(state, head);
        if (carriedCut !== undefined) {
          const message = carriedCut;
          carriedCut = undefined;
          if (state.stream) state.stream.cut = message;
          else abortInFlight(state, { simulated: true, message, midEvent: true });
        }
        return streams;
      },
      onBodyChunk: (chunk) => {
        const state = current;
        if (state?.poll !== poll) return;
        if (state.stream && state.stream.phase !== 'whole') onStreamChunk(state, state.stream, chunk, pollAttempt);
        else logRaw(pollAttempt, chunk);
      },
    });
    const state = { poll, number: polls, cursorSent: sentCursor, url, started: Date.now(), stalledMs: stalledBeforeNext };
    stalledBeforeNext = 0;
    current = state;
    void poll.outcome.then((outcome) => {
      if (current !== state) return; // aborted by disconnect() or close(), which reported it
      current = undefined;
      if (outcome.ok) onAnswer(state, outcome.answer);
      else onFailure(state, outcome);
    }).catch((err: unknown) => {
      // Only a record listener can throw here; the loop must not die silently with an unhandled rejection.
      console.error('[stream-debugger] long-poll record listener failed:', err);
    });
  }

  function logRaw(pollAttempt: number, chunk: Buffer): void {
    if (chunk.length) offsetInAttempt = context.rawLog ? context.rawLog.append(pollAttempt, chunk) : offsetInAttempt + chunk.length;
  }

  function startStream(state: PollState, head: { status: number; statusText: string; headers: http.IncomingHttpHeaders; heldMs: number }): StreamedAnswer {
    const s: StreamedAnswer = {
      phase: 'pending', status: head.status, statusText: head.statusText, headers: head.headers, heldMs: head.heldMs, events: 0, lastId: null, fresh: 0, freshWithId: 0,
      lines: createNdjsonLineStream(config, {
        onItem: (item) => deliverLine(state, s, item),
        // A drop, a cut or a close asked for while a line was handed out: the rest of the chunk waits (or is dropped).
        stopAfterLine: () => current !== state || ending.stopped || s.cut !== undefined,
        maxLineBytes: config.maxBodyBytes,
      }),
    };
    return s;
  }

  /** Feeds one piece of a streamed answer; cuts it mid-line when a cut is armed. */
  function onStreamChunk(state: PollState, s: StreamedAnswer, chunk: Buffer, pollAttempt: number): void {
    let at = 0;
    while (at < chunk.length && current === state && !ending.stopped && s.phase !== 'whole') {
      if (s.cut !== undefined) {
        if (s.lines.inLine) { cutMidLine(state, s); return; }
        s.cutter ??= createMidLineCutter();
        const rest = chunk.subarray(at);
        const point = s.cutter.cutPoint(rest);
        // Up to the cut there are only blank bytes: no line completes.
        feedLines(state, s, point === -1 ? rest : rest.subarray(0, point), pollAttempt);
        if (point !== -1) cutMidLine(state, s);
        return;
      }
      at = feedLines(state, s, chunk.subarray(at), pollAttempt) + at;
    }
    if (s.phase === 'whole' && at < chunk.length) logRaw(pollAttempt, chunk.subarray(at));
  }

  /** Decodes the lines of `bytes`; returns how far it read (less than all when a line's delivery asked to stop). */
  function feedLines(state: PollState, s: StreamedAnswer, bytes: Buffer, pollAttempt: number): number {
    logRaw(pollAttempt, bytes);
    let read: number;
    try {
      read = s.lines.feed(bytes);
    } catch (err) {
      if (err instanceof NdjsonLineTooLong) {
        // Checked before the line is decoded, so a line over the bound is no event whether or not its newline came
        // in the same chunk. (Before the first line, the poll's own bound on the whole body applies first.)
        const how = err.complete ? '' : ', still without its newline';
        streamFailed(state, s, 'too-large', `the answer is larger than ${config.maxBodyBytes} bytes (one NDJSON line of more than ${config.maxBodyBytes} bytes${how})`, 'too-large');
        return bytes.length;
      }
      if (s.phase === 'pending') {
        // Not NDJSON after all (an HTML page, a first line that does not parse): the whole answer decides, as before.
        s.phase = 'whole';
        return bytes.length;
      }
      streamFailed(state, s, err instanceof PollDecodeError ? err.type : 'decode-failed', (err as Error).message, 'bad answer');
      return bytes.length;
    }
    return read;
  }

  /** One line of a streamed answer becomes an event record, with the checks the whole-answer path applies. */
  function deliverLine(state: PollState, s: StreamedAnswer, item: PollItem): void {
    if (s.phase === 'pending') {
      s.phase = 'streaming';
      streamedBefore = true;
      state.poll.release(previewReadBytes(BODY_PREVIEW_BYTES, secrets)); // from here on only the unfinished line is held, bounded by maxBodyBytes
      failures = 0;
      if (!answeredInRun) {
        answeredInRun = true;
        emit({ kind: 'open', message: `HTTP ${s.status} ${s.statusText}`.trim(), status: s.status, statusText: s.statusText, headers: redactHeaders(flattenHeaders(s.headers), secrets) });
      }
    }
    s.events++;
    if (item.id !== null) {
      lastEventId = item.id; // persists across events and polls, as in SSE
      s.lastId = item.id;
    }
    const eventFlags = ids.check(item.id);
    if (!eventFlags.includes('duplicate')) {
      s.fresh++;
      if (item.id !== null) s.freshWithId++;
    }
    emit({ kind: 'event', type: item.type, data: item.data, id: item.id, lastEventId, bytes: item.bytes, ...(eventFlags.length ? { flags: eventFlags } : {}) });
  }

  /**
   * A streamed answer stops before its end: its unfinished line becomes a `discarded` record, and with cursors taken
   * from ids the cursor moves past the lines already handed out (as SSE's Last-Event-ID does), so the next poll
   * neither loses nor repeats them.
   */
  function streamStoppedEarly(s: StreamedAnswer | undefined): void {
    if (!s || s.phase === 'whole') return;
    const partial = s.lines.pendingText();
    if (partial !== '') emit({ kind: 'discarded', text: partial });
    if (s.phase === 'streaming' && config.cursorFrom === 'last-id' && s.lastId !== null) {
      cursor = nextCursor(cursor, { lastId: s.lastId, headers: {} }, config).cursor;
    }
  }

  function streamFailed(state: PollState, s: StreamedAnswer, reason: string, message: string, outcome: string): void {
    current = undefined;
    state.poll.abort(reason);
    streamStoppedEarly(s);
    pollRecord(state, { status: s.status, statusText: s.statusText, headers: s.headers, heldMs: s.heldMs, bytes: state.poll.bytesReceived, events: s.events, outcome, extra: { format: 'ndjson', streamed: true } });
    const preview = redactedPreview(state.poll.preview(), BODY_PREVIEW_BYTES, secrets);
    fail(reason, `${message}; content-type ${s.headers['content-type'] ?? '(none)'}; ${describeBodyStart(preview)}`, {
      status: s.status, statusText: s.statusText, headers: redactHeaders(flattenHeaders(s.headers), secrets), bodyPreview: preview,
    });
  }

  /** The simulated drop in the middle of a line: part of it arrived, never its newline; it is discarded. */
  function cutMidLine(state: PollState, s: StreamedAnswer): void {
    const partialBytes = s.lines.pendingBytes;
    current = undefined;
    state.poll.abort('simulated disconnect in the middle of a line');
    streamStoppedEarly(s);
    pollRecord(state, { status: s.status, statusText: s.statusText, headers: s.headers, heldMs: s.heldMs, bytes: state.poll.bytesReceived, events: s.events, outcome: 'cut mid-line', extra: { answered: true, format: 'ndjson', streamed: true } });
    fail('simulated-disconnect', `${s.cut ?? 'simulated disconnect in the middle of an event'}: the answer was cut after ${partialBytes} byte${partialBytes === 1 ? '' : 's'} of a line, before its newline; the next poll asks from cursor ${cursor ?? '(none)'}`, { details: { midEvent: true } }, true);
  }

  /** Aborts the poll in flight for a drop; the next poll asks from the cursor. */
  function abortInFlight(state: PollState, reason: DisconnectOptions): void {
    current = undefined;
    state.poll.abort('disconnected');
    const s = state.stream;
    streamStoppedEarly(s);
    const simulated = reason.simulated ?? false;
    const streamed = s && s.phase !== 'whole' ? s : undefined;
    pollRecord(state, { bytes: state.poll.bytesReceived, events: streamed?.events ?? 0, outcome: 'aborted', extra: { answered: state.poll.answered, ...(streamed ? { format: 'ndjson', streamed: true } : {}) } });
    const note = reason.midEvent && !streamed ? ' (this answer is taken whole, so a mid-event drop is a plain abort)' : '';
    fail(simulated ? 'simulated-disconnect' : 'disconnect', `${reason.message ?? 'disconnected'}: the poll in flight was aborted; the next poll asks ${streamed?.events ? '' : 'again '}from cursor ${cursor ?? '(none)'}${note}`, {}, simulated);
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

  function pollRecord(state: PollState, a: { status?: number; statusText?: string; headers?: http.IncomingHttpHeaders; heldMs?: number; bytes: number; events: number; outcome: string; extra?: Record<string, unknown> }): void {
    const held = a.heldMs !== undefined ? `held ${formatMs(a.heldMs)}` : 'no answer';
    emit({
      kind: 'poll',
      message: `poll ${state.number}${state.cursorSent !== undefined ? ` from cursor ${state.cursorSent}` : ''}: ${a.status ? `HTTP ${a.status}, ` : ''}${held}, ${a.events} event${a.events === 1 ? '' : 's'}, ${a.bytes} bytes${a.outcome ? ` (${a.outcome})` : ''}`,
      method,
      url: redactText(state.url.href, secrets),
      ...(a.status !== undefined ? { status: a.status, statusText: a.statusText ?? '' } : {}),
      ...(a.headers ? { headers: redactHeaders(flattenHeaders(a.headers), secrets) } : {}),
      ...(state.cursorSent !== undefined && config.sendLastEventId ? { lastEventIdSent: state.cursorSent } : {}),
      bytes: a.bytes,
      details: {
        poll: state.number,
        cursorSent: state.cursorSent ?? null,
        ...(a.heldMs !== undefined ? { heldMs: a.heldMs } : {}),
        durationMs: Date.now() - state.started,
        events: a.events,
        ...(state.stalledMs ? { stalledMs: state.stalledMs } : {}),
        ...a.extra,
      },
    });
  }

  function onAnswer(state: PollState, answer: PollAnswer): void {
    if (state.stream?.phase === 'streaming') {
      onStreamEnd(state, state.stream, answer);
      return;
    }
    const { status } = answer;
    const contentType = answer.headers['content-type'];
    const base = { status, statusText: answer.statusText, headers: answer.headers, heldMs: answer.heldMs, bytes: answer.wireBytes };
    if (status < 200 || status > 299) {
      pollRecord(state, { ...base, events: 0, outcome: 'error' });
      const redirect = status >= 300 && status < 400 ? ' (a redirect without a Location header)' : '';
      reportBadAnswer(answer, `HTTP ${status} ${answer.statusText}`.trim() + redirect, 'http-status');
      return;
    }
    let decoded: DecodedPoll;
    try {
      decoded = status === 204 ? { format: 'empty', entries: [] } : decodePollBody(answer.body, contentType, config);
    } catch (err) {
      pollRecord(state, { ...base, events: 0, outcome: 'bad answer' });
      reportBadAnswer(answer, (err as Error).message, err instanceof PollDecodeError ? err.type : 'decode-failed');
      return;
    }
    failures = 0;
    if (!answeredInRun) {
      answeredInRun = true;
      emit({ kind: 'open', message: `HTTP ${status} ${answer.statusText}`.trim(), status, statusText: answer.statusText, headers: redactHeaders(flattenHeaders(answer.headers), secrets) });
    }
    const events = decoded.entries.filter((e) => e.kind === 'event');
    const lastId = [...events].reverse().find((e) => e.id !== null)?.id ?? null;
    const step = nextCursor(cursor, { lastId, json: decoded.json, headers: answer.headers }, config);
    const flags = step.backwards ? ['cursor-backwards'] : [];
    pollRecord(state, {
      ...base,
      events: events.length,
      outcome: [status === 204 ? 'no content' : events.length === 0 ? 'empty' : '', step.backwards ? `cursor went back to ${step.cursor}` : ''].filter(Boolean).join('; '),
      extra: {
        format: decoded.format,
        ...(decoded.eventsPath ? { eventsPath: decoded.eventsPath } : {}),
        nextCursor: step.cursor ?? null,
        ...(flags.length ? { flags } : {}),
        ...(step.problem ? { cursorProblem: step.problem } : {}),
      },
    });
    cursor = step.cursor; // the answer is in: its cursor holds even if a drop follows its events
    let progressed = false; // a new id, or a moved cursor: the server is not repeating itself
    delivering = true;
    for (const entry of decoded.entries) {
      if (entry.kind !== 'event') {
        emit(entry);
        continue;
      }
      if (entry.id !== null) lastEventId = entry.id; // persists across events and polls, as in SSE
      const eventFlags = ids.check(entry.id);
      if (!eventFlags.includes('duplicate') && (entry.id !== null || step.changed)) progressed = true;
      emit({ kind: 'event', type: entry.type, data: entry.data, id: entry.id, lastEventId, bytes: entry.bytes, ...(eventFlags.length ? { flags: eventFlags } : {}) });
    }
    delivering = false;
    if (ending.stopped) return; // a record listener may have closed the connection
    if (dropAfterAnswer) {
      const how = dropAfterAnswer;
      dropAfterAnswer = undefined;
      dropBetweenPolls(how, 'after the answer that was being delivered (a long-poll answer arrives whole)');
      return;
    }
    // New events, or an answer the server held: at once. An answer that came back at once with nothing new (empty,
    // or only repeats because the server ignores the cursor) waits out minIntervalMs, so the loop cannot spin.
    const sinceStart = Date.now() - state.started;
    schedule(progressed ? 0 : Math.max(0, config.minIntervalMs - sinceStart));
  }

  /** A streamed answer ended: its last line (if it had no newline), then its poll record, the cursor, the next poll. */
  function onStreamEnd(state: PollState, s: StreamedAnswer, answer: PollAnswer): void {
    delivering = true; // a drop asked for while the last line is handed out lands after the answer
    try {
      s.lines.end();
    } catch (err) {
      delivering = false;
      if (ending.stopped) return;
      const how = dropAfterAnswer;
      dropAfterAnswer = undefined;
      pollRecord(state, { status: s.status, statusText: s.statusText, headers: s.headers, heldMs: s.heldMs, bytes: answer.wireBytes, events: s.events, outcome: 'bad answer', extra: { format: 'ndjson', streamed: true } });
      streamStoppedEarly(s);
      const preview = redactedPreview(answer.body, BODY_PREVIEW_BYTES, secrets);
      fail(err instanceof PollDecodeError ? err.type : 'decode-failed', `${(err as Error).message}; content-type ${s.headers['content-type'] ?? '(none)'}; ${describeBodyStart(preview)}`, {
        status: s.status, statusText: s.statusText, headers: redactHeaders(flattenHeaders(s.headers), secrets), bodyPreview: preview,
      }, how?.simulated ?? false);
      return;
    }
    delivering = false;
    if (ending.stopped) return;
    const step = nextCursor(cursor, { lastId: s.lastId, headers: answer.headers }, config);
    const flags = step.backwards ? ['cursor-backwards'] : [];
    pollRecord(state, {
      status: s.status, statusText: s.statusText, headers: s.headers, heldMs: s.heldMs, bytes: answer.wireBytes, events: s.events,
      outcome: [s.events === 0 ? 'empty' : '', step.backwards ? `cursor went back to ${step.cursor}` : ''].filter(Boolean).join('; '),
      extra: {
        format: 'ndjson',
        streamed: true,
        nextCursor: step.cursor ?? null,
        ...(flags.length ? { flags } : {}),
        ...(step.problem ? { cursorProblem: step.problem } : {}),
      },
    });
    cursor = step.cursor;
    if (s.cut !== undefined) carriedCut = s.cut; // no line came after the cut was armed: the next answer is cut
    if (dropAfterAnswer) {
      const how = dropAfterAnswer;
      dropAfterAnswer = undefined;
      dropBetweenPolls(how, 'after the answer that was being delivered');
      return;
    }
    const progressed = s.freshWithId > 0 || (step.changed && s.fresh > 0);
    const sinceStart = Date.now() - state.started;
    schedule(progressed ? 0 : Math.max(0, config.minIntervalMs - sinceStart));
  }

  function reportBadAnswer(answer: PollAnswer, why: string, reason: string): void {
    // Redacted before it is quoted in the message too: an error page may echo a credential it was sent.
    const preview = redactedPreview(answer.body, BODY_PREVIEW_BYTES, secrets);
    const contentType = answer.headers['content-type'];
    fail(reason, `${why}; content-type ${contentType ?? '(none)'}; ${describeBodyStart(preview)}`, {
      status: answer.status,
      statusText: answer.statusText,
      headers: redactHeaders(flattenHeaders(answer.headers), secrets),
      bodyPreview: preview,
    });
  }

  function onFailure(state: PollState, failure: PollFailure): void {
    const streamed = state.stream?.phase === 'streaming' ? state.stream : undefined;
    streamStoppedEarly(streamed);
    pollRecord(state, {
      ...(failure.status !== undefined ? { status: failure.status } : {}),
      ...(failure.headers ? { headers: failure.headers } : {}),
      ...(failure.heldMs !== undefined ? { heldMs: failure.heldMs } : {}),
      bytes: streamed ? state.poll.bytesReceived : failure.received.length,
      events: streamed?.events ?? 0,
      outcome: failure.reason,
      ...(streamed ? { extra: { format: 'ndjson', streamed: true } } : {}),
    });
    const preview = redactedPreview(failure.received, BODY_PREVIEW_BYTES, secrets);
    fail(failure.reason, failure.message, preview ? { bodyPreview: preview } : {});
  }

  /** Reports a failed poll and schedules the next one after the backoff (or stops when reconnect is off). */
  function fail(reason: string, message: string, extra: Partial<Pick<LifecycleRecord, 'status' | 'statusText' | 'headers' | 'bodyPreview' | 'details'>> = {}, simulated = false): void {
    runOpen = false;
    const final = options.reconnect === false;
    // A drop we made (simulated, or asked for) is no failure of the server: it neither counts nor backs off.
    const failed = !simulated && reason !== 'disconnect';
    emit({ kind: 'error', message, reason, ...extra, ...(simulated ? { simulated: true } : {}), ...(final ? { final: true } : {}) });
    if (final) {
      stop({ reason: reason === 'http-status' ? 'http-error' : 'no-reconnect', ok: !failed }, 'poll failed; reconnect is off');
      return;
    }
    if (failed) failures++;
    const delay = pollBackoff(failed ? failures : 1);
    emit({
      kind: 'reconnect',
      message: `next poll in ${delay} ms${cursor !== undefined ? ` from cursor ${cursor}` : ''} (${failed ? `${reason}; failure ${failures} in a row` : simulated ? 'simulated disconnect' : 'disconnected'})`,
      delay,
      reason,
      ...(simulated ? { simulated: true } : {}),
      ...(cursor !== undefined && config.sendLastEventId ? { lastEventIdSent: cursor } : {}),
    });
    schedule(delay);
  }

  /** A drop when no poll is in flight: the next poll is not sent at once but after the backoff, from the cursor. */
  function dropBetweenPolls(how: DisconnectOptions, when: string): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const simulated = how.simulated ?? false;
    fail(simulated ? 'simulated-disconnect' : 'disconnect', `${how.message ?? 'disconnected'} ${when}; the next poll asks from cursor ${cursor ?? '(none)'}`, {}, simulated);
  }

  function schedule(delay: number): void {
    if (ending.stopped) return;
    const now = Date.now();
    nextPollAt = Math.max(now + delay, stallUntil);
    if (timer) clearTimeout(timer);
    timer = setTimeout(startPoll, nextPollAt - now);
  }

  startPoll();

  return {
    disconnect(reason?: DisconnectOptions) {
      if (ending.stopped) return;
      const state = current;
      if (reason?.midEvent) {
        const message = reason.message ?? 'simulated disconnect in the middle of an event';
        const s = state?.stream;
        if (state && s && s.phase !== 'whole') {
          // A streamed answer: cut inside its next line (at once if one is in progress).
          s.cut = message;
          if (s.lines.inLine) cutMidLine(state, s);
          return;
        }
        // The last line of a streamed answer is being handed out, or the next poll is still held: cut its answer.
        if ((delivering && streamedBefore && !dropAfterAnswer) || (state && !state.poll.answered && streamedBefore)) {
          carriedCut = message;
          return;
        }
      }
      if (delivering) {
        dropAfterAnswer ??= reason ?? {};
        return;
      }
      if (!state) {
        // Between two polls of a run (not during a backoff, when there is nothing to drop): the next poll waits.
        if (runOpen) dropBetweenPolls(reason ?? {}, 'between polls');
        return;
      }
      abortInFlight(state, reason ?? {});
    },
    stall(ms) {
      if (ending.stopped || !(ms > 0)) return;
      if (current) {
        current.poll.stall(ms);
        current.stalledMs += ms;
        return;
      }
      stallUntil = Math.max(stallUntil, Date.now() + ms);
      stalledBeforeNext += ms;
      if (timer) schedule(Math.max(0, nextPollAt - Date.now()));
    },
    close(how: CloseOptions = {}) {
      if (ending.stopped) return;
      const state = current;
      current = undefined;
      state?.poll.abort('closed');
      if (state?.stream?.lines.inLine) emit({ kind: 'discarded', text: state.stream.lines.pendingText() });
      stop({ reason: how.reason ?? 'closed-by-user', ok: true }, how.message ?? 'closed by the user');
    },
    done: ending.done,
  };
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
