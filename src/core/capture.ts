import type { CaptureHeader, StreamMode, StreamRecord } from './records';
import { redactHeaders } from './redact';

/** Builds the first line of a capture: what was requested, with secrets redacted. */
export function createCaptureHeader(a: { mode: StreamMode; url: string; method: string; headers: Record<string, string>; startedAt: number; secretValues?: readonly string[] }): CaptureHeader {
  return {
    format: 'stream-debugger-capture',
    version: 1,
    mode: a.mode,
    url: a.url,
    method: a.method,
    requestHeaders: redactHeaders(a.headers, a.secretValues ?? []),
    startedAt: new Date(a.startedAt).toISOString(),
  };
}

/** One NDJSON line (with its newline) for a header or record. */
export function toNdjsonLine(value: CaptureHeader | StreamRecord): string {
  return `${JSON.stringify(value)}\n`;
}
