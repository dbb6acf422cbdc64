// The display tables and verdicts (DESIGN.md: no long task over 50 ms at 50 k events/s, a new event painted < 50 ms
// after arrival, filter 10⁵ < 10 ms and 10⁶ < 100 ms).
import { num, table } from '../lib/format.mjs';

const mark = (ok) => (ok ? 'met' : 'MISSED');

/** Prints the display results. */
export function printDisplay(display) {
  const s = display.show;
  console.log('\nDisplay (headless Chromium, real dist/webview.js and page, real InspectorController + Session in Node)');
  console.log(`  time to show ${num(s.records)} records: ${num(s.shownAtMs)} ms from navigation (longest task ${num(s.longestTaskMs)} ms, JS heap ${num(s.jsHeapUsedMB, 1)} MB, ${num(s.domNodes)} DOM nodes)`);
  const rows = display.intake.map((r) => [
    `${num(r.rate)}/s for ${r.seconds} s`,
    num(r.longestTaskMs),
    num(r.longTasksOver50ms),
    `${num(r.frameGapP50Ms, 1)} / ${num(r.frameGapP99Ms, 1)} / ${num(r.frameGapMaxMs)}`,
    `${num(r.paintLatencyP50Ms)} / ${num(r.paintLatencyP99Ms)} (${num(r.paintSamples)})`,
    `${num(r.framesShowingRows * 100)} %`,
    r.lastRowAfterMs === null ? `> 10 s (${num(r.newestShown)} of ${num(r.written)})` : num(r.lastRowAfterMs),
    num(r.jsHeapUsedMB, 1),
    num(r.domNodes),
  ]);
  console.log(table(['intake', 'longest task ms', 'tasks > 50 ms', 'frame gap p50/p99/max ms', 'write→paint p50/p99 ms (frames)', 'frames with rows', 'last row after end ms', 'JS heap MB', 'DOM nodes'], rows));
  const fast = display.intake.find((r) => r.rate === 50_000);
  if (fast) {
    console.log(`  50 k/s, no long task over 50 ms: ${mark(fast.longestTaskMs <= 50)} (longest ${num(fast.longestTaskMs)} ms)`);
    console.log(`  new event painted < 50 ms after arrival (p50 at 50 k/s): ${mark(fast.paintLatencyP50Ms !== null && fast.paintLatencyP50Ms < 50)} (p50 ${num(fast.paintLatencyP50Ms)} ms, p99 ${num(fast.paintLatencyP99Ms)} ms)`);
  }
  const calm = display.intake.find((r) => r.rate === 100);
  if (calm) console.log(`  new event painted < 50 ms after arrival (p50 at 100/s): ${mark(calm.paintLatencyP50Ms !== null && calm.paintLatencyP50Ms < 50)} (p50 ${num(calm.paintLatencyP50Ms)} ms, p99 ${num(calm.paintLatencyP99Ms)} ms)`);
  printFilters(display.filter);
}

/** Prints the host filter engine's figures (part of the display results, or `--only filter` alone). */
export function printFilters(f) {
  if (!f.available) {
    console.log(`  filter 10⁵ / 10⁶: not measured — ${f.note}`);
    return;
  }
  for (const r of f.results) {
    const cold = f.cold?.records === r.records ? f.cold : undefined;
    console.log(`\nHost filter engine over ${num(r.records)} records (index build ${num(r.indexBuildMs)} ms, done as records arrive); target < ${r.targetMs} ms`);
    if (f.warmedUp) console.log('"first" is the first run after the warm-up an inspector runs when it opens' + (cold ? '; "cold" the first run in a process without it' : ''));
    const head = ['query', ...(cold ? ['cold ms'] : []), 'first ms', 'then median ms', 'min–max ms', 'matched', 'verdict (first / then)'];
    console.log(table(head, r.queries.map((q, i) => [q.name, ...(cold ? [num(cold.queries[i].firstMs, 1)] : []), num(q.firstMs, 1), num(q.ms, 1), `${num(q.minMs, 1)}–${num(q.maxMs, 1)}`, num(q.matched), `${mark(q.firstMs < r.targetMs)} / ${mark(q.ms < r.targetMs)}`])));
  }
}
