import * as assert from 'node:assert/strict';
import { describeResponseCut } from '../../src/core/http/responseCut';

describe('the words for a response cut short', () => {
  it('the server closing the connection: the bytes received, where, and what was left undone', () => {
    assert.equal(describeResponseCut({ cause: 'server-closed' }, 26, 'without ending the response', 'in the middle of an event'),
      'the server closed the connection after 26 bytes, in the middle of an event, without ending the response');
    assert.equal(describeResponseCut({ cause: 'server-closed' }, 1, 'before the answer was complete'),
      'the server closed the connection after 1 byte, before the answer was complete');
    assert.equal(describeResponseCut({ cause: 'server-closed' }, 0, 'without ending the response', 'between events'),
      'the server closed the connection before any of the body, without ending the response');
  });

  it('a network error: its code and message', () => {
    assert.equal(describeResponseCut({ cause: 'network', code: 'ETIMEDOUT', error: 'read ETIMEDOUT' }, 40, 'without ending the response', 'between events'),
      'network error after 40 bytes, between events: ETIMEDOUT: read ETIMEDOUT');
    assert.equal(describeResponseCut({ cause: 'network', error: 'socket hang up' }, 0, 'before the answer was complete'),
      'network error before any of the body: socket hang up');
  });
});
