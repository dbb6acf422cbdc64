/**
 * True when a Content-Type header names the `text/event-stream` media type: the essence compared exactly and
 * ASCII-case-insensitively, parameters allowed (`text/event-streamx` is another type).
 */
export function isEventStreamContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const essence = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return essence === 'text/event-stream';
}
