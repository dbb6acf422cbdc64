// Ingest, side by side: every client on every scenario, in interleaved rounds (the client order rotates each round),
// each run in its own process against one load server process. Ratios are taken within a round, then summarized.
import { fileURLToPath } from 'node:url';
import { SCENARIOS, SMALL_EVENT_BYTES } from '../lib/scenarios.mjs';
import { bodyBytes } from '../lib/loadServer.mjs';
import { runNode, startNodeService } from '../lib/processes.mjs';
import { quantile, summarize } from '../lib/stats.mjs';

const CLIENT_MAIN = fileURLToPath(new URL('./clientMain.mjs', import.meta.url));
const LOAD_SERVER = fileURLToPath(new URL('../lib/loadServer.mjs', import.meta.url));

/** The clients, in the order; `bareText` is (b), the reference pipeline of DESIGN.md. */
export const CLIENTS = [
  { name: 'raw', label: '(a) raw bytes, node:http' },
  { name: 'bareText', label: '(b) node:http + TextDecoder + eventsource-parser' },
  { name: 'bareString', label: "(b') node:http + StringDecoder + eventsource-parser" },
  { name: 'bareRecording', label: "(b'+rec) control: (b') keeping a record per event" },
  { name: 'eventsource', label: '(c) eventsource 4.1.1' },
  { name: 'streamDebugger', label: '(d) Stream Debugger connect() + Session' },
];

function rotate(list, by) {
  return list.map((_, i) => list[(i + by) % list.length]);
}

/** One client run, in its own process. */
async function runOnce(url, scenario, client) {
  const args = { url, scenario, bodyBytes: bodyBytes(scenario) };
  const out = await runNode([CLIENT_MAIN, client, JSON.stringify(args)]);
  const result = JSON.parse(out.trim().split('\n').pop());
  if (result.error) throw new Error(`${client} on ${scenario}: ${result.error}`);
  return result;
}

function figures(run, scenario) {
  const seconds = run.elapsedMs / 1000;
  const bytes = SCENARIOS[scenario].paced ? run.events * SMALL_EVENT_BYTES : bodyBytes(scenario);
  return {
    eventsPerSecond: run.events / seconds,
    megabytesPerSecond: bytes / 1e6 / seconds,
    cpuMicrosPerEvent: (run.cpuMs * 1000) / run.events,
    peakRssMB: run.peakRssBytes / 1e6,
    firstEventMs: run.firstEventMs,
    latencyP50Ms: quantile(run.latenciesMs, 0.5),
    latencyP99Ms: quantile(run.latenciesMs, 0.99),
  };
}

/**
 * Runs `rounds` rounds and returns, per scenario and client, the summarized figures, and per scenario the ratios
 * of each client's events/s to (a) and (b), taken per round.
 */
export async function runIngest({ rounds = 5, scenarios = Object.keys(SCENARIOS), log = () => {} } = {}) {
  const server = await startNodeService(LOAD_SERVER);
  const perRound = []; // [round][scenario][client] = figures
  try {
    for (let round = 0; round < rounds; round++) {
      const results = {};
      for (const scenario of scenarios) {
        results[scenario] = {};
        for (const client of rotate(CLIENTS, round + scenarios.indexOf(scenario))) {
          results[scenario][client.name] = figures(await runOnce(server.line, scenario, client.name), scenario);
        }
      }
      perRound.push(results);
      log(`ingest round ${round + 1}/${rounds} done`);
    }
  } finally {
    server.stop();
  }
  return summarizeIngest(perRound, scenarios);
}

function summarizeIngest(perRound, scenarios) {
  const out = {};
  for (const scenario of scenarios) {
    const clients = {};
    for (const { name, label } of CLIENTS) {
      const runs = perRound.map((r) => r[scenario][name]);
      const pick = (key) => summarize(runs.map((f) => f[key]));
      const ratio = (base) => summarize(perRound.map((r) => r[scenario][name].eventsPerSecond / r[scenario][base].eventsPerSecond));
      clients[name] = {
        label,
        eventsPerSecond: pick('eventsPerSecond'),
        megabytesPerSecond: pick('megabytesPerSecond'),
        cpuMicrosPerEvent: pick('cpuMicrosPerEvent'),
        peakRssMB: pick('peakRssMB'),
        firstEventMs: pick('firstEventMs'),
        latencyP50Ms: pick('latencyP50Ms'),
        latencyP99Ms: pick('latencyP99Ms'),
        ratioToRaw: ratio('raw'),
        ratioToBareText: ratio('bareText'),
        ratioToBareString: ratio('bareString'),
        ratioToBareRecording: ratio('bareRecording'),
        ratioToEventsource: ratio('eventsource'),
      };
    }
    out[scenario] = { title: SCENARIOS[scenario].title, rounds: perRound.length, clients };
  }
  return out;
}
