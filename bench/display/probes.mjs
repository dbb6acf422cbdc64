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
  // A message posted from a frame callback runs once that frame's rendering (the list's own frame callback, style,
  // layout, paint and the commit to the compositor) is done: rows read then are on the frame just produced. (Read in
  // the callback itself, a row drawn by a callback that runs after this one was only seen a frame later.)
  const afterFrame = new MessageChannel();
  afterFrame.port1.onmessage = () => {
    const text = document.body ? document.body.textContent : '';
    const now = performance.now();
    if (target && bench.shownAt === null && text.includes(target)) bench.shownAt = now;
    let newest = null;
    for (const m of text.matchAll(pattern)) {
      const n = Number(m[2]);
      if (newest === null || n > newest.n) newest = { n, writtenAt: Number(m[1]) };
    }
    if (newest) bench.framesWithRows++;
    // Epoch ms; the server's clock is the same.
    if (newest && newest.n > bench.maxN) {
      bench.maxN = newest.n;
      bench.painted.push([newest.n, performance.timeOrigin + now - newest.writtenAt]);
    }
  };
  const onFrame = (now) => {
    bench.frames.push(now);
    afterFrame.port2.postMessage(null);
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
}

/** Collects (and resets) what the probes saw. */
export async function collectProbes(frame) {
  return frame.evaluate(() => {
    const b = window.__bench;
    const out = { longTasks: b.longTasks, frames: b.frames, painted: b.painted, shownAt: b.shownAt, framesWithRows: b.framesWithRows, maxN: b.maxN };
    b.framesWithRows = 0;
    b.longTasks = [];
    b.frames = [];
    b.painted = [];
    return out;
  });
}

/** JS heap and DOM size of the inspector's renderer after a GC, from the DevTools protocol. */
export async function pageMetrics(page, frame) {
  const cdp = await page.context().newCDPSession(frame);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const get = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  return { jsHeapUsedMB: get('JSHeapUsedSize') / 1e6, domNodes: get('Nodes') };
}
