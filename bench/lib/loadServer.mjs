// The load server: serves each scenario on 127.0.0.1 at /s/<name>. Run as its own process (`node loadServer.mjs`
// prints its base URL), so its CPU never counts against a client. Every response is bounded in count and time.
// GET /warm/<name>?count=N builds a body ahead of the run that uses it.
import * as http from 'node:http';
import { once } from 'node:events';
import { SCENARIOS, SMALL_EVENT_BYTES, buildBody, pacedEvent, seededRandom, nowMs } from './scenarios.mjs';

/** Longest any response may run, whatever the query asks. */
const MAX_RESPONSE_MS = 60_000;
const MAX_EVENTS = 2_000_000;

/** Bodies are built once per (scenario, count) and reused across rounds. */
const bodies = new Map();

function bodyOf(name, count) {
  const key = `${name}:${count}`;
  let body = bodies.get(key);
  if (!body) {
    const parts = buildBody(SCENARIOS[name], count);
    body = { parts, bytes: Buffer.from(parts.join(''), 'utf8') };
    bodies.set(key, body);
  }
  return body;
}

/** Yields the slices the server writes, as the scenario asks. */
function* slices(scenario, body) {
  const { writes } = scenario;
  if (writes === 'event') {
    for (const part of body.parts) yield part;
    return;
  }
  const random = writes.random ? seededRandom(8) : undefined;
  for (let at = 0; at < body.bytes.length;) {
    const size = random ? writes.random[0] + Math.floor(random() * (writes.random[1] - writes.random[0] + 1)) : writes.size;
    yield body.bytes.subarray(at, at + size);
    at += size;
  }
}

/** Resolves when `res` can take more, or is gone. */
function drained(res) {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function writeAll(res, chunks, deadline) {
  for (const chunk of chunks) {
    if (res.destroyed || Date.now() > deadline) return;
    if (!res.write(chunk)) await drained(res);
  }
}

/** Writes `rate` events per second, each in its own write, stamped with the write time. */
async function writePaced(res, rate, total, deadline) {
  const started = nowMs();
  let n = 0;
  while (n < total && !res.destroyed && Date.now() < deadline) {
    const due = Math.min(total, Math.floor(((nowMs() - started) * rate) / 1000) + 1);
    for (; n < due; n++) res.write(pacedEvent(n, nowMs()));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const warm = url.pathname.startsWith('/warm/');
  const name = url.pathname.replace(/^\/(s|warm)\//, '');
  const scenario = SCENARIOS[name];
  if (!scenario) {
    res.writeHead(404).end(`no scenario ${name}\n`);
    return;
  }
  const count = Math.min(MAX_EVENTS, Number(url.searchParams.get('count') ?? scenario.events));
  if (warm) {
    // Builds the body now, so a run that asks for a big one does not time the building.
    if (!scenario.paced) bodyOf(name, count);
    res.writeHead(204).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.flushHeaders();
  const deadline = Date.now() + MAX_RESPONSE_MS;
  // ?delay=ms: the response opens at once, the first event comes later (the e2e probe needs a moment to attach).
  const delay = Math.min(10_000, Number(url.searchParams.get('delay') ?? 0));
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  if (scenario.paced) {
    const rate = Number(url.searchParams.get('rate') ?? scenario.paced.rate);
    await writePaced(res, rate, count, deadline);
  } else {
    await writeAll(res, slices(scenario, bodyOf(name, count)), deadline);
  }
  res.end();
}

/** Starts the server on an ephemeral loopback port. */
export async function startLoadServer() {
  const server = http.createServer((req, res) => { handle(req, res).catch(() => res.destroy()); });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => { server.closeAllConnections(); server.close(); } };
}

/** Size in bytes of a scenario's body (non-paced), for MB/s. */
export function bodyBytes(name, count) {
  if (SCENARIOS[name].paced) return (count ?? SCENARIOS[name].events) * SMALL_EVENT_BYTES;
  return bodyOf(name, count ?? SCENARIOS[name].events).bytes.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await startLoadServer();
  for (const name of Object.keys(SCENARIOS)) if (!SCENARIOS[name].paced) bodyOf(name, SCENARIOS[name].events); // warm
  process.stdout.write(`${url}\n`);
  process.on('disconnect', () => process.exit(0));
}
