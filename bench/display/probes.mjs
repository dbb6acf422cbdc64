// What the page measures about itself, installed before the webview's own script runs: long tasks, frame times, and
// which records are on screen (by their `#<seq>#` markers), sampled once per animation frame.

/** Runs in the page. `target` is a marker to wait for (time to show), or null. */
export function installProbes(target) {
  const bench = { longTasks: [], frames: [], painted: [], shownAt: null, maxSeq: -1, framesWithRows: 0 };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const markers = /#(\d+)#/g;
  const onFrame = (now) => {
    bench.frames.push(now);
    const text = document.body ? document.body.textContent : '';
    if (target && bench.shownAt === null && text.includes(target)) bench.shownAt = now;
    let max = bench.maxSeq;
    let rows = 0;
    for (const m of text.matchAll(markers)) {
      rows++;
      max = Math.max(max, Number(m[1]));
    }
    if (rows > 0) bench.framesWithRows++;
    // Sampled in the frame callback, just before that frame paints: epoch ms, comparable with the host's clock.
    if (max > bench.maxSeq) {
      bench.maxSeq = max;
      bench.painted.push([max, performance.timeOrigin + now]);
    }
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
}

/** Collects (and resets) what the probes saw. */
export async function collectProbes(page) {
  return page.evaluate(() => {
    const b = window.__bench;
    const out = { longTasks: b.longTasks, frames: b.frames, painted: b.painted, shownAt: b.shownAt, framesWithRows: b.framesWithRows };
    b.framesWithRows = 0;
    b.longTasks = [];
    b.frames = [];
    b.painted = [];
    return out;
  });
}

/** JS heap and DOM size of the page, from the DevTools protocol. */
export async function pageMetrics(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  return { jsHeapUsedMB: get('JSHeapUsedSize') / 1e6, domNodes: get('Nodes') };
}
