// 10⁶ retained 100-byte events in a plain Node process holding a Session (the extension host's stand-in): the heap
// and RSS they cost, after a full GC; then the same with the inspector's filter index (its JSON path index included,
// built as records arrive) and after a field filter (which should add next to nothing: it reads the path index).
// Each figure is read once the garbage collector has settled (three full GCs 300 ms apart: after one, V8 may not yet
// have given back the pages it freed). Run with --expose-gc; prints one JSON line.
// Usage: node --expose-gc retainedSession.mjs <load-server-url> <count>
import { createRequire } from 'node:module';
import { loadHostModules } from '../display/hostModules.mjs';

const require = createRequire(import.meta.url);
const { Session } = require('../../dist/core.js');
const [url, countText] = process.argv.slice(2);
const count = Number(countText);

async function measure() {
  for (let i = 0; i < 3; i++) {
    global.gc();
    await new Promise((r) => setTimeout(r, 300));
  }
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers };
}

const before = await measure();
const started = performance.now();
const session = new Session({ url: `${url}/s/bulk?count=${count}`, reconnect: false }, { maxRecords: count });
const closed = new Promise((resolve) => session.onDidChangeState((state) => { if (state === 'closed') resolve(); }));
session.start();
await closed;
const elapsedMs = performance.now() - started;
const after = await measure();
const stats = session.getStats();
// What the inspector adds on top: the filter index over the retained records, then what a field filter keeps (data.n == 7).
const { RecordView } = await loadHostModules();
const view = new RecordView(session.store);
view.sync(Number.POSITIVE_INFINITY);
const withIndex = await measure();
view.setQuery({ text: 'data.n == 7' }, Number.POSITIVE_INFINITY);
const afterFieldFilter = await measure();
process.stdout.write(`${JSON.stringify({
  events: stats.events,
  retained: session.store.size,
  elapsedMs,
  heapUsedMB: (after.heapUsed - before.heapUsed) / 1e6,
  rssMB: after.rss / 1e6,
  rssGrowthMB: (after.rss - before.rss) / 1e6,
  peakRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
  bytesPerEvent: (after.heapUsed - before.heapUsed) / Math.max(1, session.store.size),
  indexHeapMB: (withIndex.heapUsed + withIndex.external - after.heapUsed - after.external) / 1e6,
  rssWithIndexMB: withIndex.rss / 1e6,
  fieldFilterHeapMB: (afterFieldFilter.heapUsed + afterFieldFilter.external - withIndex.heapUsed - withIndex.external) / 1e6,
  rssAfterFieldFilterMB: afterFieldFilter.rss / 1e6,
})}\n`);
session.dispose();
