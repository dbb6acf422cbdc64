// The ingest scenarios: what the load server writes and what a client should see. Bodies are built
// deterministically (seeded), so the server and the parent process agree on sizes without talking.

/** Bytes of one "100 B event" on the wire: `data: ` + payload + `\n\n`. */
export const SMALL_EVENT_BYTES = 100;

/** A small PRNG (mulberry32): the same random splits in every round and every client. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `data:` payload of exactly `size` ASCII bytes, numbered so no two events are the same string. */
function asciiPayload(n, size) {
  const head = `{"n":${n},"p":"`;
  return head + 'x'.repeat(Math.max(0, size - head.length - 2)) + '"}';
}

function smallEvent(n) {
  return `data: ${asciiPayload(n, SMALL_EVENT_BYTES - 8)}\n\n`;
}

/** About 100 bytes of UTF-8 with 2-, 3- and 4-byte characters, so random splits land inside characters. */
function multiByteEvent(n) {
  return `data: {"n":${n},"s":"héllo wörld € 😀 ✓ 日本語 ÿ 💡 ñ"}\n\n`;
}

const TYPES = ['tick', 'quote', 'trade'];

function crlfEvent(n) {
  const comment = n % 10 === 0 ? ': keep-alive\r\n' : '';
  return `${comment}id: ${n}\r\nevent: ${TYPES[n % TYPES.length]}\r\ndata: ${asciiPayload(n, 60)}\r\n\r\n`;
}

function largeEvent(n) {
  return `data: ${asciiPayload(n, 32 * 1024)}\n\n`;
}

/**
 * Every scenario: `events` counts event blocks; `writes` says how the server slices the body:
 * `{ size }` fixed slices, `'event'` one write per event, `{ random: [min, max] }` seeded random slices.
 * `types` lists the event types, for clients (like EventSource) that must subscribe to each by name. A paced
 * scenario's server waits `warmupMs` after the response opens, so latency is that of a client already running.
 */
export const SCENARIOS = {
  bulk: { title: '100 k × 100 B in 16 KiB writes', events: 100_000, event: smallEvent, writes: { size: 16 * 1024 }, types: ['message'] },
  perWrite: { title: '50 k × 100 B, one event per write', events: 50_000, event: smallEvent, writes: 'event', types: ['message'] },
  utf8Splits: { title: '50 k multi-byte UTF-8, random splits', events: 50_000, event: multiByteEvent, writes: { random: [1, 4096] }, types: ['message'] },
  crlf: { title: '100 k CRLF with ids, types, comments', events: 100_000, event: crlfEvent, writes: { size: 16 * 1024 }, types: TYPES },
  large: { title: '1000 × 32 KiB events', events: 1000, event: largeEvent, writes: { size: 16 * 1024 }, types: ['message'] },
  paced: { title: 'paced 3000 events/s for 1 s', events: 3000, paced: { rate: 3000, warmupMs: 300 }, writes: 'event', types: ['message'] },
};

/** The body of a non-paced scenario, `count` events (default: the scenario's own). */
export function buildBody(scenario, count = scenario.events) {
  const parts = new Array(count);
  for (let n = 0; n < count; n++) parts[n] = scenario.event(n);
  return parts;
}

/**
 * A paced event carries the server's write time (epoch ms with fractions) first, so the client can compute latency:
 * `data: t=<ms>;n=<n>;xxxx`, padded to 100 bytes.
 */
export function pacedEvent(n, writtenAt) {
  const head = `data: t=${writtenAt.toFixed(3)};n=${n};`;
  return head + 'x'.repeat(Math.max(0, SMALL_EVENT_BYTES - head.length - 2)) + '\n\n';
}

/** The write time a paced event's data carries, or NaN. */
export function pacedWriteTime(data) {
  return data.charCodeAt(0) === 116 /* t */ ? Number.parseFloat(data.slice(2, data.indexOf(';'))) : Number.NaN;
}

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
export function nowMs() {
  return performance.timeOrigin + performance.now();
}
