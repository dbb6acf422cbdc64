// The ingest tables and the target verdicts (DESIGN.md: ≥ 0.50× raw on bulk, within 10 % of the bare pipeline,
// ≥ 3.5× the eventsource package).
import { num, spread, table } from '../lib/format.mjs';

const TARGETS = { ratioToRaw: 0.5, ratioToBare: 0.9, ratioToEventsource: 3.5 };

/** Prints one table per scenario and the verdicts on the bulk scenario. */
export function printIngest(ingest) {
  for (const [name, s] of Object.entries(ingest)) {
    const paced = name === 'paced';
    const headers = ['client', 'events/s', 'MB/s', 'CPU µs/event', 'peak RSS MB', 'first event ms', '× (a)', "× (b)", ...(paced ? ['latency p50 ms', 'p99 ms'] : [])];
    const rows = Object.values(s.clients).map((c) => [
      c.label,
      spread(c.eventsPerSecond),
      num(c.megabytesPerSecond.median, 1),
      num(c.cpuMicrosPerEvent.median, 2),
      num(c.peakRssMB.median),
      num(c.firstEventMs.median, 1),
      spread(c.ratioToRaw, 2),
      spread(c.ratioToBareText, 2),
      ...(paced ? [num(c.latencyP50Ms.median, 2), num(c.latencyP99Ms.median, 2)] : []),
    ]);
    console.log(`\nIngest: ${s.title} — medians (min–max) of ${s.rounds} interleaved rounds`);
    console.log(table(headers, rows));
  }
  const bulk = ingest.bulk?.clients.streamDebugger;
  if (!bulk) return;
  const verdict = (value, target) => `${num(value, 2)} (target ≥ ${target}) ${value >= target ? 'met' : 'MISSED'}`;
  console.log('\nIngest targets on the bulk scenario, ours (d):');
  console.log(`  × raw bytes (a):               ${verdict(bulk.ratioToRaw.median, TARGETS.ratioToRaw)}`);
  console.log(`  × bare pipeline, TextDecoder:  ${verdict(bulk.ratioToBareText.median, TARGETS.ratioToBare)}`);
  console.log(`  × bare pipeline, StringDecoder:${verdict(bulk.ratioToBareString.median, TARGETS.ratioToBare)}`);
  console.log(`  × eventsource package (c):     ${verdict(bulk.ratioToEventsource.median, TARGETS.ratioToEventsource)}`);
  console.log(`  (context) × (b'+rec), the bare pipeline keeping a record per event: ${num(bulk.ratioToBareRecording.median, 2)}`);
}
