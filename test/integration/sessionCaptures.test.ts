import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readCapture, readCaptureFile } from '../../src/core/captureReader';
import { REDACTED } from '../../src/core/redact';
import type { StreamRecord } from '../../src/core/records';
import type { StreamServer } from '../../src/core/server/streamServer';
import { Session } from '../../src/core/session';
import { sessionCaptureText } from '../../src/core/sessionCapture';
import { replayIntoSession } from '../../src/core/sessionReplay';
import { startResumeServer } from '../helpers/resumeServers';
import { resumesOf, startRecordedSession } from '../helpers/sessionRecords';

const CAPTURES = path.resolve(__dirname, '../../../test/fixtures/captures');

describe('sessions and captures: export a live session, open and replay a capture read-only', () => {
  let server: StreamServer;
  before(async () => { server = await startResumeServer(3); });
  after(async () => { await server.close(); });

  it('a live session exports as a capture with secrets redacted, and reads back as the same records', async () => {
    const s = startRecordedSession({ url: `${server.url}/loses-events`, headers: { Authorization: 'Bearer tok-secret-1', 'X-Tenant': 'acme tok-secret-1' }, secretValues: ['tok-secret-1'] });
    try {
      await s.until((rs) => resumesOf(rs).length >= 1);
      s.session.stop();
      const text = sessionCaptureText(s.session);
      assert.ok(!text.includes('tok-secret-1'), 'no secret in the export');
      const loaded = readCapture(text);
      assert.equal(loaded.problemCount, 0);
      assert.equal(loaded.header.requestHeaders.Authorization, `Bearer ${REDACTED}`);
      assert.equal(loaded.header.url, `${server.url}/loses-events`);
      assert.deepEqual(loaded.records, JSON.parse(JSON.stringify(s.session.store.all())));
      assert.ok(loaded.records.some((r) => r.kind === 'resume' && r.verdict === 'gap'));
    } finally { s.session.dispose(); }
  });

  it('a capture opened read-only keeps every record, counts its verdicts, never connects, and exports unchanged', async () => {
    const s = startRecordedSession({ url: `${server.url}/ignores-header` });
    await s.until((rs) => resumesOf(rs).length >= 1);
    s.session.dispose();
    const captured = readCapture(sessionCaptureText(s.session));

    const readOnly = new Session({ url: captured.header.url }, { maxRecords: 10_000, readOnly: true, captureHeader: captured.header });
    for (const r of captured.records) readOnly.ingest(r);
    readOnly.start(); // a capture never connects
    assert.equal(readOnly.state, 'closed');
    const stats = readOnly.getStats();
    assert.equal(stats.resume.verdicts['header-ignored'], 1);
    assert.ok(stats.resume.duplicateEvents >= 1);
    assert.equal(stats.events, captured.records.filter((r) => r.kind === 'event').length);
    assert.equal(sessionCaptureText(readOnly), sessionCaptureText(s.session));
    readOnly.dispose();
  });

  it('a replay into a read-only session delivers every record; seeking back rebuilds it', async () => {
    const capture = await readCaptureFile(path.join(CAPTURES, 'C07-mastodon-streaming.sse'));
    const session = new Session({ url: capture.header.url }, { maxRecords: 10_000, readOnly: true });
    const seen: StreamRecord[] = [];
    session.onDidAppend((r) => seen.push(r));
    await new Promise<void>((resolve) => {
      replayIntoSession(session, capture.records, { speed: 1000, onStateChange: (st) => { if (st === 'ended') resolve(); } });
    });
    assert.deepEqual(session.store.all(), capture.records);
    const replay = replayIntoSession(session, capture.records, { paused: true });
    replay.seek(3);
    assert.deepEqual(session.store.all(), capture.records.slice(0, 3));
    assert.equal(session.getStats().comments, 1);
    replay.dispose();
    session.dispose();
  });
});
