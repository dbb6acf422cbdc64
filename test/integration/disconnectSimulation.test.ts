import * as assert from 'node:assert/strict';
import { createStreamServer, formatEvent, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { eventData, startResumeServer } from '../helpers/resumeServers';
import { eventRecords, resumesOf, startRecordedSession } from '../helpers/sessionRecords';

describe('disconnect simulation through a Session (real sockets on 127.0.0.1)', () => {
  let server: StreamServer;
  let quiet: StreamServer;
  before(async () => {
    server = await startResumeServer(1000, 15); // never drops by itself
    // Two events, then silence (no heartbeat): what an idle timeout is for.
    quiet = await createStreamServer({
      routes: {
        '/quiet': (req, res) => {
          const last = Number(req.headers['last-event-id'] ?? 0) || 0;
          writeEventStreamHead(res);
          res.write('retry: 20\n\n');
          res.write(formatEvent({ id: String(last + 1), data: 'a' }) + formatEvent({ id: String(last + 2), data: 'b' }));
        },
      },
    });
  });
  after(async () => { await server.close(); await quiet.close(); });

  it('drop mid-event after N events: the partial event is never dispatched, and it arrives whole after the resume', async () => {
    const s = startRecordedSession({ url: `${server.url}/exact` });
    s.session.setDisconnectPlan({ afterEvents: 2, midEvent: true, once: true });
    try {
      const records = await s.until((rs) => eventRecords(rs).length >= 5);
      const discardedAt = records.findIndex((r) => r.kind === 'discarded');
      assert.ok(discardedAt > 0, 'the cut block is shown as discarded');
      const drop = records[discardedAt + 1]!;
      assert.equal(drop.kind, 'error');
      assert.equal(drop.kind === 'error' && drop.simulated, true);
      const events = eventRecords(records);
      for (const e of events) assert.equal(e.data, eventData(Number(e.id)), `event ${e.id} is whole`);
      assert.deepEqual(events.slice(0, 5).map((e) => e.id), ['1', '2', '3', '4', '5'], 'event 3 was cut, then received whole');
      assert.equal(records.slice(0, discardedAt).filter((r) => r.kind === 'event').length, 2);
      const verdict = resumesOf(records)[0]!;
      assert.equal(verdict.verdict, 'resumed');
      assert.equal(verdict.lastEventIdSent, '2');
      assert.equal(s.session.disconnectPlan?.afterEvents, 2);
    } finally { s.session.dispose(); }
  });

  it('drop after N events, on every connection, each drop marked simulated', async () => {
    const s = startRecordedSession({ url: `${server.url}/exact` });
    s.session.setDisconnectPlan({ afterEvents: 2 });
    try {
      const records = await s.until((rs) => resumesOf(rs).length >= 2, 15_000);
      const drops = records.filter((r) => r.kind === 'error');
      assert.ok(drops.length >= 2);
      for (const d of drops) assert.ok(d.kind === 'error' && d.simulated && d.reason === 'simulated-disconnect', JSON.stringify(d));
      assert.deepEqual(resumesOf(records).slice(0, 2).map((r) => [r.lastEventIdSent, r.firstIdReceived, r.verdict]), [['2', '3', 'resumed'], ['4', '5', 'resumed']]);
    } finally { s.session.dispose(); }
  });

  it('drop after N events: the Nth event comes before the drop, and the rest of its chunk is never seen', async () => {
    // Five events in one write: the drop after the third lands while the parser still holds the fourth and fifth.
    const burst = await createStreamServer({
      routes: {
        '/burst': (req, res) => {
          const last = Number(req.headers['last-event-id'] ?? 0) || 0;
          writeEventStreamHead(res);
          res.write('retry: 20\n\n');
          res.write([1, 2, 3, 4, 5].map((n) => formatEvent({ id: String(last + n), data: `e${last + n}` })).join(''));
        },
      },
    });
    const s = startRecordedSession({ url: `${burst.url}/burst` });
    s.session.setDisconnectPlan({ afterEvents: 3, once: true });
    try {
      const records = await s.until((rs) => eventRecords(rs).length >= 8);
      const stored = s.session.store.all();
      assert.deepEqual(stored.map((r) => r.seq), records.map((r) => r.seq), 'stored in the order appended');
      assert.deepEqual(stored.map((r) => r.seq), stored.map((_, i) => stored[0]!.seq + i), 'numbered in order');
      const dropAt = stored.findIndex((r) => r.kind === 'error');
      const before = stored[dropAt - 1]!;
      assert.ok(before.kind === 'event' && before.id === '3', `the third event precedes the drop, not ${JSON.stringify(before)}`);
      assert.deepEqual(eventRecords(stored).map((e) => e.id).slice(0, 8), ['1', '2', '3', '4', '5', '6', '7', '8'], 'events 4 and 5 come once, after the resume');
      const reconnect = stored[dropAt + 1]!;
      assert.ok(reconnect.kind === 'reconnect' && reconnect.lastEventIdSent === '3', JSON.stringify(reconnect));
      const next = stored.slice(dropAt + 2);
      assert.equal(next[0]?.kind, 'connecting', 'nothing of the dropped connection after its drop');
      assert.equal(next[0]?.kind === 'connecting' ? next[0].lastEventIdSent : undefined, '3', 'the reconnect sends the id of the last event seen');
    } finally {
      s.session.dispose();
      await burst.close();
    }
  });

  it('drop every T: each connection is dropped that long after it opened', async () => {
    const s = startRecordedSession({ url: `${server.url}/exact` });
    s.session.setDisconnectPlan({ everyMs: 150 });
    try {
      const records = await s.until((rs) => rs.filter((r) => r.kind === 'error').length >= 2, 15_000);
      const opens = records.filter((r) => r.kind === 'open');
      const drops = records.filter((r) => r.kind === 'error');
      const lived = drops[0]!.t - opens[0]!.t;
      assert.ok(lived >= 140 && lived < 5000, `first connection lived ${lived} ms`);
      assert.ok(drops.every((d) => d.kind === 'error' && d.simulated));
    } finally { s.session.dispose(); }
  });

  it('wait for silence: a stream that goes quiet is dropped by the idle timeout, and resumes', async () => {
    const s = startRecordedSession({ url: `${quiet.url}/quiet` });
    s.session.setDisconnectPlan({ idleMs: 200 });
    try {
      const records = await s.until((rs) => resumesOf(rs).length >= 1);
      const drop = records.find((r) => r.kind === 'error');
      assert.ok(drop && drop.kind === 'error' && drop.simulated);
      assert.match(drop.message, /idle timeout/);
      assert.equal(resumesOf(records)[0]!.verdict, 'resumed');
    } finally { s.session.dispose(); }
  });

  it('drop now, and removing the plan stops further drops', async () => {
    const s = startRecordedSession({ url: `${server.url}/exact` });
    try {
      await s.until((rs) => eventRecords(rs).length >= 1);
      s.session.simulateDisconnect();
      await s.until((rs) => resumesOf(rs).length >= 1);
      s.session.setDisconnectPlan({ afterEvents: 1 });
      s.session.setDisconnectPlan(undefined);
      const before = s.records.filter((r) => r.kind === 'error').length;
      const seen = eventRecords(s.records).length;
      await s.until((rs) => eventRecords(rs).length >= seen + 5);
      assert.equal(s.records.filter((r) => r.kind === 'error').length, before);
      assert.equal(before, 1);
    } finally { s.session.dispose(); }
  });

  it('an invalid plan is refused with a clear message', () => {
    const s = startRecordedSession({ url: `${server.url}/exact` });
    try {
      assert.throws(() => s.session.setDisconnectPlan({ afterEvents: 0 }), /whole number ≥ 1/);
      assert.throws(() => s.session.setDisconnectPlan({ everyMs: -5 }), /positive/);
    } finally { s.session.dispose(); }
  });
});
