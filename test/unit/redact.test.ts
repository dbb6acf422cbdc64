import * as assert from 'node:assert/strict';
import { isSecretName, REDACTED, redactHeaders, redactText, redactUrl, withoutMaskedCredentials } from '../../src/core/redact';

describe('redact: which names are credentials', () => {
  it('masks the credential headers seen in the wild', () => {
    for (const name of ['Authorization', 'Proxy-Authorization', 'Cookie', 'Set-Cookie', 'X-Api-Key', 'api-key', 'X-Auth-Token',
      'X-Access-Token', 'Private-Token', 'X-Goog-Api-Key', 'Ocp-Apim-Subscription-Key', 'X-Amz-Security-Token', 'X-CSRF-Token',
      'X-XSRF-TOKEN', 'Api_Key', 'Authentication', 'X-Api-Token', 'X-Session-Id', 'X-Client-Secret', 'X-Amz-Signature']) {
      assert.ok(isSecretName(name), name);
    }
  });

  it('masks credential query parameters, snake, kebab and camel case', () => {
    for (const name of ['access_token', 'api_key', 'apikey', 'apiKey', 'accessToken', 'token', 'key', 'sig', 'signature',
      'password', 'client_secret', 'auth', 'jwt', 'X-Amz-Credential', 'X-Amz-Security-Token', 'sessionid', 'jsessionid', 'APIKey']) {
      assert.ok(isSecretName(name), name);
    }
  });

  it('leaves ordinary headers and parameters readable, and pagination cursors too', () => {
    for (const name of ['Content-Length', 'Cache-Control', 'X-Request-Id', 'Accept', 'Last-Event-ID', 'Content-Type', 'User-Agent',
      'Host', 'Keep-Alive', 'X-Tenant', 'Idempotency-Key', 'Sec-WebSocket-Key', 'WWW-Authenticate', 'X-RateLimit-Remaining',
      'max_tokens', 'since', 'cursor', 'pageToken', 'next_token', 'syncToken', 'keys', 'monkey', 'stage']) {
      assert.ok(!isSecretName(name), name);
    }
  });
});

describe('redact: headers', () => {
  it('masks by name, keeps an auth scheme, and masks a relative Location\'s credentials', () => {
    const out = redactHeaders({
      'X-Auth-Token': 'tok123', 'Private-Token': 'glpat-xyz', Authorization: 'Bearer abc', 'Content-Length': '12',
      Location: '/stream?access_token=abc&since=5', 'X-Custom': 'has sk-live-9 inside',
    }, ['sk-live-9']);
    assert.deepEqual(out, {
      'X-Auth-Token': REDACTED, 'Private-Token': REDACTED, Authorization: `Bearer ${REDACTED}`, 'Content-Length': '12',
      Location: `/stream?access_token=${REDACTED}&since=5`, 'X-Custom': `has ${REDACTED} inside`,
    });
  });
});

describe('redact: URLs', () => {
  it('masks credential parameter values only, keeping the URL readable', () => {
    assert.equal(redactUrl('https://h/stream?access_token=SECRET&api_key=K2&since=5&sig=abc#x'),
      `https://h/stream?access_token=${REDACTED}&api_key=${REDACTED}&since=5&sig=${REDACTED}#x`);
    assert.equal(redactUrl('https://h/s?token=&flag&key=a%2Bb'), `https://h/s?token=&flag&key=${REDACTED}`);
    assert.equal(redactUrl('https://h/s?api%5Fkey=x'), `https://h/s?api%5Fkey=${REDACTED}`, 'percent-encoded name');
    assert.equal(redactUrl('https://h/cb#access_token=x&state=1'), `https://h/cb#access_token=${REDACTED}&state=1`);
  });

  it('masks userinfo: the password, or a lone user name (a token, as GitHub takes it)', () => {
    assert.equal(redactUrl('https://user:p%40ss@h/x'), `https://user:${REDACTED}@h/x`);
    assert.equal(redactUrl('https://:only@h/y'), `https://:${REDACTED}@h/y`);
    assert.equal(redactUrl('https://ghp_TOKEN@h/'), `https://${REDACTED}@h/`);
    assert.equal(redactUrl('https://h/a@b?x=1'), 'https://h/a@b?x=1', 'an @ in the path is not userinfo');
  });

  it('redactText masks every URL inside a message, and secret values anywhere', () => {
    assert.equal(redactText('GET https://h/s?token=abc (Last-Event-ID: 5) then "http://u:pw@h2/?key=k"', []),
      `GET https://h/s?token=${REDACTED} (Last-Event-ID: 5) then "http://u:${REDACTED}@h2/?key=${REDACTED}"`);
    assert.equal(redactText('value sk-1234 here', ['sk-1234']), `value ${REDACTED} here`);
  });

  it('the requestable form of a shown URL leaves masked credentials out', () => {
    assert.equal(withoutMaskedCredentials(redactUrl('https://u:pw@h/s?access_token=x&since=5')), 'https://h/s?since=5');
    assert.equal(withoutMaskedCredentials(redactUrl('https://h/s?since=5&token=x')), 'https://h/s?since=5');
    assert.equal(withoutMaskedCredentials(redactUrl('https://h/s?token=x#f')), 'https://h/s#f');
    assert.equal(withoutMaskedCredentials('https://h/s?a=1'), 'https://h/s?a=1');
  });
});
