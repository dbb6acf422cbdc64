import { RecordView } from '../../src/core/query/recordView';
import { RecordStore } from '../../src/core/recordStore';
import type { StreamRecord } from '../../src/core/records';

// Records and filtered views for the query-engine tests: numbered in order, with distinct times.

let nextSeq = 0;

export function event(type: string, data: string, id: string | null = null): StreamRecord {
  const seq = nextSeq++;
  return { kind: 'event', seq, t: 1_700_000_000_000 + seq, attempt: 1, type, data, id, lastEventId: id ?? '', bytes: data.length };
}

export function comment(text: string): StreamRecord {
  const seq = nextSeq++;
  return { kind: 'comment', seq, t: 1_700_000_000_000 + seq, attempt: 1, text };
}

export function lifecycle(kind: 'open' | 'error', message: string): StreamRecord {
  const seq = nextSeq++;
  return { kind, seq, t: 1_700_000_000_000 + seq, attempt: 1, message };
}

/** A store holding `records` and a view over it, synced. */
export function viewOf(records: StreamRecord[], capacity = 1_000_000): { store: RecordStore; view: RecordView } {
  const store = new RecordStore(capacity);
  for (const r of records) store.push(r);
  const view = new RecordView(store);
  view.sync();
  return { store, view };
}

/** The seqs of every row the view shows, in order. */
export function seqsOf(view: RecordView): number[] {
  const { first, end } = view.range();
  return view.window(first, end - first).records.map((r) => r.seq);
}
