import * as assert from 'node:assert/strict';
import { Session } from '../../src/core/session';

describe('Session', () => {
  it('options that cannot start become an error record and a closed state, not an exception', () => {
    const session = new Session({ url: 'ftp://example.invalid/feed' }, { maxRecords: 100 });
    assert.doesNotThrow(() => session.start());
    const records = session.store.all();
    assert.equal(records.length, 1);
    const error = records[0]!;
    assert.equal(error.kind, 'error');
    assert.ok(error.kind === 'error' && /cannot connect: .*http and https/.test(error.message), JSON.stringify(error));
    assert.equal(session.state, 'closed');
  });
});

describe('Session.restore (a panel revived after a window reload)', () => {
  const saved = {
    checks: 14, startChecks: 0, verdicts: { resumed: 13, gap: 1 }, missingIds: 2, duplicateEvents: 0, last: 'resumed',
  };

  it('keeps the resumption counts saved before the reload', () => {
    const session = new Session({ url: 'http://127.0.0.1:9/x' }, { maxRecords: 100 });
    session.restore([], { events: 359, reconnects: 13, resume: saved as never });
    const resume = session.getStats().resume;
    assert.equal(resume.checks, 14);
    assert.equal(resume.verdicts.resumed, 13);
    assert.equal(resume.verdicts.gap, 1);
    assert.equal(resume.missingIds, 2);
    assert.equal(resume.last, 'resumed');
    session.dispose();
  });

  it('ignores saved resumption counts that are not well formed (saved state is untrusted)', () => {
    for (const bad of [{ ...saved, checks: -1 }, { ...saved, verdicts: { bogus: 1 } }, { ...saved, last: 'x' }, 'resumed', null]) {
      const session = new Session({ url: 'http://127.0.0.1:9/x' }, { maxRecords: 100 });
      session.restore([], { resume: bad as never });
      assert.equal(session.getStats().resume.checks, 0, JSON.stringify(bad));
      session.dispose();
    }
  });
});
