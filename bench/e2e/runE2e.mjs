// End to end in a real VS Code (code-server + headless Chromium): the packaged extension connects to the load
// server's paced stream through the command palette; a probe in the inspector's frame sees which rows are on screen.
// Figures: events/s that reach the screen, and the time from the server's write to the row painted.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { startNodeService } from '../lib/processes.mjs';
import { quantile } from '../lib/stats.mjs';
import { installFrameProbe, readFrameProbe } from './frameProbe.mjs';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LOAD_SERVER = fileURLToPath(new URL('../lib/loadServer.mjs', import.meta.url));
const VSIX = path.join(ROOT, 'dist', 'stream-debugger.vsix');
const RATES = [1_000, 10_000, 50_000];
const SECONDS = 5;
const DRAIN_TIMEOUT_MS = 15_000;

/** The e2e test's helpers (TypeScript), bundled on the fly so the benchmark starts code-server the same way. */
async function loadE2eHelpers() {
  const outfile = path.join(ROOT, 'out', 'bench', 'e2eHelpers.cjs');
  await esbuild.build({
    stdin: { contents: "export * from './test/e2e/codeServer'; export * from './test/e2e/workbench';", resolveDir: ROOT, loader: 'ts' },
    bundle: true, platform: 'node', format: 'cjs', outfile, external: ['playwright-core'], logLevel: 'silent',
  });
  return require(outfile);
}

/** The webview frame that appeared after `known` frames: the one VS Code gave acquireVsCodeApi. */
async function newInspectorFrame(page, known, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (known.has(frame)) continue;
      const isWebview = await frame.evaluate(() => typeof acquireVsCodeApi === 'function' && document.getElementById('root') !== null).catch(() => false);
      if (isWebview) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('no inspector webview frame appeared');
}

/** Picks a row of the quick pick by its label. */
async function pickRow(page, label) {
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}

async function measureRate(page, helpers, serverUrl, rate) {
  const known = new Set(page.frames());
  await helpers.runCommand(page, 'Stream Debugger: Connect to Endpoint');
  // A short delay before the server writes, so the probe is in place for the first event.
  await helpers.quickInput(page).fill(`${serverUrl}/s/paced?rate=${rate}&count=${rate * SECONDS}&delay=3000`);
  await page.keyboard.press('Enter');
  await pickRow(page, 'Server-Sent Events'); // the Connect command asks for the mode next,
  await pickRow(page, 'Connect'); // then whether to send the request as is (not Advanced…)
  const frame = await newInspectorFrame(page, known);
  await frame.evaluate(installFrameProbe);
  await page.waitForTimeout(3000 + SECONDS * 1000);
  // Then wait (bounded) for the last row: how long the pipeline takes to drain what it fell behind on.
  const lastWrittenAt = Date.now();
  const drained = await frame.waitForFunction((last) => window.__e2e.maxN >= last, rate * SECONDS - 1, { timeout: DRAIN_TIMEOUT_MS, polling: 100 })
    .then(() => true, () => false);
  const drainMs = drained ? Date.now() - lastWrittenAt : null;
  const probe = await frame.evaluate(readFrameProbe);
  // Close the inspector, which ends its session: the paced stream ends with the response, so a session left open
  // reconnects (as the spec says) and streams again beside the next rate's run.
  await helpers.runCommand(page, 'View: Close All Editors');
  const latencies = probe.samples.map((s) => s[1]);
  const first = probe.samples[0];
  const last = probe.samples.at(-1);
  const onScreenPerSecond = first && last && last[2] > first[2] ? (last[0] - first[0]) / ((last[2] - first[2]) / 1000) : null;
  return {
    rate,
    seconds: SECONDS,
    written: rate * SECONDS,
    newestShown: probe.maxN + 1,
    onScreenEventsPerSecond: onScreenPerSecond,
    writeToWebviewP50Ms: quantile(probe.arrivals, 0.5),
    writeToPaintP50Ms: quantile(latencies, 0.5),
    writeToPaintP99Ms: quantile(latencies, 0.99),
    framesShowingRows: probe.frames ? probe.framesWithRows / probe.frames : 0,
    lastRowAfterMs: drainMs,
  };
}

/** Runs the end-to-end measurement; packages the extension first. */
export async function runE2e({ log = () => {} } = {}) {
  const pack = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8' });
  if (pack.status !== 0 || !fs.existsSync(VSIX)) throw new Error(`packaging failed:\n${pack.stdout}\n${pack.stderr}`);
  const helpers = await loadE2eHelpers();
  const server = await startNodeService(LOAD_SERVER);
  let vscode;
  let browser;
  try {
    vscode = await helpers.startCodeServer(VSIX);
    browser = await helpers.launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    page.setDefaultNavigationTimeout(120_000); // a loaded 2-core machine can take longer than playwright's 30 s
    await helpers.openWorkbench(page, vscode.url);
    log('e2e: workbench open');
    const results = [];
    for (const rate of RATES) {
      results.push(await measureRate(page, helpers, server.line, rate));
      log(`e2e: ${rate}/s done`);
    }
    return { rates: results };
  } finally {
    await browser?.close();
    await vscode?.close();
    server.stop();
  }
}

/** Prints the end-to-end table. */
export function printE2e(e2e) {
  const n = (v, d = 0) => (v === null || v === undefined ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: d }));
  console.log('\nEnd to end in code-server (VS Code 1.100.3), server write → row painted in the inspector');
  console.log('  written/s   rows on screen/s   newest shown       write→webview p50 ms   write→paint p50 / p99 ms   frames with rows   last row after the last write');
  for (const r of e2e.rates) {
    console.log(`  ${n(r.rate).padStart(9)}   ${n(r.onScreenEventsPerSecond).padStart(16)}   ${`${n(r.newestShown)} of ${n(r.written)}`.padEnd(17)}  ${n(r.writeToWebviewP50Ms).padStart(20)}   ${`${n(r.writeToPaintP50Ms)} / ${n(r.writeToPaintP99Ms)}`.padStart(24)}   ${`${n(r.framesShowingRows * 100)} %`.padStart(16)}   ${r.lastRowAfterMs === null ? `not within ${DRAIN_TIMEOUT_MS / 1000} s` : `${n(r.lastRowAfterMs)} ms`}`);
  }
}
