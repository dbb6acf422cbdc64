import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readJsonPath, parseJsonPath } from '../../src/core/longpoll/jsonPath';
import { decodePollBody, PollDecodeError, type PollEntry } from '../../src/core/longpoll/pollDecoders';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/captures');

function events(entries: PollEntry[]): Array<Extract<PollEntry, { kind: 'event' }>> {
  return entries.filter((e): e is Extract<PollEntry, { kind: 'event' }> => e.kind === 'event');
}

function decodeError(body: string, contentType: string | undefined, options = {}): PollDecodeError {
  try {
    decodePollBody(Buffer.from(body), contentType, options);
  } catch (err) {
    assert.ok(err instanceof PollDecodeError, `a PollDecodeError, got ${String(err)}`);
    return err;
  }
  assert.fail(`decoded without an error: ${body}`);
}

describe('long-poll answer decoders', () => {
  it('a JSON array: each item is an event with its JSON text and UTF-8 size', () => {
    const body = Buffer.from('[{"id":7,"type":"note","text":"héllo 🌍"}, "bare", 3, null]');
    const decoded = decodePollBody(body, 'application/json');
    assert.equal(decoded.format, 'json-array');
    const [first, bare, three, nothing] = events(decoded.entries);
    assert.deepEqual({ ...first }, { kind: 'event', type: 'note', id: '7', data: '{"id":7,"type":"note","text":"héllo 🌍"}', bytes: Buffer.byteLength('{"id":7,"type":"note","text":"héllo 🌍"}') });
    assert.deepEqual([bare!.type, bare!.id, bare!.data], ['message', null, '"bare"']);
    assert.equal(three!.data, '3');
    assert.equal(nothing!.data, 'null');
  });

  it('a JSON object: the first array among events, messages, updates, data, result; or the configured path', () => {
    const pick = (doc: object, eventsPath?: string): string | undefined =>
      decodePollBody(Buffer.from(JSON.stringify(doc)), 'application/json', eventsPath ? { eventsPath } : {}).eventsPath;
    assert.equal(pick({ result: [], updates: [{}] }), 'updates', 'the order of the default list, not of the object');
    assert.equal(pick({ data: { not: 'an array' }, result: [1] }), 'result');
    assert.equal(pick({ events: 'text', messages: [] }), 'messages');
    assert.equal(pick({ a: { b: [1, 2] } }, 'a.b'), 'a.b');
    assert.equal(pick({ a: { b: [1, 2] } }, '$.a.b'), '$.a.b');
    const decoded = decodePollBody(Buffer.from('{"page":{"items":[{"id":"x","event":"ping"}]}}'), undefined, { eventsPath: 'page.items' });
    assert.deepEqual(events(decoded.entries).map((e) => [e.id, e.type]), [['x', 'ping']]);
  });

  it('configured type and id fields, also dotted paths into the item', () => {
    const body = Buffer.from('[{"update_id":12,"message":{"chat":{"type":"private"}}},{"update_id":13}]');
    const decoded = decodePollBody(body, 'application/json', { idField: 'update_id', typeField: 'message.chat.type' });
    assert.deepEqual(events(decoded.entries).map((e) => [e.id, e.type]), [['12', 'private'], ['13', 'message']]);
  });

  it('NDJSON by content type: data is each line as received; blank lines and CRLF are fine', () => {
    const lines = ['{"id":1,"type":"a"}', '  {"id":2}', '{"id":3,"event":"b"}'];
    const decoded = decodePollBody(Buffer.from(`${lines[0]}\r\n\r\n${lines[1]}\n${lines[2]}`), 'application/x-ndjson; charset=utf-8');
    assert.equal(decoded.format, 'ndjson');
    assert.deepEqual(events(decoded.entries).map((e) => [e.id, e.type, e.data]), [['1', 'a', lines[0]], ['2', 'message', lines[1]!.trim()], ['3', 'b', lines[2]]]);
  });

  it('NDJSON sent as application/json is recognised, and the ntfy capture decodes line by line', () => {
    const body = fs.readFileSync(path.join(FIXTURES, 'L02-ntfy-json-stream.json'));
    const decoded = decodePollBody(body, 'application/json');
    assert.equal(decoded.format, 'ndjson');
    const lines = body.toString('utf8').trim().split('\n');
    assert.deepEqual(events(decoded.entries).map((e) => e.data), lines);
    assert.deepEqual(events(decoded.entries).map((e) => e.type), ['open', 'message', 'keepalive']);
  });

  it('a text/event-stream body: events, comments and an unfinished block, through the SSE parser', () => {
    const decoded = decodePollBody(Buffer.from('\uFEFF: hi\nid: 4\nevent: t\ndata: x\n\ndata: unfinished'), 'text/event-stream; charset=utf-8');
    assert.equal(decoded.format, 'event-stream');
    assert.deepEqual(decoded.entries.map((e) => e.kind), ['comment', 'event', 'discarded']);
    const [event] = events(decoded.entries);
    assert.deepEqual([event!.id, event!.type, event!.data], ['4', 't', 'x']);
  });

  it('an explicit format overrides the content type', () => {
    assert.equal(decodePollBody(Buffer.from('data: 1\n\n'), 'text/plain', { format: 'event-stream' }).format, 'event-stream');
    assert.equal(decodePollBody(Buffer.from('{"id":1}\n'), 'application/json', { format: 'ndjson' }).format, 'ndjson');
  });

  it('empty bodies and a leading BOM', () => {
    assert.equal(decodePollBody(Buffer.alloc(0), 'application/json').format, 'empty');
    assert.equal(decodePollBody(Buffer.from(' \r\n'), undefined).format, 'empty');
    assert.equal(events(decodePollBody(Buffer.from('\uFEFF[{"id":1}]'), 'application/json').entries).length, 1);
  });

  it('bad answers: HTML pages, text that is not JSON, the wrong shape, a bad NDJSON line', () => {
    assert.equal(decodeError('<!doctype html><title>Login</title>', 'text/html; charset=utf-8').type, 'html-page');
    assert.equal(decodeError('  <html>oops</html>', 'application/json').type, 'html-page', 'an HTML body under a JSON content type');
    const notJson = decodeError('{"events":[1,2', 'application/json');
    assert.equal(notJson.type, 'not-json');
    assert.match(notJson.message, /not JSON/);
    assert.equal(decodeError('"just a string"', 'application/json').type, 'wrong-shape');
    const noArray = decodeError('{"ok":true,"items":[]}', 'application/json');
    assert.match(noArray.message, /looked for events, messages, updates, data, result/);
    assert.match(noArray.message, /keys: ok, items/);
    assert.match(decodeError('{"a":{"b":1}}', 'application/json', { eventsPath: 'a.b' }).message, /no array at events path "a.b"/);
    const line = decodeError('{"id":1}\n{"id":2\n', 'application/x-ndjson');
    assert.equal(line.type, 'bad-ndjson-line');
    assert.match(line.message, /line 2/);
  });

  it('JSON paths: dotted fields, array indexes, an optional "$." and clear errors', () => {
    assert.equal(readJsonPath({ a: [{ b: 'x' }] }, 'a.0.b'), 'x');
    assert.equal(readJsonPath({ a: 1 }, '$.a'), 1);
    assert.equal(readJsonPath({ a: 1 }, 'a.b'), undefined);
    assert.equal(readJsonPath({}, 'toString'), undefined, 'inherited members are not fields');
    assert.throws(() => parseJsonPath(''), /not a JSON path/);
    assert.throws(() => parseJsonPath('a..b'), /empty segment/);
  });
});
