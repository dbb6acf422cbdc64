import { createEventStreamParser } from '../../src/core/sse/eventStreamParser';

/** What the parser reported, in order, in a form easy to compare. */
export type Parsed =
  | { kind: 'event'; type: string; data: string; id: string | null; lastEventId: string }
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; ms: number | null; invalid?: string }
  | { kind: 'discarded'; text: string };

/** Feeds `chunks` to a fresh parser, ends it, and returns everything it reported. */
export function parseChunks(chunks: Iterable<Uint8Array>, initialLastEventId = ''): { records: Parsed[]; lastEventId: string } {
  const records: Parsed[] = [];
  const parser = createEventStreamParser({
    onEvent: (e) => records.push({ kind: 'event', type: e.type, data: e.data, id: e.id, lastEventId: e.lastEventId }),
    onComment: (text) => records.push({ kind: 'comment', text }),
    onRetry: (ms, invalid) => records.push(ms === null ? { kind: 'retry', ms, invalid: invalid ?? '' } : { kind: 'retry', ms }),
    onDiscarded: (text) => records.push({ kind: 'discarded', text }),
  }, initialLastEventId);
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return { records, lastEventId: parser.lastEventId };
}
