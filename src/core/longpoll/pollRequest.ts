import type * as http from 'node:http';
import { createContentDecoder, type ContentDecoder } from '../http/contentDecoder';
import { openHttpRequest, type HttpRequestErrorType, type RedirectHop } from '../http/httpRequest';
import { describeResponseCut, watchResponseCut } from '../http/responseCut';
import type { ProxyConfig } from '../http/proxy';

/** One complete answer to a poll. */
export interface PollAnswer {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  /** The body, content-encoding already undone. */
  body: Buffer;
  /** Bytes as received on the wire. */
  wireBytes: number;
  /** Milliseconds from sending the request to the response head: how long the server held it. */
  heldMs: number;
}

/** A poll that produced no complete answer; `received` is whatever body arrived (for a preview). */
export interface PollFailure {
  reason: HttpRequestErrorType | 'poll-timeout' | 'too-large' | 'bad-encoding' | 'aborted';
  message: string;
  received: Buffer;
  heldMs?: number;
  status?: number;
  headers?: http.IncomingHttpHeaders;
}

/** How one poll ended. */
export type PollOutcome = { ok: true; answer: PollAnswer } | ({ ok: false } & PollFailure);

/** A poll in flight. */
export interface InFlightPoll {
  /** Settles once, with the answer or the reason there is none. */
  readonly outcome: Promise<PollOutcome>;
  /** True once the response head has arrived. */
  readonly answered: boolean;
  /** Body bytes received so far. */
  readonly bytesReceived: number;
  /**
   * For an answer read as a stream (see {@link PollHooks.onHead}): stop keeping its body; only the first `keepBytes`
   * stay (for previews) and the answer's `body` is those. From then on the caller bounds what it holds.
   */
  release(keepBytes: number): void;
  /** The body kept so far: all of it, or after {@link release} its first bytes. */
  preview(): Buffer;
  /** Aborts the request; the outcome becomes `aborted`. */
  abort(message: string): void;
  /** Stops reading the response for `ms` (from the head's arrival if it has not come yet). */
  stall(ms: number): void;
}

/** What {@link sendPoll} sends. */
export interface PollRequestSpec {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
  maxBodyBytes: number;
  insecure?: boolean;
  ca?: string;
  proxy?: ProxyConfig;
  maxRedirects?: number;
}

/** What a poll reports while it runs. */
export interface PollHooks {
  /** A redirect was followed (Fetch rules, as for SSE). */
  onRedirect?(hop: RedirectHop): void;
  /** A piece of the decoded body arrived (for the raw-bytes log, and the decoder of a streamed answer). */
  onBodyChunk?(chunk: Buffer): void;
  /**
   * The response head arrived. Return true to read this answer as a stream: its body is still kept (and bounded by
   * `maxBodyBytes`) until {@link InFlightPoll.release}, and the timeout, which covered the hold, then counts only
   * silence (an answer that keeps sending is not cut for taking long).
   */
  onHead?(head: { status: number; statusText: string; headers: http.IncomingHttpHeaders; heldMs: number }): boolean;
}

/**
 * Sends one poll through the shared HTTP layer (redirects, proxy, TLS options) and reads its answer, content encoding
 * undone (a long-poll answer is finite: the server holds the request, then answers and ends). The timeout covers the
 * hold and the body together; for an answer the caller reads as a stream (`onHead`), the hold and then any silence.
 */
export function sendPoll(spec: PollRequestSpec, hooks: PollHooks = {}): InFlightPoll {
  const started = performance.now();
  const chunks: Buffer[] = [];
  let size = 0;
  let wireBytes = 0;
  let settled = false;
  let res: http.IncomingMessage | undefined;
  let decoder: ContentDecoder | undefined;
  let heldMs: number | undefined;
  let pendingStallMs = 0;
  let streamed = false;
  let retaining = true;
  let resolveOutcome!: (o: PollOutcome) => void;
  const outcome = new Promise<PollOutcome>((resolve) => { resolveOutcome = resolve; });

  const settle = (o: PollOutcome): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timeout);
    resolveOutcome(o);
  };
  const fail = (reason: PollFailure['reason'], message: string): void => {
    if (settled) return;
    settle({ ok: false, reason, message, received: Buffer.concat(chunks), ...(heldMs !== undefined ? { heldMs } : {}), ...(res ? { status: res.statusCode ?? 0, headers: res.headers } : {}) });
    decoder?.destroy();
    request.abort();
  };
  let timeout = setTimeout(() => {
    fail('poll-timeout', `no complete answer within ${spec.timeoutMs} ms (the client timeout should be longer than the server's hold)`);
  }, spec.timeoutMs);
  let lastBytesAt = 0;
  /** A streamed answer: the timeout becomes one for silence, re-armed for the time left rather than on every chunk. */
  const watchSilence = (): void => {
    clearTimeout(timeout);
    const check = (): void => {
      const quiet = performance.now() - lastBytesAt;
      if (quiet >= spec.timeoutMs) fail('poll-timeout', `nothing arrived for ${spec.timeoutMs} ms in a streamed answer (the poll timeout)`);
      else timeout = setTimeout(check, spec.timeoutMs - quiet);
    };
    timeout = setTimeout(check, spec.timeoutMs);
  };

  const pause = (ms: number): void => {
    if (!res || ms <= 0) return;
    const response = res;
    response.pause();
    setTimeout(() => { if (!settled) response.resume(); }, ms).unref();
  };

  const onResponse = (response: http.IncomingMessage): void => {
    res = response;
    heldMs = Math.round(performance.now() - started);
    if (pendingStallMs > 0) pause(pendingStallMs);
    streamed = hooks.onHead?.({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, heldMs }) ?? false;
    if (settled) return; // onHead may abort
    if (streamed) {
      lastBytesAt = performance.now();
      watchSilence();
    }
    try {
      decoder = createContentDecoder(response.headers['content-encoding'], {
        onData: (chunk) => {
          if (settled) return;
          size += chunk.length;
          if (retaining) {
            if (size > spec.maxBodyBytes) {
              fail('too-large', `the answer is larger than ${spec.maxBodyBytes} bytes`);
              return;
            }
            chunks.push(chunk);
          }
          hooks.onBodyChunk?.(chunk);
        },
        onError: (err) => fail('bad-encoding', err.message),
        onEnd: () => settle({ ok: true, answer: { status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, body: Buffer.concat(chunks), wireBytes, heldMs: heldMs ?? 0 } }),
      });
    } catch (err) {
      fail('bad-encoding', (err as Error).message);
      return;
    }
    response.on('data', (chunk: Buffer) => {
      if (settled) return;
      wireBytes += chunk.length;
      if (streamed) lastBytesAt = performance.now();
      decoder!.write(chunk);
    });
    response.on('end', () => { if (!settled) decoder!.end(); });
    const watch = watchResponseCut(response);
    const cutShort = (err?: NodeJS.ErrnoException): void => {
      fail('network', describeResponseCut(watch.cut(err), wireBytes, 'before the answer was complete'));
    };
    response.on('error', cutShort);
    response.on('close', () => { if (!response.complete) cutShort(); });
  };

  const request = openHttpRequest({
    url: spec.url,
    method: spec.method,
    headers: encodeHeaders(spec.headers),
    ...(spec.body !== undefined ? { body: spec.body } : {}),
    ...(spec.insecure ? { insecure: true } : {}),
    ...(spec.ca ? { ca: spec.ca } : {}),
    ...(spec.proxy ? { proxy: spec.proxy } : {}),
    ...(spec.maxRedirects !== undefined ? { maxRedirects: spec.maxRedirects } : {}),
  }, {
    onRedirect: (hop) => { if (!settled) hooks.onRedirect?.(hop); },
    onResponse: (response) => {
      if (settled) { response.destroy(); return; }
      onResponse(response);
    },
    onError: (type, message) => fail(type, message),
  });

  return {
    outcome,
    get answered() { return res !== undefined; },
    get bytesReceived() { return size; },
    preview: () => Buffer.concat(chunks),
    release(keepBytes) {
      if (!retaining) return;
      retaining = false;
      const kept = Buffer.concat(chunks).subarray(0, keepBytes);
      chunks.length = 0;
      chunks.push(kept);
    },
    abort: (message) => fail('aborted', message),
    stall(ms) {
      if (res) pause(ms);
      else pendingStallMs = Math.max(pendingStallMs, ms);
    },
  };
}

/** Node rejects non-Latin-1 header values; send UTF-8 bytes as Latin-1 characters (as `Last-Event-ID` is UTF-8). */
function encodeHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = /^[\x00-\x7f]*$/.test(value) ? value : Buffer.from(value, 'utf8').toString('latin1');
  }
  return out;
}
