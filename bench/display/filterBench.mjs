// The host-side filter engine (src/core/query: RecordIndex + RecordView) over 10⁵ and 10⁶ retained records, timed
// in this process: the index build (done incrementally as records arrive) and each kind of query, scanned to the end.
// Each query runs REPEATS times; the first run is reported on its own, the median is of the runs after it.
// The first run of a query kind in a process also pays for V8 compiling the scan code it reaches. An inspector warms
// the engine when it opens (src/core/query/queryEngineWarmUp.ts), so the tables are measured after that warm-up, as a
// user's first filter is; the 10⁵ table is also measured in a child process without it ("cold").
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadHostModules } from './hostModules.mjs';
import { quantile } from '../lib/stats.mjs';

const REPEATS = 6;
const QUERIES = [
  { name: 'substring (1 % match)', query: { text: 'user-42"' } },
  { name: 'substring (no match)', query: { text: 'nowhere-to-be-found' } },
  { name: '/regex/', query: { text: '/user-4[0-9]"/' } },
  { name: '/regex/i', query: { text: '/USER-4[0-9]"/i' } },
  { name: '/^anchored regex/ (per record)', query: { text: '/^\\{"user":\\d*7,/' } },
  { name: 'field data.user == 7', query: { text: 'data.user == 7' } },
  { name: 'field data.user > 90 (same path)', query: { text: 'data.user > 90' } },
  { name: 'field data.name contains "r-4"', query: { text: 'data.name contains "r-4"' } },
  // The first field query above also pays for V8 compiling the scan code; a query on a path not asked about before,
  // once that is done, shows what a new query costs.
  { name: 'field data.v < 500 (new path)', query: { text: 'data.v < 500' } },
  { name: 'kind + type chips', query: { kinds: ['event'], types: ['quote'] } },
];
const TYPES = ['tick', 'quote', 'trade'];

/** A 100-byte-ish JSON event like a real feed's. */
function event(seq, t) {
  const data = `{"user":${seq % 100},"name":"user-${seq % 100}","v":${seq},"pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}`;
  return { kind: 'event', seq, t, attempt: 1, type: TYPES[seq % 3], data, id: String(seq), lastEventId: String(seq), bytes: data.length };
}

/** Times the index build and every query over `count` records: the first run, and the median of the runs after it. */
function measureAt(host, count) {
  const store = new host.RecordStore(count);
  const t = Date.now();
  for (let seq = 0; seq < count; seq++) store.push(event(seq, t + seq / 1000));
  const view = new host.RecordView(store);
  const indexStarted = performance.now();
  view.sync(Number.POSITIVE_INFINITY);
  const indexMs = performance.now() - indexStarted;
  const queries = QUERIES.map(({ name, query }) => {
    const times = [];
    let matched = 0;
    for (let i = 0; i < REPEATS; i++) {
      const result = view.setQuery(query, Number.POSITIVE_INFINITY); // scan to the end: the whole cost of the filter
      if (!result.ok) throw new Error(`query ${name}: ${result.error}`);
      times.push(result.elapsedMs);
      matched = result.matched;
      view.setQuery({});
    }
    const later = times.slice(1);
    return { name, firstMs: times[0], ms: quantile(later, 0.5), minMs: Math.min(...later), maxMs: Math.max(...later), matched };
  });
  return { records: count, indexBuildMs: indexMs, queries, targetMs: count <= 100_000 ? 10 : 100 };
}

/** The filter figures at 10⁵ and 10⁶ records after the warm-up, and at 10⁵ in a process without it. */
export async function measureFilters(host) {
  const cold = await measureColdInChildProcess();
  await host.warmUpQueryEngine();
  return { available: true, warmedUp: true, results: [measureAt(host, 100_000), measureAt(host, 1_000_000)], cold };
}

/** The 10⁵ table in a fresh Node process that never ran the warm-up. */
function measureColdInChildProcess() {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [fileURLToPath(import.meta.url), '--cold-child'], { timeout: 120_000 }, (err, stdout) => {
      if (err) reject(err);
      else resolve(JSON.parse(stdout));
    });
  });
}

if (process.argv[2] === '--cold-child') {
  process.stdout.write(JSON.stringify(measureAt(await loadHostModules(), 100_000)));
}
