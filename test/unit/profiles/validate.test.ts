import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateProfile, validateProfileList } from '../../../src/core/profiles/validate';

const ROOT = path.resolve(__dirname, '../../../..');

const FULL = {
  name: 'staging feed',
  url: 'https://staging.example.test/events',
  mode: 'sse',
  method: 'POST',
  headers: { Authorization: 'Bearer ${secret:staging-token}', 'X-Tenant': '${env:TENANT}' },
  body: '{"q":"${secret:query.key}"}',
  lastEventId: '41',
  reconnect: { enabled: true, initialRetryMs: 500, retryHttpErrors: true, resendBody: false },
  connectTimeoutMs: 5000,
  idleTimeoutMs: 0,
  longPoll: {
    timeoutMs: 30000, format: 'json', eventsPath: 'data.items', typeField: 'kind', idField: 'id', cursorFrom: 'body', cursorPath: 'next',
    cursorHeader: 'X-Index', cursorStyle: 'offset', cursorParam: 'since', cursorSendHeader: 'X-Cursor', sendLastEventId: false,
    initialCursor: '0', minIntervalMs: 100, maxBodyBytes: 1000000,
  },
  disconnect: { afterEvents: 10, everySeconds: 2.5, midEvent: false, once: true },
  tls: { insecure: false, caFile: '${env:HOME}/ca.pem' },
  tags: ['staging', 'auth'],
};

/** The fields named by the problems of `raw`. */
function fields(raw: unknown): string[] {
  return validateProfile(raw).map((p) => p.field);
}

describe('profiles: validation names the bad field', () => {
  it('accepts a profile that uses every field', () => {
    assert.deepEqual(validateProfile(FULL), []);
  });

  it('needs name and url', () => {
    assert.deepEqual(fields({}), ['name', 'url']);
    assert.deepEqual(fields({ name: '  ', url: 'http://127.0.0.1/' }), ['name']);
  });

  it('rejects a non-http URL and says why', () => {
    const [problem] = validateProfile({ name: 'a', url: 'ftp://example.test/x' });
    assert.equal(problem?.field, 'url');
    assert.match(problem!.message, /Only http and https/);
  });

  it('does not check a URL built from variables until it is resolved', () => {
    assert.deepEqual(fields({ name: 'a', url: '${env:API_URL}' }), []);
  });

  it('names each wrong type with its path', () => {
    const raw = {
      name: 'a', url: 'http://127.0.0.1/', mode: 'websocket', method: 'GE T', headers: { 'Bad Name': 'x', Ok: 3 },
      reconnect: { enabled: 'yes', initialRetryMs: -1, typo: true }, connectTimeoutMs: 1.5, disconnect: { afterEvents: 0 },
      tls: { insecure: 'no' }, tags: ['x', 2], longPoll: 'fast', lastEventId: 'a\nb',
    };
    assert.deepEqual(fields(raw).sort(), [
      'connectTimeoutMs', 'disconnect.afterEvents', 'headers.Bad Name', 'headers.Ok', 'lastEventId', 'longPoll', 'method', 'mode',
      'reconnect.enabled', 'reconnect.initialRetryMs', 'reconnect.typo', 'tags[1]', 'tls.insecure',
    ]);
  });

  it('checks long-poll options with the long-poll transport\'s own rules, naming the field', () => {
    assert.deepEqual(validateProfile({ name: 'a', url: 'http://127.0.0.1/', longPoll: { format: 'xml' } }).map((p) => p.field), ['longPoll.format']);
    assert.deepEqual(validateProfile({ name: 'a', url: 'http://127.0.0.1/', longPoll: { cursorFrom: 'body' } }).map((p) => p.field), ['longPoll.cursorPath']);
    assert.deepEqual(validateProfile({ name: 'a', url: 'http://127.0.0.1/', longPoll: { timeoutMs: '5', cursr: 1 } }).map((p) => p.field).sort(), ['longPoll.cursr', 'longPoll.timeoutMs']);
  });

  it('reports an unknown field by name (a typo is not silently ignored)', () => {
    const [problem] = validateProfile({ name: 'a', url: 'http://127.0.0.1/', header: {} });
    assert.equal(problem?.field, 'header');
    assert.match(problem!.message, /not a profile field/);
  });

  it('allows ${secret:…} only in the url, header values and the body', () => {
    assert.deepEqual(fields({ name: 'a', url: 'http://127.0.0.1/?k=${secret:k}', lastEventId: '${secret:x}' }), ['lastEventId']);
    const [problem] = validateProfile({ name: 'a', url: 'http://127.0.0.1/', headers: { A: '${secret:bad name}' } });
    assert.equal(problem?.field, 'headers.A');
    assert.match(problem!.message, /bad secret name/);
  });

  it('refuses body and bodyFile together', () => {
    assert.deepEqual(fields({ name: 'a', url: 'http://127.0.0.1/', body: 'x', bodyFile: 'b.json' }), ['bodyFile']);
  });

  it('validates a list entry by entry and flags a repeated name', () => {
    const items = validateProfileList([{ name: 'a', url: 'http://127.0.0.1/' }, 42, { name: 'a', url: 'http://127.0.0.1/2' }]);
    assert.equal(items.length, 3);
    assert.ok(items[0]!.profile);
    assert.equal(items[1]!.label, '#2');
    assert.equal(items[1]!.profile, undefined);
    assert.deepEqual(items[2]!.problems.map((p) => p.field), ['name']);
    assert.deepEqual(validateProfileList(undefined), []);
    assert.equal(validateProfileList({ name: 'x' })[0]!.problems.length, 1);
  });

  it('the JSON schema in package.json has exactly the fields the validator knows', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { items: { properties: Record<string, { properties?: Record<string, unknown> }>; required: string[] } }> } };
    };
    const schema = manifest.contributes.configuration.properties['streamDebugger.profiles']!.items;
    assert.deepEqual(schema.required, ['name', 'url']);
    // A profile written with every schema field (and every sub-field) must pass our validation, and nothing more.
    const keys = Object.keys(schema.properties).sort();
    assert.deepEqual(keys, [...Object.keys(FULL), 'bodyFile'].sort(), 'FULL has every field but bodyFile (exclusive with body)');
    for (const sub of ['reconnect', 'disconnect', 'tls', 'longPoll'] as const) {
      const fromSchema = Object.keys(schema.properties[sub]!.properties ?? (schema.properties[sub] as { oneOf?: Array<{ properties?: object }> }).oneOf?.find((o) => o.properties)?.properties ?? {}).sort();
      assert.deepEqual(fromSchema, Object.keys(FULL[sub]).sort(), sub);
    }
  });
});
