// 10⁶ retained 100-byte events in a plain Node process holding a Session (the extension host's stand-in): the heap
// and RSS they cost, after a full GC. Run with --expose-gc; prints one JSON line.
// Usage: node --expose-gc retainedSession.mjs <load-server-url> <count>
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Session } = require('../../dist/core.js');
const [url, countText] = process.argv.slice(2);
const count = Number(countText);

function measure() {
  global.gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers };
}

const before = measure();
const started = performance.now();
const session = new Session({ url: `${url}/s/bulk?count=${count}`, reconnect: false }, { maxRecords: count });
const closed = new Promise((resolve) => session.onDidChangeState((state) => { if (state === 'closed') resolve(); }));
session.start();
await closed;
const elapsedMs = performance.now() - started;
const after = measure();
const stats = session.getStats();
process.stdout.write(`${JSON.stringify({
  events: stats.events,
  retained: session.store.size,
  elapsedMs,
  heapUsedMB: (after.heapUsed - before.heapUsed) / 1e6,
  rssMB: after.rss / 1e6,
  rssGrowthMB: (after.rss - before.rss) / 1e6,
  peakRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
  bytesPerEvent: (after.heapUsed - before.heapUsed) / Math.max(1, session.store.size),
})}\n`);
session.dispose();
