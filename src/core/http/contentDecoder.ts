import { Transform, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';

/** Receives the decoded body. */
export interface ContentDecoderSink {
  onData(chunk: Buffer): void;
  /** The encoded stream is corrupt; no more data follows. */
  onError(error: Error): void;
  /** Everything written before `end()` has been delivered. */
  onEnd(): void;
}

/** Decodes a response body as it arrives. */
export interface ContentDecoder {
  write(chunk: Buffer): void;
  end(): void;
  destroy(): void;
}

/**
 * Creates a decoder for a `Content-Encoding` header value (`gzip`, `x-gzip`, `deflate`, `br`, `identity`, or a list
 * applied in order), or throws an Error naming an unsupported coding. Each chunk is decoded with a sync flush, so
 * every byte the server sent comes out at once: a compressed stream is never held back by us.
 */
export function createContentDecoder(contentEncoding: string | undefined, sink: ContentDecoderSink): ContentDecoder {
  const codings = (contentEncoding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) {
    return { write: (chunk) => sink.onData(chunk), end: () => sink.onEnd(), destroy: () => undefined };
  }
  for (const coding of codings) {
    if (!['gzip', 'x-gzip', 'deflate', 'br'].includes(coding)) throw new Error(`unsupported Content-Encoding "${coding}"`);
  }
  // Codings are listed in the order they were applied (RFC 9110 §8.4), so they are undone in reverse.
  const stages = codings.reverse().map((coding) => createStage(coding));
  let failed = false;
  const fail = (error: Error): void => {
    if (failed) return;
    failed = true;
    for (const stage of stages) stage.destroy();
    sink.onError(new Error(`cannot decode the ${contentEncoding} body: ${error.message}`));
  };
  for (let i = 0; i < stages.length; i++) {
    const stage = stages[i]!;
    const next = stages[i + 1];
    stage.on('error', fail);
    if (next) stage.pipe(next);
    else {
      stage.on('data', (chunk: Buffer) => { if (!failed) sink.onData(chunk); });
      stage.on('end', () => { if (!failed) sink.onEnd(); });
    }
  }
  const first = stages[0]!;
  return {
    write: (chunk) => { if (!failed) first.write(chunk); },
    end: () => { if (!failed) first.end(); },
    destroy: () => { failed = true; for (const stage of stages) stage.destroy(); },
  };
}

function createStage(coding: string): NodeJS.ReadWriteStream & { destroy(): void } {
  // A sync flush after every input chunk, and also at the end, so a stream cut mid-way yields what it had.
  const zlibFlush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (coding) {
    case 'br':
      return zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    case 'deflate':
      return createDeflateStage(zlibFlush);
    default:
      return zlib.createGunzip(zlibFlush);
  }
}

/**
 * HTTP `deflate` is meant to be zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw deflate; the first byte
 * tells them apart (a zlib header's low nibble is 8, "deflate").
 */
function createDeflateStage(options: zlib.ZlibOptions): NodeJS.ReadWriteStream & { destroy(): void } {
  return new DeflateSniffer(options);
}

class DeflateSniffer extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;
  constructor(private readonly options: zlib.ZlibOptions) { super(); }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (chunk.length === 0) return callback();
    if (!this.inner) {
      this.inner = (chunk[0]! & 0x0f) === 8 ? zlib.createInflate(this.options) : zlib.createInflateRaw(this.options);
      this.inner.on('data', (out: Buffer) => this.push(out));
      this.inner.on('error', (err) => this.destroy(err));
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.inner.once('end', () => callback());
    this.inner.end();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}
