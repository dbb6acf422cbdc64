import type * as http from 'node:http';
import { describeBodyStart } from '../http/bodyStart';
import type { RedirectHop } from '../http/httpRequest';
import type { ResolvedConnectOptions } from '../resolveOptions';
import type { LifecycleRecord, RecordDraft, UnnumberedRecord } from '../records';
import { redactHeaders, redactText } from '../redact';
import { TransportEnding, type CloseOptions, type DisconnectOptions, type RecordSink, type Transport, type TransportContext, type TransportEnd } from '../transport';
import { createIdContinuity } from './idContinuity';
import { resolveLongPollOptions } from './longPollOptions';
import { applyCursor, initialCursor, nextCursor } from './pollCursor';
import { decodePollBody, PollDecodeError, type DecodedPoll } from './pollDecoders';
import { pollBackoff } from './pollBackoff';
import { sendPoll, type InFlightPoll, type PollAnswer, type PollFailure } from './pollRequest';

/**
 * Controls of a long-poll connection. `disconnect` aborts the poll in flight (`midEvent` too: an answer is taken
 * whole or not at all, so there is no event to cut); `stall` stops reading the poll in flight for `ms` or, between
 * polls, delays the next poll by `ms`.
 */
export type LongPollTransport = Transport;

/** Bytes of a bad answer shown in its error record. */
const BODY_PREVIEW_BYTES = 512;

const DEFAULT_ACCEPT = 'application/json, application/x-ndjson;q=0.9, text/event-stream;q=0.8, */*;q=0.5';

/**
 * Runs a long-poll connection: a loop of held requests. After an answer with events, or an empty one (204, `[]`, an
 * empty body), the next poll goes out at once; after an error (network, HTTP status, a body that does not decode)
 * it waits 1 s doubling to 30 s with jitter, reset by the next good answer. The cursor travels from each answer to
 * the next poll; an answer is taken whole or not at all, so an aborted poll loses nothing: the next one asks again
 * from the same cursor.
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
  let current: { poll: InFlightPoll; number: number; cursorSent: string | undefined; url: URL; started: number; stalledMs: number } | undefined;
  let timer: NodeJS.Timeout | undefined;
  // While an answer's events are handed out, a drop asked for by a record listener waits for the end of the answer:
  // the answer arrived whole, so the drop lands after it.
  let delivering = false;
  let dropAfterAnswer: DisconnectOptions | undefined;
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
      onBodyChunk: (chunk) => {
        if (current?.poll !== poll) return;
        offsetInAttempt = context.rawLog ? context.rawLog.append(pollAttempt, chunk) : offsetInAttempt + chunk.length;
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

  function pollRecord(state: NonNullable<typeof current>, a: { status?: number; statusText?: string; headers?: http.IncomingHttpHeaders; heldMs?: number; bytes: number; events: number; outcome: string; extra?: Record<string, unknown> }): void {
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

  function onAnswer(state: NonNullable<typeof current>, answer: PollAnswer): void {
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

  function reportBadAnswer(answer: PollAnswer, why: string, reason: string): void {
    // Redacted before it is quoted in the message too: an error page may echo a credential it was sent.
    const preview = redactText(answer.body.subarray(0, BODY_PREVIEW_BYTES).toString('utf8'), secrets);
    const contentType = answer.headers['content-type'];
    fail(reason, `${why}; content-type ${contentType ?? '(none)'}; ${describeBodyStart(preview)}`, {
      status: answer.status,
      statusText: answer.statusText,
      headers: redactHeaders(flattenHeaders(answer.headers), secrets),
      bodyPreview: preview,
    });
  }

  function onFailure(state: NonNullable<typeof current>, failure: PollFailure): void {
    pollRecord(state, {
      ...(failure.status !== undefined ? { status: failure.status } : {}),
      ...(failure.headers ? { headers: failure.headers } : {}),
      ...(failure.heldMs !== undefined ? { heldMs: failure.heldMs } : {}),
      bytes: failure.received.length,
      events: 0,
      outcome: failure.reason,
    });
    const preview = failure.received.subarray(0, BODY_PREVIEW_BYTES).toString('utf8');
    fail(failure.reason, failure.message, preview ? { bodyPreview: redactText(preview, secrets) } : {});
  }

  /** Reports a failed poll and schedules the next one after the backoff (or stops when reconnect is off). */
  function fail(reason: string, message: string, extra: Partial<Pick<LifecycleRecord, 'status' | 'statusText' | 'headers' | 'bodyPreview'>> = {}, simulated = false): void {
    runOpen = false;
    const final = options.reconnect === false;
    emit({ kind: 'error', message, reason, ...extra, ...(simulated ? { simulated: true } : {}), ...(final ? { final: true } : {}) });
    if (final) {
      const failed = !simulated && reason !== 'disconnect';
      stop({ reason: reason === 'http-status' ? 'http-error' : 'no-reconnect', ok: !failed }, 'poll failed; reconnect is off');
      return;
    }
    failures++;
    const delay = pollBackoff(failures);
    emit({
      kind: 'reconnect',
      message: `next poll in ${delay} ms${cursor !== undefined ? ` from cursor ${cursor}` : ''} (${reason}; failure ${failures} in a row)`,
      delay,
      reason,
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
      if (delivering) {
        dropAfterAnswer ??= reason ?? {};
        return;
      }
      const state = current;
      if (!state) {
        // Between two polls of a run (not during a backoff, when there is nothing to drop): the next poll waits.
        if (runOpen) dropBetweenPolls(reason ?? {}, 'between polls');
        return;
      }
      current = undefined;
      state.poll.abort('disconnected');
      const simulated = reason?.simulated ?? false;
      pollRecord(state, { bytes: state.poll.bytesReceived, events: 0, outcome: 'aborted', extra: { answered: state.poll.answered } });
      const note = reason?.midEvent ? ' (a long-poll answer is taken whole, so a mid-event drop is a plain abort)' : '';
      fail(simulated ? 'simulated-disconnect' : 'disconnect', `${reason?.message ?? 'disconnected'}: the poll in flight was aborted; the next poll asks again from cursor ${cursor ?? '(none)'}${note}`, {}, simulated);
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
