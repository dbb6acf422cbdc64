// One client, one run, in its own process (so CPU time and peak RSS are the client's alone). Prints one JSON line.
// Usage: node clientMain.mjs <client> '<{"url","scenario","count","decoder"}>'
import { SCENARIOS, nowMs, pacedWriteTime } from '../lib/scenarios.mjs';

const CLIENTS = {
  raw: './clients/raw.mjs',
  bareText: './clients/bareParser.mjs',
  bareString: './clients/bareParser.mjs',
  bareRecording: './clients/bareRecording.mjs',
  eventsource: './clients/eventsourcePackage.mjs',
  streamDebugger: './clients/streamDebugger.mjs',
};
const RUN_TIMEOUT_MS = 60_000;

const [clientName, argText] = process.argv.slice(2);
const args = JSON.parse(argText);
const scenario = SCENARIOS[args.scenario];
const expected = args.count ?? scenario.events;
const { start } = await import(CLIENTS[clientName]);

let events = 0;
let bytes = 0;
let firstEventAt;
let finished = false;
const latencies = [];
let close = () => {};

const cpuBefore = process.cpuUsage();
const startedAt = performance.now();

function finish(error) {
  if (finished) return;
  finished = true;
  const elapsedMs = performance.now() - startedAt - warmupMs; // the server's deliberate pause is not the client's time
  const cpu = process.cpuUsage(cpuBefore);
  close();
  const result = {
    client: clientName,
    scenario: args.scenario,
    events: clientName === 'raw' && bytes === args.bodyBytes ? expected : events,
    bytes,
    elapsedMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    firstEventMs: firstEventAt === undefined ? null : firstEventAt - startedAt - warmupMs,
    latenciesMs: latencies,
    ...(error ? { error: String(error) } : {}),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

const onEvent = scenario.paced
  ? (data) => {
      latencies.push(nowMs() - pacedWriteTime(data));
      if (events++ === 0) firstEventAt = performance.now();
      if (events === expected) finish();
    }
  : () => {
      if (events++ === 0) firstEventAt = performance.now();
      if (events === expected) finish();
    };

const sink = {
  event: onEvent,
  bytes: (n) => {
    if (bytes === 0 && clientName === 'raw') firstEventAt = performance.now(); // the raw client sees bytes, not events
    bytes += n;
  },
  end: () => finish(events === expected || clientName === 'raw' ? undefined : `stream ended after ${events} of ${expected} events`),
  fail: (err) => finish(err),
};
const warmupMs = scenario.paced?.warmupMs ?? 0;
const params = new URLSearchParams({ ...(args.count ? { count: String(args.count) } : {}), ...(warmupMs ? { delay: String(warmupMs) } : {}) });
const query = params.size ? `?${params}` : '';
close = start(`${args.url}/s/${args.scenario}${query}`, scenario, sink, { decoder: clientName === 'bareString' ? 'string' : 'text' });
setTimeout(() => finish(`timed out after ${RUN_TIMEOUT_MS} ms with ${events} events`), RUN_TIMEOUT_MS).unref();
