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
