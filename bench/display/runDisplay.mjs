// Display in headless Chromium: the real webview bundle against a host stand-in. Time to show 10⁵ records, sustained
// intake at 10 k and 50 k events/s (longest task, frame gaps, time from arrival to paint), page memory, and filters.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { openInspector } from './pageHost.mjs';
import { installProbes, collectProbes, pageMetrics } from './probes.mjs';
import { benchEvent, markerOf } from './records.mjs';
import { quantile } from '../lib/stats.mjs';

const require = createRequire(import.meta.url);
const { RecordStore } = require('../../dist/core.js');

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1200, height: 800 };
const SHOW_TIMEOUT_MS = 30_000;

function filledStore(count) {
  const store = new RecordStore(Math.max(count, 100_000));
  const t = Date.now();
  for (let seq = 0; seq < count; seq++) store.push(benchEvent(seq, t));
  return store;
}

async function withPage(browser, run) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  try {
    return await run(page);
  } finally {
    await context.close();
  }
}

/** From navigation to the first frame that shows the newest of `count` stored records (the list follows the tail). */
async function timeToShow(browser, count) {
  return withPage(browser, async (page) => {
    const store = filledStore(count);
    const host = await openInspector(page, store, { initScript: { fn: installProbes, arg: markerOf(count - 1) } });
    try {
      await page.waitForFunction(() => window.__bench.shownAt !== null, null, { timeout: SHOW_TIMEOUT_MS, polling: 100 });
      const probes = await collectProbes(page);
      const longest = Math.max(0, ...probes.longTasks.map((t) => t.duration));
      return { records: count, shownAtMs: probes.shownAt, longestTaskMs: longest, ...(await pageMetrics(page)), unanswered: [...host.unanswered] };
    } finally {
      host.close();
    }
  });
}

/**
 * Appends `rate` records a second for `seconds` (arrival time = when the host stand-in stores them), and measures
 * what the page does meanwhile.
 */
async function sustainedIntake(browser, rate, seconds) {
  return withPage(browser, async (page) => {
    const store = new RecordStore(1_000_000);
    const host = await openInspector(page, store, { initScript: { fn: installProbes, arg: null } });
    try {
      await page.waitForFunction(() => window.__bench.frames.length > 5, null, { timeout: 10_000 });
      await collectProbes(page); // start clean
      const started = Date.now();
      let seq = 0;
      await new Promise((resolve) => {
        const tick = setInterval(() => {
          const now = Date.now();
          const due = Math.min(Math.floor(((now - started) * rate) / 1000), rate * seconds);
          for (; seq < due; seq++) store.push(benchEvent(seq, now));
          host.appended();
          if (now - started >= seconds * 1000) {
            clearInterval(tick);
            resolve();
          }
        }, 4);
      });
      await page.waitForTimeout(500); // let the last update land
      const probes = await collectProbes(page);
      const gaps = probes.frames.slice(1).map((f, i) => f - probes.frames[i]);
      const latencies = probes.painted.map(([s, at]) => at - store.at(s).t);
      const lastPainted = probes.painted.at(-1)?.[0] ?? -1;
      return {
        rate,
        seconds,
        appended: seq,
        shown: lastPainted + 1,
        // Share of frames with any record row on screen: a list that chases the tail and never catches it shows none.
        framesShowingRows: probes.frames.length ? probes.framesWithRows / probes.frames.length : 0,
        longestTaskMs: Math.max(0, ...probes.longTasks.map((t) => t.duration)),
        longTasksOver50ms: probes.longTasks.filter((t) => t.duration > 50).length,
        frameGapP50Ms: quantile(gaps, 0.5),
        frameGapP99Ms: quantile(gaps, 0.99),
        frameGapMaxMs: Math.max(0, ...gaps),
        paintLatencyP50Ms: quantile(latencies, 0.5),
        paintLatencyP99Ms: quantile(latencies, 0.99),
        ...(await pageMetrics(page)),
        unanswered: [...host.unanswered],
      };
    } finally {
      host.close();
    }
  });
}

/** Runs every display measurement in one browser. */
export async function runDisplay({ log = () => {} } = {}) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  try {
    const show = await timeToShow(browser, 100_000);
    log('display: time to show done');
    const intake = [];
    for (const rate of [10_000, 50_000]) {
      intake.push(await sustainedIntake(browser, rate, 5));
      log(`display: intake ${rate}/s done`);
    }
    return { show, intake, filter: await measureFilter(log) };
  } finally {
    await browser.close();
  }
}

/** The filter engine, when main has one; until then says so. */
async function measureFilter() {
  return { available: false, note: 'no filter engine on main yet (issue 5 is building it)' };
}
