import * as assert from 'node:assert/strict';
import { matchesNoProxy, proxyConfigFromEnv, proxyConfigFromSetting, proxyFor } from '../../src/core/http/proxy';

describe('proxy configuration', () => {
  it('reads the usual environment variables; the lower-case name wins', () => {
    assert.deepEqual(proxyConfigFromEnv({ HTTP_PROXY: 'http://upper:1', http_proxy: 'http://lower:2', HTTPS_PROXY: 'http://s:3', NO_PROXY: 'a.com' }),
      { http: 'http://lower:2', https: 'http://s:3', noProxy: 'a.com' });
    assert.deepEqual(proxyConfigFromEnv({ HTTP_PROXY: '  ' }), {});
  });

  it('VS Code\'s http.proxy applies to both schemes, with http.noProxy', () => {
    assert.deepEqual(proxyConfigFromSetting('http://p:8080', ['internal']), { http: 'http://p:8080', https: 'http://p:8080', noProxy: 'internal' });
    assert.deepEqual(proxyConfigFromSetting(''), {});
  });

  it('picks the proxy by scheme; a bare host:port means http://', () => {
    const config = { http: 'proxy:3128', https: 'http://secure:8443' };
    assert.equal(proxyFor(new URL('http://a.com/x'), config)!.href, 'http://proxy:3128/');
    assert.equal(proxyFor(new URL('https://a.com/x'), config)!.host, 'secure:8443');
    assert.equal(proxyFor(new URL('https://a.com/x'), { http: 'proxy:1' }), undefined);
    assert.throws(() => proxyFor(new URL('http://a.com'), { http: 'socks5://p:1' }), /only http:\/\/ proxies/);
  });

  it('NO_PROXY: names match themselves and subdomains, leading dots and *, ports, IPv6', () => {
    const url = (u: string): URL => new URL(u);
    assert.ok(matchesNoProxy(url('http://example.com/'), 'example.com'));
    assert.ok(matchesNoProxy(url('http://api.example.com/'), 'example.com'));
    assert.ok(matchesNoProxy(url('http://api.example.com/'), '.example.com'));
    assert.ok(matchesNoProxy(url('http://api.example.com/'), '*.example.com'));
    assert.ok(!matchesNoProxy(url('http://badexample.com/'), 'example.com'));
    assert.ok(matchesNoProxy(url('http://x.org/'), 'a.com, *'));
    assert.ok(matchesNoProxy(url('http://127.0.0.1:8080/'), '127.0.0.1:8080'));
    assert.ok(!matchesNoProxy(url('http://127.0.0.1:8081/'), '127.0.0.1:8080'));
    assert.ok(matchesNoProxy(url('https://a.com/'), 'a.com:443'));
    assert.ok(matchesNoProxy(url('http://[::1]:9/'), '::1'));
    assert.ok(matchesNoProxy(url('http://[::1]:9/'), '[::1]:9'));
  });
});
