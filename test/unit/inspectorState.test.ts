import * as assert from 'node:assert/strict';
import { isInspectorUiState, readInspectorUiState, type InspectorUiState } from '../../src/shared/inspectorState';
import { MAX_FILTER_TEXT } from '../../src/shared/protocol';
import { sessionFromSavedState } from '../../src/panel/restoreSession';

// What a webview saved, read back as untrusted: one bad view setting must not cost the rest (the session, counters
// and tail a reload rebuilds the panel from).

const SAVED: InspectorUiState = {
  version: 1,
  session: { title: 'feed', method: 'GET', url: 'http://127.0.0.1:9/live', mode: 'sse', readOnly: false },
  tail: [{ kind: 'event', seq: 3, t: 1_700_000_000_000, attempt: 1, type: 'message', data: 'x', id: '3', lastEventId: '3', bytes: 1 }],
  timeMode: 'relative',
  query: { text: 'trade' },
};

describe('inspector saved state', () => {
  it('drops a filter over the protocol limit and keeps the session, tail and time mode', () => {
    const tooLong = { ...SAVED, query: { text: 'x'.repeat(MAX_FILTER_TEXT + 1) } };
    assert.equal(isInspectorUiState(tooLong), false, 'the strict guard refuses it');
    const read = readInspectorUiState(tooLong);
    assert.ok(read);
    assert.equal(read.query, undefined);
    assert.equal(read.timeMode, 'relative');
    assert.equal(read.tail?.length, 1);
    const revived = sessionFromSavedState(tooLong, 100);
    assert.ok(revived, 'a reload still revives the panel');
    assert.equal(revived.restored, 1);
    revived.session.dispose();
  });

  it('drops other bad view settings one by one, and keeps a good state as it is', () => {
    const read = readInspectorUiState({ ...SAVED, timeMode: 'sideways', detailSeq: 1.5, paused: 'yes', query: { kinds: ['nope'] } });
    assert.deepEqual(read, { version: 1, session: SAVED.session, tail: SAVED.tail });
    assert.deepEqual(readInspectorUiState(SAVED), SAVED);
  });

  it('refuses state whose session or tail is bad', () => {
    for (const bad of [null, 7, { version: 2 }, { ...SAVED, session: { title: 1 } }, { ...SAVED, tail: [{ kind: 'event', seq: 'x' }] }]) {
      assert.equal(readInspectorUiState(bad), undefined, JSON.stringify(bad));
    }
  });
});
