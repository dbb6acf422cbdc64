import * as assert from 'node:assert/strict';
import type { StreamRecord } from '../../src/core/records';
import { Session } from '../../src/core/session';
import { replayIntoSession } from '../../src/core/sessionReplay';
import { InspectorController } from '../../src/panel/inspectorController';
import type { HostToWebview } from '../../src/shared/protocol';
import { formatDuration } from '../../media/inspector/format';

// A capture recorded an hour ago, opened or replayed: its times count from its own first record, and a replay shows
// the rate it plays at (4 events a second of capture time), not 0 because the records' times are an hour old.

const T0 = Date.now() - 3_600_000;

function capture(events: number, perSecond: number): StreamRecord[] {
  const records: StreamRecord[] = [
    { kind: 'connecting', seq: 0, t: T0, attempt: 1, message: 'GET /x' },
    { kind: 'open', seq: 1, t: T0 + 200, attempt: 1, message: '200 OK' },
  ];
  for (let i = 0; i < events; i++) {
    const t = T0 + 500 + (i * 1000) / perSecond;
    records.push({ kind: 'event', seq: i + 2, t, attempt: 1, type: 'message', data: `e${i}`, id: String(i), lastEventId: String(i), bytes: 2 + String(i).length });
  }
  return records;
}

function controllerOf(session: Session, capture: 'file' | 'replay'): { controller: InspectorController; posted: HostToWebview[] } {
  const posted: HostToWebview[] = [];
  const controller = new InspectorController(session, { title: 'x', method: 'GET', url: 'http://127.0.0.1:9/x', mode: 'sse', readOnly: true, capture }, {
    post: (m) => { posted.push(m); return Promise.resolve(true); },
    exportCapture: () => {}, copyText: () => {}, openDocument: () => {}, warn: () => {},
  });
  controller.onMessage({ type: 'ready' });
  return { controller, posted };
}

function lastUpdate(posted: HostToWebview[]): Extract<HostToWebview, { type: 'records/appended' }> | undefined {
  return posted.filter((m): m is Extract<HostToWebview, { type: 'records/appended' }> => m.type === 'records/appended').at(-1);
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('capture inspectors: time origin and rate from the capture itself', () => {
  it('an opened capture starts at its first record: no negative time to the first event', () => {
    const session = new Session({ url: 'http://127.0.0.1:9/x' }, { maxRecords: 1000, readOnly: true });
    for (const r of capture(3, 1)) session.ingest(r);
    const stats = session.getStats();
    assert.equal(stats.startedAt, T0);
    assert.equal(stats.firstEventAt! - stats.startedAt, 500);
    const given = new Session({ url: 'http://127.0.0.1:9/x' }, { maxRecords: 1000, readOnly: true, startedAt: T0 - 50 });
    given.ingest(capture(1, 1)[0]!);
    assert.equal(given.getStats().startedAt, T0 - 50, 'a given start wins');
    session.dispose();
    given.dispose();
  });

  it('a replay shows the rate it plays at and its sparkline, from zero again after a seek back', async () => {
    const records = capture(40, 4); // 10 s of capture time
    const session = new Session({ url: 'http://127.0.0.1:9/x' }, { maxRecords: 1000, readOnly: true, startedAt: T0 });
    const replay = replayIntoSession(session, records, { speed: 40, paused: true });
    const { controller, posted } = controllerOf(session, 'replay');
    try {
      const init = posted.find((m) => m.type === 'init');
      assert.ok(init?.type === 'init' && init.stats.startedAt === T0, 'the origin is the capture start from the first message');
      replay.play();
      await until(() => replay.state === 'ended', 'the replay to end');
      await until(() => lastUpdate(posted)?.stats.events === 40, 'the last update');
      const update = lastUpdate(posted)!;
      assert.equal(update.rate.now, 4, 'rate of capture time');
      assert.deepEqual(update.rate.perSecond.slice(-9), Array(9).fill(4), 'sparkline');
      replay.seek(0);
      await until(() => lastUpdate(posted)?.stats.events === 0, 'the update after the seek');
      assert.equal(lastUpdate(posted)!.rate.now, 0);
      assert.deepEqual(lastUpdate(posted)!.rate.perSecond, Array(60).fill(0));
    } finally {
      replay.dispose();
      controller.dispose();
      session.dispose();
    }
  });

  it('formatDuration never shows a negative duration', () => {
    assert.equal(formatDuration(-3_598_500), '0 ms');
    assert.equal(formatDuration(850), '850 ms');
    assert.equal(formatDuration(Number.NaN), '—');
  });
});
