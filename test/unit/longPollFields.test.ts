import * as assert from 'node:assert/strict';
import { cursorSourceField, LONG_POLL_FIELDS, summarizeLongPollOptions, type LongPollField } from '../../src/commands/longPollFields';
import { checkLongPollOptions } from '../../src/core/longpoll/longPollOptions';
import type { LongPollOptions } from '../../src/core/options';

function field(id: string): LongPollField {
  const f = LONG_POLL_FIELDS.find((x) => x.id === id);
  assert.ok(f, id);
  return f;
}

function text(id: string): Extract<LongPollField, { kind: 'text' }> {
  const f = field(id);
  assert.equal(f.kind, 'text');
  return f as Extract<LongPollField, { kind: 'text' }>;
}

function choose(id: string, label: string, options: LongPollOptions): LongPollOptions {
  const f = field(id);
  assert.equal(f.kind, 'choice');
  const choice = (f as Extract<LongPollField, { kind: 'choice' }>).choices.find((c) => c.label.startsWith(label));
  assert.ok(choice, `${id}: ${label}`);
  return choice.apply(options);
}

describe('long-poll options as the Connect command edits them', () => {
  it('shows the defaults, and the summary says where the cursor comes from and how it is sent', () => {
    assert.equal(field('cursorFrom').describe({}), 'the last event id');
    assert.equal(text('timeoutMs').current({}), '35');
    assert.equal(summarizeLongPollOptions({}), 'cursor from last id → ?cursor=, Last-Event-ID; auto; timeout 35 s');
  });

  it('a cursor from a header asks for the header name; the result is valid options', () => {
    let options = choose('cursorFrom', 'a response header', {});
    assert.match(checkLongPollOptions(options) ?? '', /cursorHeader/, 'incomplete until the header is named');
    const follow = cursorSourceField(options);
    assert.ok(follow && follow.id === 'cursorHeader');
    assert.equal(follow.parse('bad header', options), '"bad header" is not a valid header name');
    options = follow.parse('X-Consul-Index', options) as LongPollOptions;
    options = text('cursorParam').parse('index', options) as LongPollOptions;
    assert.equal(checkLongPollOptions(options), undefined);
    assert.deepEqual(options, { cursorFrom: 'header', cursorHeader: 'X-Consul-Index', cursorParam: 'index' });
    assert.match(summarizeLongPollOptions(options), /cursor from header X-Consul-Index → \?index=/);
    // Back to ids: the header goes away with the choice.
    assert.deepEqual(choose('cursorFrom', 'the last event id', options), { cursorParam: 'index' });
  });

  it('text fields parse and refuse with a message; empty restores the default', () => {
    assert.equal(text('timeoutMs').parse('0', {}), 'enter a positive number of seconds');
    assert.deepEqual(text('timeoutMs').parse('60', {}), { timeoutMs: 60_000 });
    assert.match(String(text('eventsPath').parse('a..b', {})), /empty segment/);
    assert.deepEqual(text('eventsPath').parse('  ', { eventsPath: 'x' }), {});
    assert.deepEqual(text('cursorParam').parse('', {}), { cursorParam: '' }, 'empty: no query parameter');
    assert.equal(field('cursorParam').describe({ cursorParam: '' }), '(none)');
    assert.deepEqual(choose('cursorStyle', 'offset', {}), { cursorStyle: 'offset' });
    assert.deepEqual(choose('sendLastEventId', 'no', {}), { sendLastEventId: false });
  });
});
