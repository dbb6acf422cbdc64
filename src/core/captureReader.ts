import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CAPTURE_FORMAT } from './capture';
import { LIFECYCLE_KINDS, type CaptureHeader, type EventRecord, type StreamMode, type StreamRecord } from './records';
import { createEventStreamParser } from './sse/eventStreamParser';

/** What a file held: a Stream Debugger capture, a raw `text/event-stream` body, or an NDJSON response body. */
export type CaptureSource = 'capture' | 'event-stream' | 'ndjson-body';

/** Something wrong in a file, at a line (1-based). */
export interface CaptureProblem {
  line: number;
  message: string;
}

/** A file read as a capture: what could be read, and what was wrong. */
export interface LoadedCapture {
  header: CaptureHeader;
  records: StreamRecord[];
  source: CaptureSource;
  /** The first {@link MAX_PROBLEMS_KEPT} problems; lines with a problem are skipped, the rest is kept. */
  problems: CaptureProblem[];
  /** All problems, also those not kept. */
  problemCount: number;
}

/** Where a file came from, for the header of a raw import. */
export interface CaptureOrigin {
  /** File name or path (its extension helps tell an NDJSON body from an event stream). */
  name?: string;
  /** Timestamp given to the records of a raw body, which has no timing of its own (default: now). */
  mtimeMs?: number;
}

/** Problems listed in full; further ones are only counted. */
export const MAX_PROBLEMS_KEPT = 100;

const RECORD_KINDS: readonly string[] = ['event', 'comment', 'retry', 'discarded', ...LIFECYCLE_KINDS];

/** Reads a file as a capture: see {@link readCapture}. File system errors are thrown as they are. */
export async function readCaptureFile(file: string): Promise<LoadedCapture> {
  const [bytes, stat] = await Promise.all([fs.readFile(file), fs.stat(file)]);
  return readCapture(bytes, { name: file, mtimeMs: stat.mtimeMs });
}

/**
 * Reads the content of a capture file. Recognises a Stream Debugger capture (NDJSON whose first line is the header),
 * a raw `text/event-stream` body (`curl -N` output, a `.sse` file) and an NDJSON response body (a long-poll or
 * `application/x-ndjson` stream). Never throws for bad content: bad lines become {@link CaptureProblem}s with their
 * line number, and everything readable is kept.
 */
export function readCapture(content: Uint8Array | string, origin: CaptureOrigin = {}): LoadedCapture {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const source = detectSource(bytes, origin.name);
  const loaded = source === 'capture' ? readNdjsonCapture(bytes.toString('utf8'))
    : source === 'event-stream' ? readEventStreamBody(bytes, origin)
      : readNdjsonBody(bytes.toString('utf8'), origin);
  const problem = contentProblem(bytes);
  if (!problem) return loaded;
  return { ...loaded, problems: [problem, ...loaded.problems].slice(0, MAX_PROBLEMS_KEPT), problemCount: loaded.problemCount + 1 };
}

/** What makes a whole file unlikely to be a capture: nothing in it, or bytes that are not text. */
function contentProblem(bytes: Buffer): CaptureProblem | undefined {
  if (bytes.every((b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d)) {
    return { line: 1, message: bytes.length === 0 ? 'the file is empty: there are no records to show' : 'the file holds only blank lines: there are no records to show' };
  }
  const head = bytes.subarray(0, 64 * 1024);
  const nul = head.indexOf(0);
  const lineOf = (offset: number): number => 1 + head.subarray(0, offset).filter((b) => b === 0x0a).length;
  if (nul !== -1) return { line: lineOf(nul), message: `the file does not look like text (a NUL byte at offset ${nul}): not a capture, an event stream or an NDJSON body; what could be read is shown` };
  const invalid = firstInvalidUtf8(head);
  if (invalid !== -1) return { line: lineOf(invalid), message: `the file is not valid UTF-8 (at byte offset ${invalid}); such bytes show as U+FFFD` };
  return undefined;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1 (a sequence cut by the end counts as fine). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length && i + k < bytes.length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return -1;
}

function detectSource(bytes: Buffer, name: string | undefined): CaptureSource {
  const text = bytes.subarray(0, 64 * 1024).toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '')?.trim() ?? '';
  const ext = name ? path.extname(name).toLowerCase() : '';
  if (ext === '.sse' || !firstLine.startsWith('{')) return 'event-stream';
  try {
    const first = JSON.parse(firstLine) as Record<string, unknown>;
    if (first.format === CAPTURE_FORMAT || (typeof first.kind === 'string' && RECORD_KINDS.includes(first.kind) && 'seq' in first)) return 'capture';
  } catch {
    // A capture whose first line is cut still starts like one.
    if (firstLine.includes(`"format":"${CAPTURE_FORMAT}"`)) return 'capture';
  }
  return 'ndjson-body';
}

class ProblemList {
  readonly kept: CaptureProblem[] = [];
  count = 0;
  add(line: number, message: string): void {
    this.count++;
    if (this.kept.length < MAX_PROBLEMS_KEPT) this.kept.push({ line, message });
  }
  /** Adds a problem that explains the others, so it is listed first and always kept. */
  addFirst(line: number, message: string): void {
    this.count++;
    this.kept.unshift({ line, message });
    if (this.kept.length > MAX_PROBLEMS_KEPT) this.kept.pop();
  }
}

function splitLines(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function readNdjsonCapture(text: string): LoadedCapture {
  const problems = new ProblemList();
  const records: StreamRecord[] = [];
  let header: CaptureHeader | undefined;
  splitLines(text).forEach((line, index) => {
    const n = index + 1;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      problems.add(n, `not JSON (${(err as Error).message}): ${preview(line)}`);
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.add(n, `expected a JSON object, found ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
      return;
    }
    const object = value as Record<string, unknown>;
    if ('format' in object) {
      if (header) problems.add(n, 'a second capture header (files joined together?); ignored');
      else {
        if (records.length > 0) problems.add(n, 'the capture header should be the first line');
        header = checkHeader(object, n, problems);
      }
      return;
    }
    const problem = checkRecord(object);
    if (problem) problems.add(n, problem);
    else records.push(object as unknown as StreamRecord);
  });
  if (!header) {
    problems.addFirst(1, `no capture header (a first line with "format":"${CAPTURE_FORMAT}"); records read without it`);
    header = syntheticHeader('sse', 'unknown:', Date.now());
  }
  return { header, records, source: 'capture', problems: problems.kept, problemCount: problems.count };
}

function checkHeader(h: Record<string, unknown>, line: number, problems: ProblemList): CaptureHeader {
  if (h.format !== CAPTURE_FORMAT) problems.add(line, `format is ${JSON.stringify(h.format)}, expected "${CAPTURE_FORMAT}"; read anyway`);
  if (h.version !== 1) problems.add(line, `capture version ${JSON.stringify(h.version)} is not 1; fields this version does not know are kept as they are`);
  if (h.mode !== 'sse' && h.mode !== 'long-poll') problems.add(line, `header "mode" should be "sse" or "long-poll", not ${JSON.stringify(h.mode)}; read as sse`);
  for (const field of ['url', 'method', 'startedAt'] as const) {
    if (typeof h[field] !== 'string') problems.add(line, `header "${field}" should be a string`);
  }
  if (typeof h.requestHeaders !== 'object' || h.requestHeaders === null) problems.add(line, 'header "requestHeaders" should be an object');
  // Keep every field as read (lossless); only fill what is missing so the rest of the code can rely on it.
  return {
    ...h,
    format: CAPTURE_FORMAT,
    version: 1,
    mode: h.mode === 'long-poll' ? 'long-poll' : 'sse',
    url: typeof h.url === 'string' ? h.url : '',
    method: typeof h.method === 'string' ? h.method : 'GET',
    requestHeaders: typeof h.requestHeaders === 'object' && h.requestHeaders !== null ? h.requestHeaders as Record<string, string> : {},
    startedAt: typeof h.startedAt === 'string' ? h.startedAt : new Date(0).toISOString(),
  } as CaptureHeader;
}

/** What is wrong with a record line, or undefined when it is a valid record. */
export function checkRecord(r: Record<string, unknown>): string | undefined {
  const kind = r.kind;
  if (typeof kind !== 'string') return 'record has no "kind"';
  if (!RECORD_KINDS.includes(kind)) return `unknown record kind ${JSON.stringify(kind)}`;
  if (!Number.isInteger(r.seq) || (r.seq as number) < 0) return `${kind} record: "seq" should be a whole number ≥ 0, not ${JSON.stringify(r.seq)}`;
  if (typeof r.t !== 'number' || !Number.isFinite(r.t)) return `${kind} record: "t" should be a number (ms since the epoch), not ${JSON.stringify(r.t)}`;
  if (!Number.isInteger(r.attempt)) return `${kind} record: "attempt" should be a whole number, not ${JSON.stringify(r.attempt)}`;
  const need = (field: string, ok: boolean, what: string): string | undefined => (ok ? undefined : `${kind} record: "${field}" should be ${what}, not ${JSON.stringify(r[field])}`);
  switch (kind) {
    case 'event':
      return need('type', typeof r.type === 'string', 'a string')
        ?? need('data', typeof r.data === 'string', 'a string')
        ?? need('id', typeof r.id === 'string' || r.id === null, 'a string or null')
        ?? need('lastEventId', typeof r.lastEventId === 'string', 'a string')
        ?? need('bytes', typeof r.bytes === 'number' && r.bytes >= 0, 'a number ≥ 0')
        ?? need('flags', r.flags === undefined || (Array.isArray(r.flags) && r.flags.every((f) => typeof f === 'string')), 'a list of strings');
    case 'comment':
    case 'discarded':
      return need('text', typeof r.text === 'string', 'a string');
    case 'retry':
      return need('ms', r.ms === null || (typeof r.ms === 'number' && r.ms >= 0), 'a number ≥ 0 or null');
    default:
      return need('message', typeof r.message === 'string', 'a string');
  }
}

function syntheticHeader(mode: StreamMode, url: string, startedAt: number): CaptureHeader {
  return { format: CAPTURE_FORMAT, version: 1, mode, url, method: 'GET', requestHeaders: {}, startedAt: new Date(startedAt).toISOString() };
}

function fileUrl(name: string | undefined): string {
  return name ? pathToFileURL(path.resolve(name)).href : 'unknown:';
}

/** A raw event-stream body, parsed by the same parser as a live connection. It has no timing: every record gets `t`. */
function readEventStreamBody(bytes: Buffer, origin: CaptureOrigin): LoadedCapture {
  const t = origin.mtimeMs ?? Date.now();
  const records: StreamRecord[] = [];
  const base = (): { seq: number; t: number; attempt: number } => ({ seq: records.length, t, attempt: 1 });
  const parser = createEventStreamParser({
    onEvent: (e) => records.push({ kind: 'event', ...base(), type: e.type, data: e.data, id: e.id, lastEventId: e.lastEventId, bytes: e.bytes }),
    onComment: (text) => records.push({ kind: 'comment', ...base(), text }),
    onRetry: (ms, invalid) => records.push(ms === null ? { kind: 'retry', ...base(), ms: null, invalid: invalid ?? '' } : { kind: 'retry', ...base(), ms }),
    onDiscarded: (text) => records.push({ kind: 'discarded', ...base(), text }),
  });
  parser.feed(bytes);
  parser.end();
  const header = { ...syntheticHeader('sse', fileUrl(origin.name), t), importedFrom: 'text/event-stream' };
  return { header, records, source: 'event-stream', problems: [], problemCount: 0 };
}

/**
 * An NDJSON response body (one JSON item per line, as long-poll and `application/x-ndjson` APIs send): each item
 * becomes an event, typed by its `type` or `event` field, with its `id`, and its line as data.
 */
function readNdjsonBody(text: string, origin: CaptureOrigin): LoadedCapture {
  const t = origin.mtimeMs ?? Date.now();
  const problems = new ProblemList();
  const records: StreamRecord[] = [];
  let lastEventId = '';
  splitLines(text).forEach((line, index) => {
    if (line.trim() === '') return;
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (err) {
      problems.add(index + 1, `not JSON (${(err as Error).message}): ${preview(line)}`);
      return;
    }
    const fields = typeof item === 'object' && item !== null && !Array.isArray(item) ? item as Record<string, unknown> : {};
    const type = typeof fields.type === 'string' ? fields.type : typeof fields.event === 'string' ? fields.event : 'message';
    const id = typeof fields.id === 'string' || typeof fields.id === 'number' ? String(fields.id) : null;
    if (id !== null) lastEventId = id;
    const event: EventRecord = { kind: 'event', seq: records.length, t, attempt: 1, type, data: line, id, lastEventId, bytes: Buffer.byteLength(line) };
    records.push(event);
  });
  const header = { ...syntheticHeader('long-poll', fileUrl(origin.name), t), importedFrom: 'application/x-ndjson' };
  return { header, records, source: 'ndjson-body', problems: problems.kept, problemCount: problems.count };
}

function preview(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);
}
