import * as assert from 'node:assert/strict';
import { createIdContinuity } from '../../src/core/longpoll/idContinuity';
import { checkLongPollOptions, resolveLongPollOptions } from '../../src/core/longpoll/longPollOptions';
import { POLL_BACKOFF_MAX_MS, pollBackoff } from '../../src/core/longpoll/pollBackoff';
import { applyCursor, initialCursor, nextCursor, offsetAfter } from '../../src/core/longpoll/pollCursor';

describe('long-poll cursor, id checks and backoff', () => {
  const fromIds = resolveLongPollOptions({});
  const offset = resolveLongPollOptions({ cursorStyle: 'offset' });

  it('from the last id: moves with each answer that has ids, stays otherwise', () => {
    assert.deepEqual(nextCursor('4', { lastId: '9', headers: {} }, fromIds), { cursor: '9', changed: true, backwards: false });
    assert.deepEqual(nextCursor('4', { lastId: null, headers: {} }, fromIds), { cursor: '4', changed: false, backwards: false });
    assert.equal(nextCursor('9', { lastId: '3', headers: {} }, fromIds).backwards, true);
    assert.equal(nextCursor('abc', { lastId: 'abd', headers: {} }, fromIds).backwards, false, 'opaque ids have no order');
  });

  it('offset style: last id + 1, exact for ids beyond 2^53; a non-integer id is a reported problem', () => {
    assert.equal(nextCursor(undefined, { lastId: '41', headers: {} }, offset).cursor, '42');
    assert.equal(offsetAfter('9007199254740993'), '9007199254740994');
    const step = nextCursor('5', { lastId: 'abc', headers: {} }, offset);
    assert.equal(step.cursor, '5');
    assert.match(step.problem ?? '', /integer ids/);
  });

  it('from a JSON path or a header; missing ones keep the cursor and say why', () => {
    const body = resolveLongPollOptions({ cursorPath: 'meta.next' });
    assert.equal(body.cursorFrom, 'body');
    assert.equal(nextCursor('a', { lastId: '1', json: { meta: { next: 17 } }, headers: {} }, body).cursor, '17');
    assert.match(nextCursor('a', { lastId: '1', json: {}, headers: {} }, body).problem ?? '', /meta.next/);
    const header = resolveLongPollOptions({ cursorHeader: 'X-Consul-Index' });
    assert.equal(nextCursor(undefined, { lastId: null, headers: { 'x-consul-index': '88' } }, header).cursor, '88');
    assert.match(nextCursor('3', { lastId: null, headers: {} }, header).problem ?? '', /X-Consul-Index/);
  });

  it('the first cursor: given, or from the initial last-event-id (plus one for offsets), or none', () => {
    assert.equal(initialCursor(fromIds, '12'), '12');
    assert.equal(initialCursor(offset, '12'), '13');
    assert.equal(initialCursor(fromIds, undefined), undefined);
    assert.equal(initialCursor(resolveLongPollOptions({ initialCursor: 'all' }), '12'), 'all');
    assert.equal(initialCursor(resolveLongPollOptions({ cursorHeader: 'X-Index' }), '12'), undefined, 'a header cursor is not an event id');
  });

  it('is sent as a query parameter, an optional header and Last-Event-ID; no cursor leaves the URL alone', () => {
    const url = new URL('http://127.0.0.1/x?since=all&cursor=old');
    const headers: Record<string, string> = {};
    applyCursor(url, headers, '7', { cursorParam: 'cursor', cursorSendHeader: 'X-Cursor', sendLastEventId: true });
    assert.equal(url.search, '?since=all&cursor=7');
    assert.deepEqual(headers, { 'X-Cursor': '7', 'Last-Event-ID': '7' });
    const untouched = new URL('http://127.0.0.1/x?since=all');
    applyCursor(untouched, headers, undefined, { cursorParam: 'since', sendLastEventId: true });
    assert.equal(untouched.search, '?since=all');
  });

  it('ids across polls: a repeat is a duplicate, a smaller integer is out of order; memory is bounded', () => {
    const ids = createIdContinuity(3);
    assert.deepEqual(['1', '2', null, '2', '5', '4', 'x', 'x'].map((id) => ids.check(id)), [[], [], [], ['duplicate'], [], ['out-of-order'], [], ['duplicate']]);
    // Only the last 3 ids are remembered: '1' has been forgotten, so it is out of order but no longer a duplicate.
    assert.deepEqual(ids.check('1'), ['out-of-order']);
  });

  it('backoff: 1 s doubling to 30 s, ±20 % jitter', () => {
    const low = (): number => 0;
    const high = (): number => 0.999999;
    const mid = (): number => 0.5;
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => pollBackoff(n, mid)), [1000, 2000, 4000, 8000, 16000, 30000]);
    assert.equal(pollBackoff(1, low), 800);
    assert.equal(pollBackoff(1, high), 1200);
    assert.equal(pollBackoff(40, high), POLL_BACKOFF_MAX_MS, 'never above 30 s');
    assert.equal(pollBackoff(40, low), 24000);
  });

  it('option checks name the field', () => {
    assert.equal(checkLongPollOptions({}), undefined);
    assert.match(checkLongPollOptions({ cursorFrom: 'header' }) ?? '', /cursorHeader/);
    assert.match(checkLongPollOptions({ eventsPath: 'a..b' }) ?? '', /longPoll.eventsPath/);
    assert.match(checkLongPollOptions({ format: 'xml' as never }) ?? '', /longPoll.format/);
    assert.match(checkLongPollOptions({ minIntervalMs: -5 }) ?? '', /minIntervalMs/);
  });
});
