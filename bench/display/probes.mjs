// What the page measures about itself, installed before the webview's own script runs: long tasks, frame times, and
// which paced events are on screen. A paced event's data reads `t=<server write time>;n=<n>;…`, so each frame can tell
// the newest row painted and how long after the server wrote it.

/** Runs in the page. `target` is a text to wait for (time to show), or null. */
export function installProbes(target) {
  const bench = { longTasks: [], frames: [], painted: [], shownAt: null, maxN: -1, framesWithRows: 0 };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const pattern = /t=(\d+\.\d+);n=(\d+);/g;
  const onFrame = (now) => {
    bench.frames.push(now);
    const text = document.body ? document.body.textContent : '';
    if (target && bench.shownAt === null && text.includes(target)) bench.shownAt = now;
    let newest = null;
    for (const m of text.matchAll(pattern)) {
      const n = Number(m[2]);
      if (newest === null || n > newest.n) newest = { n, writtenAt: Number(m[1]) };
    }
    if (newest) bench.framesWithRows++;
    // Sampled in the frame callback, just before that frame paints; epoch ms, the server's clock is the same.
    if (newest && newest.n > bench.maxN) {
      bench.maxN = newest.n;
      bench.painted.push([newest.n, performance.timeOrigin + now - newest.writtenAt]);
    }
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
}

/** Collects (and resets) what the probes saw. */
export async function collectProbes(page) {
  return page.evaluate(() => {
    const b = window.__bench;
    const out = { longTasks: b.longTasks, frames: b.frames, painted: b.painted, shownAt: b.shownAt, framesWithRows: b.framesWithRows, maxN: b.maxN };
    b.framesWithRows = 0;
    b.longTasks = [];
    b.frames = [];
    b.painted = [];
    return out;
  });
}

/** JS heap and DOM size of the page after a GC, from the DevTools protocol. */
export async function pageMetrics(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  return { jsHeapUsedMB: get('JSHeapUsedSize') / 1e6, domNodes: get('Nodes') };
}
