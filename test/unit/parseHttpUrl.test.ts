import * as assert from 'node:assert/strict';
import { ConnectError, parseHttpUrl } from '../../src/core/connect';

// What Connect to Endpoint, profiles and the CLI say about a URL they cannot use: the actual fault, not a guess.
describe('parseHttpUrl: a specific message for each way a URL can be wrong', () => {
  const refused = (input: string): string => {
    try {
      parseHttpUrl(input);
    } catch (err) {
      assert.ok(err instanceof ConnectError);
      assert.equal(err.type, 'invalid-url');
      return err.message;
    }
    throw new Error(`accepted ${input}`);
  };

  it('accepts http and https URLs with a host', () => {
    assert.equal(parseHttpUrl(' http://127.0.0.1:8080/events ').href, 'http://127.0.0.1:8080/events');
    assert.equal(parseHttpUrl('https://[::1]:443/x').hostname, '[::1]');
    assert.equal(parseHttpUrl('http://user:pw@localhost:3000/').port, '3000');
  });

  it('host:port without a scheme asks for the scheme (it would parse as the scheme "localhost:")', () => {
    assert.equal(refused('localhost:3000/events'), '"localhost:3000/events" has no scheme; include it, for example http://localhost:3000/events');
    assert.match(refused('127.0.0.1:8080'), /no scheme; include it, for example http:\/\/127\.0\.0\.1:8080$/);
    assert.match(refused('example.com/feed'), /include the scheme, for example http:\/\/example\.com\/feed/);
  });

  it('names a bad port, a space in the host, a missing host', () => {
    assert.match(refused('http://127.0.0.1:99999/x'), /the port 99999 is out of range \(0–65535\)/);
    assert.match(refused('http://localhost:80a/x'), /the port "80a" is not a number/);
    assert.match(refused('http://exa mple.com/'), /the host "exa mple.com" contains a space/);
    assert.match(refused('http://'), /it needs a host/);
    assert.match(refused('http://[::1/'), /the host "\[::1" is not valid/);
  });

  it('other schemes and empty input', () => {
    assert.equal(refused('ftp://example.com/feed'), 'Only http and https URLs are supported, not ftp:');
    assert.match(refused('   '), /^Enter a URL/);
  });

  it('quotes a refused URL with its credentials masked (the message reaches the log and the terminal)', () => {
    const message = refused('http://u:pw-1234@exa mple.com/s?access_token=tok-5678');
    assert.match(message, /is not a valid URL; the host "exa mple.com" contains a space/);
    assert.ok(!message.includes('pw-1234') && !message.includes('tok-5678'), message);
    const noScheme = refused('localhost:3000/events?api_key=tok-5678');
    assert.match(noScheme, /has no scheme/);
    assert.ok(!noScheme.includes('tok-5678'), noScheme);
  });
});
