// Display in headless Chromium: the real webview bundle and page against the real host controller, fed by a Session
// reading the load server. Time to show 10⁵ records, sustained intake at 100, 10 k and 50 k events/s (longest task, frame
// gaps, server write → paint), page memory, and the host-side filter engine over 10⁵ and 10⁶ records.
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { loadHostModules } from './hostModules.mjs';
import { openInspector } from './pageHost.mjs';
import { installProbes, collectProbes, pageMetrics } from './probes.mjs';
import { measureFilters } from './filterBench.mjs';
import { startNodeService } from '../lib/processes.mjs';
import { quantile } from '../lib/stats.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1200, height: 800 };
const LOAD_SERVER = fileURLToPath(new URL('../lib/loadServer.mjs', import.meta.url));
const SHOW_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = 10_000;
const INTAKE_SECONDS = 5;

async function withPage(browser, run) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  try {
    return await run(page);
  } finally {
    await context.close();
  }
}

function whenClosed(session) {
  return new Promise((resolve) => session.onDidChangeState((state) => { if (state === 'closed') resolve(); }));
}

/** Ingests `count` events into a session first, then measures from navigation to the frame that shows the newest. */
async function timeToShow(browser, host, serverUrl, count) {
  const session = new host.Session({ url: `${serverUrl}/s/paced?rate=1000000&count=${count}`, reconnect: false }, { maxRecords: count + 1000 });
  const closed = whenClosed(session);
  session.start();
  await closed;
  return withPage(browser, async (page) => {
    const inspector = await openInspector(page, host, session, { probe: { fn: installProbes, arg: `;n=${count - 1};` } });
    try {
      await inspector.frame.waitForFunction(() => window.__bench.shownAt !== null, null, { timeout: SHOW_TIMEOUT_MS, polling: 100 });
      const probes = await collectProbes(inspector.frame);
      return { records: session.store.size, shownAtMs: probes.shownAt, longestTaskMs: Math.max(0, ...probes.longTasks.map((t) => t.duration)), ...(await pageMetrics(page, inspector.frame)) };
    } finally {
      inspector.close();
      session.dispose();
    }
  });
}

/** A live paced stream at `rate` events/s through a Session and the controller into the page. */
async function sustainedIntake(browser, host, serverUrl, rate, seconds) {
  const count = rate * seconds;
  const session = new host.Session({ url: `${serverUrl}/s/paced?rate=${rate}&count=${count}&delay=300`, reconnect: false }, { maxRecords: 100_000 });
  return withPage(browser, async (page) => {
    const inspector = await openInspector(page, host, session, { probe: { fn: installProbes, arg: null } });
    try {
      await inspector.frame.waitForFunction(() => window.__bench.frames.length > 10, null, { timeout: 10_000 });
      await collectProbes(inspector.frame); // page load is not part of intake
      const closed = whenClosed(session);
      session.start();
      await closed;
      const lastWrite = Date.now();
      const drained = await inspector.frame.waitForFunction((last) => window.__bench.maxN >= last, count - 1, { timeout: DRAIN_TIMEOUT_MS, polling: 50 }).then(() => true, () => false);
      const lastRowAfterMs = drained ? Date.now() - lastWrite : null;
      const probes = await collectProbes(inspector.frame);
      const gaps = probes.frames.slice(1).map((f, i) => f - probes.frames[i]);
      const latencies = probes.painted.map(([, latency]) => latency);
      return {
        rate,
        seconds,
        written: count,
        newestShown: probes.maxN + 1,
        longestTaskMs: Math.max(0, ...probes.longTasks.map((t) => t.duration)),
        longTasksOver50ms: probes.longTasks.filter((t) => t.duration > 50).length,
        frameGapP50Ms: quantile(gaps, 0.5),
        frameGapP99Ms: quantile(gaps, 0.99),
        frameGapMaxMs: Math.max(0, ...gaps),
        paintLatencyP50Ms: quantile(latencies, 0.5),
        paintLatencyP99Ms: quantile(latencies, 0.99),
        paintSamples: latencies.length,
        // Share of frames with any record row on screen: a list that chases the tail and never catches it shows none.
        framesShowingRows: probes.frames.length ? probes.framesWithRows / probes.frames.length : 0,
        lastRowAfterMs,
        ...(await pageMetrics(page, inspector.frame)),
        hostWarnings: inspector.warnings.slice(0, 5),
      };
    } finally {
      inspector.close();
      session.dispose();
    }
  });
}

/** Runs every display measurement in one browser. */
export async function runDisplay({ log = () => {} } = {}) {
  const host = await loadHostModules();
  const server = await startNodeService(LOAD_SERVER);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  try {
    const show = await timeToShow(browser, host, server.line, 100_000);
    log('display: time to show done');
    const intake = [];
    // 100/s is a typical feed being debugged; 10 k and 50 k/s are the load the budgets name.
    for (const rate of [100, 10_000, 50_000]) {
      intake.push(await sustainedIntake(browser, host, server.line, rate, INTAKE_SECONDS));
      log(`display: intake ${rate}/s done`);
    }
    const filter = await measureFilters(host);
    log('display: filters done');
    return { show, intake, filter };
  } finally {
    await browser.close();
    server.stop();
  }
}
