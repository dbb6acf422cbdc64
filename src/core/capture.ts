import type { CaptureHeader, StreamMode, StreamRecord } from './records';
import { redactHeaders, redactText } from './redact';

/** The `format` of a capture header. */
export const CAPTURE_FORMAT = 'stream-debugger-capture';

/** Builds the first line of a capture: what was requested, with secrets redacted (headers, and the URL's text). */
export function createCaptureHeader(a: { mode: StreamMode; url: string; method: string; headers: Record<string, string>; startedAt: number; secretValues?: readonly string[] }): CaptureHeader {
  return {
    format: CAPTURE_FORMAT,
    version: 1,
    mode: a.mode,
    url: redactText(a.url, a.secretValues ?? []),
    method: a.method,
    requestHeaders: redactHeaders(a.headers, a.secretValues ?? []),
    startedAt: new Date(a.startedAt).toISOString(),
  };
}

/** One NDJSON line (with its newline) for a header or record. */
export function toNdjsonLine(value: CaptureHeader | StreamRecord): string {
  return `${JSON.stringify(value)}\n`;
}

/**
 * A whole capture as NDJSON text: the header, then one line per record, as they are (so reading it back gives the
 * same records, field for field).
 */
export function serializeCapture(header: CaptureHeader, records: Iterable<StreamRecord>): string {
  const lines = [toNdjsonLine(header)];
  for (const record of records) lines.push(toNdjsonLine(record));
  return lines.join('');
}
