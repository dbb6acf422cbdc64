/** One piece of a response body as it arrived. */
export interface RawChunk {
  /** Arrival time, epoch ms. */
  t: number;
  /** Position of the first byte in the attempt's body (records' `rawOffset` uses the same numbering). */
  offset: number;
  bytes: Uint8Array;
}

/** What the log holds for one attempt. */
export interface RawAttemptLog {
  attempt: number;
  /** The retained chunks, oldest first. */
  chunks: RawChunk[];
  /** Body bytes received in the attempt (retained or not). */
  received: number;
  /** Bytes dropped from the front to stay within the bound: retained bytes start at offset `dropped`. */
  dropped: number;
}

/** Limits of a {@link RawByteLog}. */
export interface RawByteLogLimits {
  /** Bytes kept per attempt (the newest); default 1 MiB. 0 keeps nothing (counts only). */
  bytesPerAttempt?: number;
  /** Attempts kept (the newest); default 8. */
  attempts?: number;
}

/** Dropped chunks kept in the array before it is compacted (amortised: each compaction moves fewer than it freed). */
const COMPACT_AFTER = 4096;

/** Left in a dropped chunk's slot until compaction, so the log stops referencing the dropped bytes at once. */
const DROPPED: RawChunk = { t: 0, offset: 0, bytes: new Uint8Array(0) };

/**
 * A bounded log of the raw response bytes of each attempt, for a raw view. Records point into it with
 * (`attempt`, `rawOffset`): the body bytes received in that attempt when the record was made. Chunks are kept by
 * reference (no copy); the oldest are dropped first and counted.
 */
export class RawByteLog {
  /** Per attempt: chunks[head..] are retained (dropping advances `head`; the array is compacted now and then). */
  private readonly logs = new Map<number, RawAttemptLog & { retained: number; head: number }>();
  private readonly bytesPerAttempt: number;
  private readonly maxAttempts: number;

  constructor(limits: RawByteLogLimits = {}) {
    this.bytesPerAttempt = Math.max(0, limits.bytesPerAttempt ?? 1024 * 1024);
    this.maxAttempts = Math.max(1, limits.attempts ?? 8);
  }

  /** Appends a chunk of `attempt`'s body; returns the body bytes received in that attempt so far. */
  append(attempt: number, bytes: Uint8Array, t = Date.now()): number {
    let log = this.logs.get(attempt);
    if (!log) {
      log = { attempt, chunks: [], received: 0, dropped: 0, retained: 0, head: 0 };
      this.logs.set(attempt, log);
      for (const old of this.logs.keys()) {
        if (this.logs.size <= this.maxAttempts) break;
        this.logs.delete(old); // Map keeps insertion order: the oldest attempt goes first
      }
    }
    log.chunks.push({ t, offset: log.received, bytes });
    log.received += bytes.length;
    log.retained += bytes.length;
    // An index, not shift(): with one small chunk per event the log holds ~10⁴ chunks, and shifting each one out
    // moved the whole array (1.6 µs per chunk at 50 k events/s, the largest cost of the transport after HTTP itself).
    while (log.retained > this.bytesPerAttempt && log.head < log.chunks.length) {
      const oldest = log.chunks[log.head]!;
      log.chunks[log.head++] = DROPPED; // up to COMPACT_AFTER dropped slots wait for compaction: they must not pin big chunks
      log.retained -= oldest.bytes.length;
      log.dropped += oldest.bytes.length;
    }
    if (log.head > COMPACT_AFTER && log.head * 2 > log.chunks.length) {
      log.chunks.splice(0, log.head);
      log.head = 0;
    }
    return log.received;
  }

  /** The log of one attempt, or undefined when it was never seen or has been dropped. */
  get(attempt: number): RawAttemptLog | undefined {
    const log = this.logs.get(attempt);
    return log && { attempt: log.attempt, chunks: log.chunks.slice(log.head), received: log.received, dropped: log.dropped };
  }

  /** The attempts still held, oldest first. */
  attempts(): number[] {
    return [...this.logs.keys()];
  }
}
