import * as assert from 'node:assert/strict';
import type { LifecycleRecord, StreamRecord, UnnumberedRecord } from '../../src/core/records';
import { createResumeCheck } from '../../src/core/resume/resumeCheck';

let seq = 0;
const connecting = (attempt: number, sent?: string): StreamRecord =>
  ({ kind: 'connecting', seq: seq++, t: 0, attempt, message: 'GET', ...(sent ? { lastEventIdSent: sent } : {}) });
const event = (attempt: number, id: string | null): StreamRecord =>
  ({ kind: 'event', seq: seq++, t: 0, attempt, type: 'message', data: `data ${id}`, id, lastEventId: id ?? '', bytes: 1 });
const reconnect = (attempt: number, sent: string): StreamRecord =>
  ({ kind: 'reconnect', seq: seq++, t: 0, attempt, message: 'reconnecting', lastEventIdSent: sent });

function run(records: StreamRecord[]): { out: UnnumberedRecord[]; check: ReturnType<typeof createResumeCheck> } {
  const check = createResumeCheck();
  const out: UnnumberedRecord[] = [];
  for (const r of records) check.process(r, (o) => out.push(o));
  return { out, check };
}

describe('resumption check: a first connection with a Last-Event-ID is a resumed start, not a reconnect', () => {
  it('its verdict is marked resumedStart and counted apart from the reconnects', () => {
    const { out, check } = run([connecting(1, '5'), event(1, '6'), event(1, '7'), reconnect(1, '7'), connecting(2, '7'), event(2, '8')]);
    const resumes = out.filter((r): r is LifecycleRecord => r.kind === 'resume');
    assert.deepEqual(resumes.map((r) => [r.verdict, r.resumedStart]), [['resumed', true], ['resumed', undefined]]);
    assert.equal(resumes[0]!.message, 'resumed exactly: sent Last-Event-ID "5" at the start, first id back "6"');
    assert.equal(resumes[1]!.message, 'resumed exactly: sent Last-Event-ID "7", first id back "8"');
    const summary = check.summary();
    assert.deepEqual([summary.checks, summary.startChecks, summary.startSent, summary.verdicts.resumed], [2, 1, '5', 2]);
  });

  it('read back from a capture (account), the counts are the same', () => {
    const { out, check } = run([connecting(1, '5'), event(1, '6'), reconnect(1, '6'), connecting(2, '6'), event(2, '7')]);
    const replayed = createResumeCheck();
    for (const r of out) replayed.account({ ...r, seq: 0 } as StreamRecord);
    assert.deepEqual(replayed.summary(), check.summary());
  });

  it('events without ids after a resumed start: the no-id verdict says "after connecting with", not "after the reconnect"', () => {
    const { out, check } = run([connecting(1, '5'), event(1, null), { kind: 'closed', seq: seq++, t: 0, attempt: 1, message: 'closed', final: true }]);
    const resume = out.find((r): r is LifecycleRecord => r.kind === 'resume')!;
    assert.equal(resume.verdict, 'no-id');
    assert.equal(resume.message, 'no id to check: 1 event(s) after connecting with Last-Event-ID "5" carried no id');
    assert.equal(check.summary().startChecks, 1);
  });
});
