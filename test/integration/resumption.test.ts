import * as assert from 'node:assert/strict';
import type { StreamServer } from '../../src/core/server/streamServer';
import { eventData, eventId, startResumeServer } from '../helpers/resumeServers';
import { eventRecords, resumesOf, startRecordedSession } from '../helpers/sessionRecords';

describe('resumption check: a verdict for every reconnect (real servers on 127.0.0.1)', () => {
  let server: StreamServer;
  before(async () => { server = await startResumeServer(3); });
  after(async () => { await server.close(); });

  it('a server that resumes exactly: "resumed", the id sent and the first id back, no flags', async () => {
    const s = startRecordedSession({ url: `${server.url}/exact` });
    try {
      const records = await s.until((rs) => resumesOf(rs).length >= 2);
      const [first, second] = resumesOf(records);
      assert.equal(first!.verdict, 'resumed');
      assert.equal(first!.lastEventIdSent, '3');
      assert.equal(first!.firstIdReceived, '4');
      assert.equal(second!.lastEventIdSent, '6');
      assert.equal(second!.firstIdReceived, '7');
      const events = eventRecords(records);
      assert.deepEqual(events.slice(0, 6).map((e) => e.id), ['1', '2', '3', '4', '5', '6']);
      assert.ok(events.every((e) => e.flags === undefined), 'no event flagged');
      // The verdict row comes right before the event it judges.
      const i = records.indexOf(first!);
      assert.equal(records[i + 1]!.kind, 'event');
      assert.equal((records[i + 1] as { id: string }).id, '4');
      const stats = s.session.getStats().resume;
      assert.equal(stats.verdicts.resumed, stats.checks);
      assert.equal(stats.missingIds, 0);
    } finally { s.session.dispose(); }
  });

  it('a server that ignores the header: "header-ignored", and the replayed events are flagged as duplicates', async () => {
    const s = startRecordedSession({ url: `${server.url}/ignores-header` });
    try {
      const records = await s.until((rs) => eventRecords(rs).length >= 6);
      const verdict = resumesOf(records)[0]!;
      assert.equal(verdict.verdict, 'header-ignored');
      assert.equal(verdict.lastEventIdSent, '3');
      assert.equal(verdict.firstIdReceived, '1');
      const replayed = eventRecords(records).slice(3, 6);
      assert.deepEqual(replayed.map((e) => e.id), ['1', '2', '3']);
      for (const e of replayed) assert.deepEqual(e.flags, ['duplicate'], `event ${e.id}`);
      assert.ok(s.session.getStats().resume.duplicateEvents >= 3);
    } finally { s.session.dispose(); }
  });

  it('a server that loses events: "gap" with the count of missing ids, and the first event after it flagged', async () => {
    const s = startRecordedSession({ url: `${server.url}/loses-events` });
    try {
      const records = await s.until((rs) => resumesOf(rs).length >= 1 && eventRecords(rs).length >= 4);
      const verdict = resumesOf(records)[0]!;
      assert.equal(verdict.verdict, 'gap', verdict.message);
      assert.equal(verdict.lastEventIdSent, '3');
      assert.equal(verdict.firstIdReceived, '6');
      assert.equal(verdict.missingIds, 2);
      assert.match(verdict.message, /4…5/);
      const after = eventRecords(records)[3]!;
      assert.equal(after.id, '6');
      assert.deepEqual(after.flags, ['gap-before']);
      assert.equal(s.session.getStats().resume.missingIds, 2);
    } finally { s.session.dispose(); }
  });

  it('a server that restarts its ids: "restarted", and the new events are not called duplicates', async () => {
    const s = startRecordedSession({ url: `${server.url}/restarts-ids` });
    try {
      const records = await s.until((rs) => eventRecords(rs).length >= 6);
      const verdict = resumesOf(records)[0]!;
      assert.equal(verdict.verdict, 'restarted', verdict.message);
      assert.equal(verdict.firstIdReceived, '1');
      assert.ok(eventRecords(records).slice(3, 6).every((e) => e.flags === undefined));
    } finally { s.session.dispose(); }
  });

  it('opaque ids: "unverified" without history; with the history known from a capture, the gap is counted', async () => {
    const blind = startRecordedSession({ url: `${server.url}/loses-events?opaque` });
    const known = Array.from({ length: 12 }, (_x, i) => eventId(i + 1, true));
    const informed = startRecordedSession({ url: `${server.url}/loses-events?opaque` }, { knownIds: known });
    try {
      const [withoutHistory, withHistory] = await Promise.all([blind, informed].map(async (s) => resumesOf(await s.until((rs) => resumesOf(rs).length >= 1))[0]!));
      assert.equal(withoutHistory!.verdict, 'unverified', withoutHistory!.message);
      assert.equal(withoutHistory!.firstIdReceived, eventId(6, true));
      assert.match(withoutHistory!.message, /^unverified: sent Last-Event-ID /, 'the message starts with its verdict, as every verdict\'s does');
      assert.equal(withHistory!.verdict, 'gap', withHistory!.message);
      assert.equal(withHistory!.missingIds, 2);
      assert.match(withHistory!.message, /known history/);
    } finally {
      blind.session.dispose();
      informed.session.dispose();
    }
  });

  it('every event that arrived is whole: the data the server sent, byte for byte', async () => {
    const s = startRecordedSession({ url: `${server.url}/exact` });
    try {
      const records = await s.until((rs) => eventRecords(rs).length >= 5);
      for (const e of eventRecords(records)) assert.equal(e.data, eventData(Number(e.id)));
    } finally { s.session.dispose(); }
  });
});
