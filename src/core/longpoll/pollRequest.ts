import * as http from 'node:http';
import * as https from 'node:https';
import * as zlib from 'node:zlib';

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
  reason: 'network' | 'poll-timeout' | 'too-large' | 'bad-encoding' | 'aborted';
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
}

/**
 * Sends one poll and reads its whole answer (a long-poll answer is finite: the server holds the request, then
 * answers and ends). The timeout covers the hold and the body together.
 */
export function sendPoll(spec: PollRequestSpec): InFlightPoll {
  const started = performance.now();
  const chunks: Buffer[] = [];
  let size = 0;
  let settled = false;
  let res: http.IncomingMessage | undefined;
  let heldMs: number | undefined;
  let pendingStallMs = 0;
  let resolveOutcome!: (o: PollOutcome) => void;
  const outcome = new Promise<PollOutcome>((resolve) => { resolveOutcome = resolve; });
  const client = spec.url.protocol === 'https:' ? https : http;
  const req = client.request(spec.url, {
    method: spec.method,
    headers: encodeHeaders(spec.headers),
    ...(spec.url.protocol === 'https:' ? { rejectUnauthorized: !spec.insecure, ...(spec.ca ? { ca: spec.ca } : {}) } : {}),
  });

  const settle = (o: PollOutcome): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timeout);
    resolveOutcome(o);
  };
  const fail = (reason: PollFailure['reason'], message: string): void => {
    if (settled) return;
    settle({ ok: false, reason, message, received: Buffer.concat(chunks), ...(heldMs !== undefined ? { heldMs } : {}), ...(res ? { status: res.statusCode ?? 0, headers: res.headers } : {}) });
    req.destroy();
  };
  const timeout = setTimeout(() => {
    fail('poll-timeout', `no complete answer within ${spec.timeoutMs} ms (the client timeout should be longer than the server's hold)`);
  }, spec.timeoutMs);

  const pause = (ms: number): void => {
    if (!res || ms <= 0) return;
    const response = res;
    response.pause();
    setTimeout(() => { if (!settled) response.resume(); }, ms).unref();
  };

  req.on('response', (response) => {
    res = response;
    heldMs = Math.round(performance.now() - started);
    if (pendingStallMs > 0) pause(pendingStallMs);
    response.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > spec.maxBodyBytes) {
        fail('too-large', `the answer is larger than ${spec.maxBodyBytes} bytes`);
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => {
      if (settled) return;
      const wire = Buffer.concat(chunks);
      let body: Buffer;
      try {
        body = decodeContentEncoding(wire, response.headers['content-encoding']);
      } catch (err) {
        fail('bad-encoding', `the body does not decode as ${response.headers['content-encoding']}: ${(err as Error).message}`);
        return;
      }
      settle({ ok: true, answer: { status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, body, wireBytes: wire.length, heldMs: heldMs ?? 0 } });
    });
    response.on('error', (err) => fail('network', err.message));
    response.on('close', () => {
      if (!response.complete) fail('network', 'the server closed the connection before the answer was complete');
    });
  });
  req.on('error', (err) => fail('network', err.message));
  if (spec.body !== undefined) req.end(spec.body);
  else req.end();

  return {
    outcome,
    get answered() { return res !== undefined; },
    get bytesReceived() { return size; },
    abort: (message) => fail('aborted', message),
    stall(ms) {
      if (res) pause(ms);
      else pendingStallMs = Math.max(pendingStallMs, ms);
    },
  };
}

function decodeContentEncoding(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'gzip': case 'x-gzip': return zlib.gunzipSync(body);
    case 'deflate': return zlib.inflateSync(body);
    case 'br': return zlib.brotliDecompressSync(body);
    default: return body;
  }
}

/** Node rejects non-Latin-1 header values; send UTF-8 bytes as Latin-1 characters (as `Last-Event-ID` is UTF-8). */
function encodeHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = /^[\x00-\x7f]*$/.test(value) ? value : Buffer.from(value, 'utf8').toString('latin1');
  }
  return out;
}
