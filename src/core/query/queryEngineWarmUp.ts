import { RecordStore } from '../recordStore';
import type { StreamRecord } from '../records';
import type { RecordQuery } from './recordQuery';
import { RecordView } from './recordView';

/**
 * The filter engine's first run in a process is slow: V8 runs the scan loops in its interpreter until they are hot
 * enough to optimise, so a user's first filter over 10⁵ records took 8–20 ms where the same query later takes 1–4.
 * Running every kind of query once over a small synthetic index, in short tasks after an inspector opens, moves
 * that cost off the user's first keystroke. It runs once per process and never blocks for more than a few ms.
 */

/** Synthetic events: three sealed 4096-record chunks (two ASCII, one not) and an open one. */
const WARM_UP_RECORDS = 3 * 4096 + 100;
/** Records added between two index syncs, so no task indexes more than this. */
const RECORDS_PER_TASK = 1024;
/** Each query runs this many times: enough for V8 to optimise the scan loops it reaches. */
const ROUNDS = 3;

/** One query of each kind the index answers differently (see RecordIndex.scan). */
const WARM_UP_QUERIES: readonly RecordQuery[] = [
  { text: 'name-4' },
  { text: 'nowhere to be found' },
  { text: '/name-4[0-9]/' },
  { text: '/NAME-4[0-9]/i' },
  { text: '/^\\{"n":\\d*7,/' },
  { text: 'data.n == 7' },
  { text: 'data.n > 50' },
  { text: 'data.name == "name-3"' },
  { text: 'data.name contains "e-4"' },
  { text: 'data.nested.ok == true' },
  { text: 'data.list[0] < 3' },
  { text: 'data.missing != 1' },
  { text: 'data.text' },
  { kinds: ['event'], types: ['quote'] },
];

let started: Promise<void> | undefined;

/** Warms the filter engine once per process; later calls return the same promise. Rejects only on a bug here. */
export function warmUpQueryEngine(): Promise<void> {
  started ??= runWarmUp();
  return started;
}

async function runWarmUp(): Promise<void> {
  const store = new RecordStore(WARM_UP_RECORDS);
  const view = new RecordView(store);
  for (let seq = 0; seq < WARM_UP_RECORDS; seq++) {
    store.push(syntheticEvent(seq));
    if (seq % RECORDS_PER_TASK === RECORDS_PER_TASK - 1) {
      view.sync(0);
      await nextTask();
    }
  }
  view.sync(0);
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of WARM_UP_QUERIES) {
      await nextTask();
      const result = view.setQuery(query, Number.POSITIVE_INFINITY);
      if (!result.ok) throw new Error(`filter warm-up query ${JSON.stringify(query)}: ${result.error}`);
      view.window(0, 50);
    }
  }
  view.setQuery({});
}

const TYPES = ['tick', 'quote', 'trade'];

function syntheticEvent(seq: number): StreamRecord {
  // The third chunk has non-ASCII text, which case-insensitive search folds differently.
  const text = seq >= 2 * 4096 && seq < 3 * 4096 ? `Grüße ${seq}` : `text ${seq}`;
  const data = `{"n":${seq % 100},"name":"name-${seq % 100}","text":"${text}","nested":{"ok":${seq % 2 === 0}},"list":[${seq % 5},2]}`;
  const id = String(seq);
  return { kind: 'event', seq, t: seq, attempt: 1, type: TYPES[seq % 3]!, data, id, lastEventId: id, bytes: data.length };
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
