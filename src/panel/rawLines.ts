import { isLifecycle, type StreamRecord } from '../core/records';
import type { Session } from '../core/session';
import { findRecordBytes, type RawLookupFailure } from '../core/sse/rawRecordLines';
import type { RawLines } from '../shared/protocol';

/** Most bytes of raw lines a detail answer carries (a bigger event is cut, and says so). */
export const RAW_LINES_MAX_BYTES = 256 * 1024;
/** How far past a record the host looks for later records of the same chunk (a 64 KiB chunk holds fewer). */
const SAME_CHUNK_LOOKAHEAD = 100_000;

/**
 * The lines behind the record at `position` of the session's store, as received, or why they cannot be shown;
 * undefined for lifecycle records, which have no lines. `capture`: the session shows a capture file or its replay.
 */
export function rawLinesOf(session: Session, position: number, record: StreamRecord, capture: boolean): RawLines | undefined {
  if (isLifecycle(record)) return undefined;
  const unavailable = (reason: string): RawLines => ({ available: false, reason });
  if (capture) return unavailable('it was read from a capture, which keeps the parsed fields, not the bytes');
  if (session.options.mode === 'long-poll') return unavailable('long polling has no event-stream lines: the record was built from a JSON response');
  if (record.rawOffset === undefined) return unavailable('the record has no position in the raw bytes (rawOffset)');
  const log = session.rawLogOf(record);
  if (!log) return unavailable('only the latest connection\'s bytes are kept, and this record is from an earlier one (before a Reconnect or a window reload)');
  const attempt = log.get(record.attempt);
  if (!attempt) return unavailable(`the raw-bytes log no longer holds attempt ${record.attempt} (it keeps the newest ${session.options.rawLog?.attempts ?? 8} attempts)`);
  const found = findRecordBytes(attempt, record, laterInSameChunk(session, position, record));
  if (!found.found) return unavailable(failureText(found.reason, session.options.rawLog?.bytesPerAttempt ?? 1024 * 1024));
  const { bytes } = found;
  let cut = Math.min(bytes.length, RAW_LINES_MAX_BYTES);
  while (cut < bytes.length && cut > 0 && (bytes[cut]! & 0xc0) === 0x80) cut--; // never cut inside a character
  return { available: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, cut).toString('utf8'), bytes: bytes.length, truncated: cut < bytes.length };
}

/** The records after `position` made from the same chunk (same attempt and rawOffset), skipping those without one. */
function laterInSameChunk(session: Session, position: number, record: StreamRecord): StreamRecord[] {
  const later: StreamRecord[] = [];
  const store = session.store;
  const stop = Math.min(store.endPosition, position + 1 + SAME_CHUNK_LOOKAHEAD);
  for (let p = position + 1; p < stop; p++) {
    const r = store.at(p)!;
    if (r.attempt !== record.attempt || (r.rawOffset !== undefined && r.rawOffset !== record.rawOffset)) break;
    if (r.rawOffset !== undefined) later.push(r); // `resume` verdicts carry no rawOffset and sit between events
  }
  return later;
}

function failureText(reason: RawLookupFailure, bytesPerAttempt: number): string {
  switch (reason) {
    case 'chunk-dropped':
    case 'start-dropped':
      return `the raw-bytes log dropped the start of these lines (it keeps the newest ${Math.round(bytesPerAttempt / 1024)} KiB of each attempt)`;
    case 'no-match':
      return 'no lines of the retained bytes parse to this record';
  }
}
