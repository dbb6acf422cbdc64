import * as assert from 'node:assert/strict';
import { profileFromConnection } from '../../../src/core/profiles/fromConnection';
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

  it('keeps a UTF-8 body as text and names what it cannot carry over', () => {
    assert.equal(profileFromConnection({ url: 'http://127.0.0.1/', body: new TextEncoder().encode('héllo') }, 'a').profile.body, 'héllo');
    assert.deepEqual(profileFromConnection({ url: 'http://127.0.0.1/', body: new Uint8Array([0xff, 0xfe]), ca: 'PEM' }, 'a').omitted.length, 2);
  });
});
