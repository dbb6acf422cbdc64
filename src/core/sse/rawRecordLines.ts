import type { RawAttemptLog } from '../http/rawByteLog';
import type { StreamRecord } from '../records';

/**
 * Finds the exact bytes behind a record of an SSE attempt in the attempt's raw-bytes log: re-splits the retained
 * bytes into lines and dispatch units as the spec does (WHATWG HTML, "Server-sent events", interpreting an event
 * stream), then matches the record to the unit its parse emitted. Never guesses: any doubt is a "not found" reason.
 */

/** The records the event-stream parser makes, which have raw lines. */
export type ParsedRecord = Extract<StreamRecord, { kind: 'event' | 'comment' | 'retry' | 'discarded' }>;

/**
 * Why a record's bytes were not found: its chunk is no longer in the log, the start of its lines was dropped from the
 * log's front, or no unit of the retained bytes matches it.
 */
export type RawLookupFailure = 'chunk-dropped' | 'start-dropped' | 'no-match';

/** The record's bytes (`start` is the offset of the first in the attempt's body), or why there are none. */
export type RawLookup = { found: true; start: number; bytes: Uint8Array } | { found: false; reason: RawLookupFailure };

const LF = 10;
const CR = 13;

/** What a record says, without when and where: what a unit of raw lines must say to be its bytes. */
type Content =
  | { kind: 'event'; type: string; data: string; id: string | null }
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; ms: number | null; invalid: string | undefined }
  | { kind: 'discarded'; text: string };

/** The raw lines of one record the parser emitted, as offsets in the attempt's body. */
interface Unit {
  content: Content;
  start: number;
  end: number;
  /** The byte whose parsing emitted the record: the first byte of the dispatching line ending. */
  at: number;
  /** False when the lines began in bytes the log dropped (the parsed content is then partial). */
  startKnown: boolean;
}

/**
 * The bytes of `record` in `log` (the log of the record's attempt). `laterInChunk` are the records made after it
 * from the same chunk (same attempt and `rawOffset`): equal records of one chunk are told apart by counting from the
 * chunk's end, the end that is never missing (the store and the log both drop their oldest first).
 */
export function findRecordBytes(log: RawAttemptLog, record: ParsedRecord, laterInChunk: readonly StreamRecord[]): RawLookup {
  const body = Buffer.concat(log.chunks.map((c) => c.bytes));
  const base = log.dropped;
  const rawOffset = record.rawOffset;
  if (rawOffset === undefined || rawOffset > log.received) return { found: false, reason: 'no-match' };
  // Events, comments and retries are emitted while their chunk is parsed, so their unit ends in the chunk that ends at
  // rawOffset; a discarded block is emitted after the last byte of the attempt.
  let chunkStart: number;
  if (record.kind === 'discarded') {
    if (rawOffset !== log.received) return { found: false, reason: 'no-match' };
    chunkStart = log.received;
  } else {
    const chunk = log.chunks.find((c) => c.offset + c.bytes.length === rawOffset);
    if (!chunk) return { found: false, reason: rawOffset <= base ? 'chunk-dropped' : 'no-match' };
    chunkStart = chunk.offset;
  }
  const { units, knownFrom } = dispatchUnits(body, base);
  const wanted = contentOf(record);
  const inChunk = (u: Unit): boolean => u.content.kind === 'discarded' || (u.at >= chunkStart && u.at < rawOffset);
  const candidates = units.filter((u) => u.content.kind === record.kind && inChunk(u) && unitSays(u.content, wanted));
  const equalLater = laterInChunk.filter((r) => r.kind === record.kind && sameContent(contentOf(r as ParsedRecord), wanted)).length;
  const unit = candidates[candidates.length - 1 - equalLater];
  if (!unit || !unit.startKnown) return { found: false, reason: !unit && chunkStart >= knownFrom ? 'no-match' : 'start-dropped' };
  return { found: true, start: unit.start, bytes: body.subarray(unit.start - base, unit.end - base) };
}

/** A line: `[start, contentEnd)` is its text, `[contentEnd, end)` its line ending (none when unterminated). */
interface Line {
  start: number;
  contentEnd: number;
  end: number;
  terminated: boolean;
}

/** Spec: lines end with CRLF, a lone LF or a lone CR. Offsets into `body`. */
function* splitLines(body: Uint8Array, from: number): Generator<Line> {
  let i = from;
  while (i < body.length) {
    let j = i;
    while (j < body.length && body[j] !== LF && body[j] !== CR) j++;
    if (j === body.length) {
      yield { start: i, contentEnd: j, end: j, terminated: false };
      return;
    }
    const end = body[j] === CR && body[j + 1] === LF ? j + 2 : j + 1;
    yield { start: i, contentEnd: j, end, terminated: true };
    i = end;
  }
}

/**
 * Every unit the parser dispatched from the retained bytes `body` (which start at body offset `base`), in order, and
 * `knownFrom`: the offset from which a block's start is known (0, or past the first blank line after a dropped front).
 */
function dispatchUnits(body: Buffer, base: number): { units: Unit[]; knownFrom: number } {
  const units: Unit[] = [];
  const text = (from: number, to: number): string => body.toString('utf8', from, to);
  let pos = 0;
  let knownFrom = 0;
  let blockKnown = true;
  if (base === 0) {
    // Spec: one U+FEFF at the very start of the stream is skipped; it stays in the first line's raw bytes.
    if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) pos = 3;
  } else {
    // The front was dropped: the first retained line may be a tail, and whether a block was open is unknown until a
    // blank line. A line starts after the first line ending whatever came before (a lone LF may end a CRLF).
    const first = splitLines(body, 0).next();
    pos = !first.done && first.value.terminated ? first.value.end : body.length;
    blockKnown = false;
    knownFrom = Infinity;
  }
  let blockStart = base === 0 ? 0 : base + pos;
  let data: string[] = [];
  let type = '';
  let id: string | null = null;
  let unterminated: Line | undefined;
  for (const line of splitLines(body, pos)) {
    if (!line.terminated) {
      unterminated = line; // not a line yet: the parser waits for its ending
      break;
    }
    const start = base + (line.start === pos && base === 0 ? 0 : line.start);
    const value = text(line.start, line.contentEnd);
    if (value === '') {
      // Spec: a blank line dispatches the event only if the data buffer is not empty; the block ends either way.
      if (data.length > 0) {
        units.push({ content: { kind: 'event', type: type || 'message', data: data.join('\n'), id }, start: blockStart, end: base + line.end, at: base + line.start, startKnown: blockKnown });
      }
      if (!blockKnown) knownFrom = base + line.end;
      blockStart = base + line.end;
      blockKnown = true;
      data = [];
      type = '';
      id = null;
      continue;
    }
    const unitOfLine = (content: Content): Unit => ({ content, start, end: base + line.end, at: base + line.contentEnd, startKnown: true });
    if (value.charCodeAt(0) === 0x3a) {
      units.push(unitOfLine({ kind: 'comment', text: value.slice(1) }));
      continue;
    }
    const colon = value.indexOf(':');
    const name = colon === -1 ? value : value.slice(0, colon);
    const fieldValue = colon === -1 ? '' : value.slice(value.charCodeAt(colon + 1) === 0x20 ? colon + 2 : colon + 1);
    switch (name) {
      case 'data': data.push(fieldValue); break;
      case 'event': type = fieldValue; break;
      case 'id': if (!fieldValue.includes('\0')) id = fieldValue; break;
      case 'retry': {
        // As the transport reports it: an invalid value is kept as text; a huge valid one is capped, never Infinity.
        const ms = /^\d+$/.test(fieldValue) ? Number.parseInt(fieldValue, 10) : null;
        units.push(unitOfLine(ms === null ? { kind: 'retry', ms: null, invalid: fieldValue } : { kind: 'retry', ms: Number.isFinite(ms) ? ms : Number.MAX_VALUE, invalid: undefined }));
        break;
      }
      default: break; // spec: other fields are ignored
    }
  }
  const discarded = pendingBlock(body, base, Math.max(blockStart - base, pos), unterminated);
  if (discarded) units.push({ ...discarded, start: discarded.start ?? blockStart, startKnown: discarded.start !== undefined || blockKnown });
  return { units, knownFrom };
}

/**
 * The block still open at the end of the bytes, as the transport reports it when the attempt ends (`discarded`): the
 * whole block when it has a field line; else only an unterminated last line (complete comments were reported).
 */
function pendingBlock(body: Buffer, base: number, from: number, unterminated: Line | undefined): (Omit<Unit, 'start' | 'startKnown'> & { start?: number }) | undefined {
  const text = body.toString('utf8', from).replace(/^[\r\n]+/, '');
  if (text === '') return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const end = base + body.length;
  if (lines.some((line) => line.length > 0 && line.charCodeAt(0) !== 0x3a)) return { content: { kind: 'discarded', text }, end, at: end };
  if (!unterminated || unterminated.start === unterminated.end) return undefined;
  return { content: { kind: 'discarded', text: lines[lines.length - 1]! }, start: base + unterminated.start, end, at: end };
}

function contentOf(r: ParsedRecord): Content {
  switch (r.kind) {
    case 'event': return { kind: 'event', type: r.type, data: r.data, id: r.id };
    case 'comment': return { kind: 'comment', text: r.text };
    case 'retry': return { kind: 'retry', ms: r.ms, invalid: r.ms === null ? r.invalid ?? '' : undefined };
    case 'discarded': return { kind: 'discarded', text: r.text };
  }
}

function sameContent(a: Content, b: Content): boolean {
  switch (a.kind) {
    case 'event': return b.kind === 'event' && a.type === b.type && a.data === b.data && a.id === b.id;
    case 'comment': return b.kind === 'comment' && a.text === b.text;
    case 'retry': return b.kind === 'retry' && a.ms === b.ms && a.invalid === b.invalid;
    case 'discarded': return b.kind === 'discarded' && a.text === b.text;
  }
}

/** A unit says what the record says; a long discarded block's text was cut by the transport ("… (N more characters)"). */
function unitSays(unit: Content, record: Content): boolean {
  if (unit.kind !== 'discarded' || record.kind !== 'discarded') return sameContent(unit, record);
  const cut = /… \((\d+) more characters\)$/.exec(record.text);
  return record.text === unit.text || (cut !== null && unit.text.startsWith(record.text.slice(0, cut.index)) && unit.text.length === cut.index + Number(cut[1]));
}
