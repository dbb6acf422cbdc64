import * as assert from 'node:assert/strict';
import { profileFromConnection } from '../../../src/core/profiles/fromConnection';
import { resolveProfile, secretNamesOf } from '../../../src/core/profiles/resolve';
import { validateProfile } from '../../../src/core/profiles/validate';

describe('profiles: Save Connection as Profile', () => {
  it('moves credential headers and known secret values into secrets, keeping the scheme readable', () => {
    const draft = profileFromConnection({
      url: 'http://127.0.0.1:8080/events', method: 'POST', body: '{"key":"sk-abcdef"}',
      headers: { Authorization: 'Bearer tok-123', 'X-Api-Key': 'k-9', 'X-Other': 'id=sk-abcdef', Accept: 'text/event-stream' },
      secretValues: ['sk-abcdef'], reconnect: false, lastEventId: '5',
    }, 'My API');
    assert.deepEqual(draft.profile, {
      name: 'My API', url: 'http://127.0.0.1:8080/events', method: 'POST',
      headers: { Authorization: 'Bearer ${secret:my-api.authorization}', 'X-Api-Key': '${secret:my-api.x-api-key}', 'X-Other': 'id=${secret:my-api.x-other}', Accept: 'text/event-stream' },
      body: '{"key":"${secret:my-api.x-other}"}', lastEventId: '5', reconnect: { enabled: false },
    });
    assert.deepEqual(draft.secrets, [
      { name: 'my-api.authorization', value: 'tok-123' }, { name: 'my-api.x-api-key', value: 'k-9' }, { name: 'my-api.x-other', value: 'sk-abcdef' },
    ]);
    const text = JSON.stringify(draft.profile);
    for (const { value } of draft.secrets) assert.ok(!text.includes(value), `${value} stays out of the profile`);
    assert.deepEqual(validateProfile(draft.profile), []);
  });

  it('moves credentials in the URL (query parameters, password) into secrets, and resolving gives the same URL back', () => {
    const url = 'https://alice:pa%40ss@127.0.0.1:8080/events?access_token=tok%2B1&since=5&apiKey=k-9#x';
    const draft = profileFromConnection({ url }, 'Feed');
    assert.equal(draft.profile.url, 'https://alice:${secret:feed.password}@127.0.0.1:8080/events?access_token=${secret:feed.access_token}&since=5&apiKey=${secret:feed.apikey}#x');
    assert.deepEqual(draft.secrets, [
      { name: 'feed.password', value: 'pa%40ss' }, { name: 'feed.access_token', value: 'tok%2B1' }, { name: 'feed.apikey', value: 'k-9' },
    ]);
    assert.deepEqual(validateProfile(draft.profile), []);
    assert.deepEqual(secretNamesOf(draft.profile), ['feed.password', 'feed.access_token', 'feed.apikey']);
    const values = new Map(draft.secrets.map((s) => [s.name, s.value]));
    const resolved = resolveProfile(draft.profile, { secret: (n) => values.get(n), env: () => undefined }, { readFile: () => new Uint8Array() });
    assert.equal(resolved.options.url, url);
    assert.deepEqual(resolved.options.secretValues, ['pa%40ss', 'tok%2B1', 'k-9'], 'so records mask them too');
  });

  it('keeps a UTF-8 body as text and names what it cannot carry over', () => {
    assert.equal(profileFromConnection({ url: 'http://127.0.0.1/', body: new TextEncoder().encode('héllo') }, 'a').profile.body, 'héllo');
    assert.deepEqual(profileFromConnection({ url: 'http://127.0.0.1/', body: new Uint8Array([0xff, 0xfe]), ca: 'PEM' }, 'a').omitted.length, 2);
  });
});
