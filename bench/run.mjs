// `npm run bench`: ingest against peers, display in headless Chromium, memory, and end to end in code-server.
// Prints tables and writes bench/results/<timestamp>.json and bench/results/latest.json. Not part of `npm test`.
// Options: --rounds N (ingest rounds, default 5), --only ingest,display,memory,e2e (default all),
// --scenarios bulk,crlf,… (ingest scenarios, default all). `--only filter` runs just the host filter engine's part of
// display (no browser, no build needed), for iterating on src/core/query.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './lib/machine.mjs';
import { runIngest } from './ingest/runIngest.mjs';
import { printIngest } from './ingest/report.mjs';
import { runDisplay } from './display/runDisplay.mjs';
import { printDisplay, printFilters } from './display/report.mjs';
import { loadHostModules } from './display/hostModules.mjs';
import { measureFilters } from './display/filterBench.mjs';
import { printMemory, runMemory } from './memory/runMemory.mjs';
import { printE2e, runE2e } from './e2e/runE2e.mjs';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

const rounds = Number(option('rounds', 5));
const scenarios = option('scenarios', undefined)?.split(',');
const only = new Set(option('only', 'ingest,display,memory,e2e').split(','));
const log = (line) => console.error(`[bench] ${line}`);

const results = { startedAt: new Date().toISOString(), machine: describeMachine(), note: 'machine shared with other work; figures are medians (min–max) of interleaved rounds' };

/** Runs one part; a part that cannot run (no code-server, say) is reported and the others still run. */
async function section(name, run, print) {
  if (!only.has(name)) return;
  const started = Date.now();
  try {
    results[name] = await run();
    print(results[name]);
  } catch (err) {
    results[name] = { error: String(err?.message ?? err).slice(0, 2000) };
    console.log(`\n${name}: could not run — ${results[name].error.split('\n')[0]}`);
  }
  log(`${name} took ${Math.round((Date.now() - started) / 1000)} s`);
}

await section('ingest', () => runIngest({ rounds, log, ...(scenarios ? { scenarios } : {}) }), printIngest);
await section('display', () => runDisplay({ log }), printDisplay);
await section('filter', async () => measureFilters(await loadHostModules()), printFilters);
await section('memory', () => runMemory(), printMemory);
await section('e2e', () => runE2e({ log }), printE2e);
results.machine.loadAverageAtEnd = describeMachine().loadAverage;
results.finishedAt = new Date().toISOString();

fs.mkdirSync(RESULTS, { recursive: true });
const file = path.join(RESULTS, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
const m = results.machine;
console.log(`\nmachine: ${m.cpuModel}, ${m.cores} cores (nproc), Node ${m.node}, load ${m.loadAverage.join(' ')} → ${m.loadAverageAtEnd.join(' ')}; shared with other work`);
console.log(`results: ${path.relative(process.cwd(), file)}`);
