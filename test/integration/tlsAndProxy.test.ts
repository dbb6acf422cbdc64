import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { LifecycleRecord, StreamRecord } from '../../src/core/records';
import { createStreamServer, formatEvent, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { connectAndCollect, eventsOf } from '../helpers/collect';
import { startTestProxy, type TestProxy } from '../helpers/httpProxy';
import { createTestCert, type TestCert } from '../helpers/tlsCert';

const lifecycle = (records: StreamRecord[], kind: string): LifecycleRecord[] => records.filter((r) => r.kind === kind) as LifecycleRecord[];

describe('TLS (custom CA, opt-out) and HTTP proxies', function () {
  this.timeout(20_000);
  let cert: TestCert;
  let secure: https.Server;
  let secureUrl: string;
  let plain: StreamServer;
  let proxy: TestProxy;

  before(async () => {
    cert = createTestCert();
    secure = https.createServer({ key: cert.key, cert: cert.cert }, (_req, res) => {
      writeEventStreamHead(res);
      res.end(formatEvent({ id: '1', data: 'over TLS' }));
    });
    await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
    secureUrl = `https://127.0.0.1:${(secure.address() as AddressInfo).port}/events`;
    plain = await createStreamServer({ routes: { '/events': (_req, res) => { writeEventStreamHead(res); res.end(formatEvent({ data: 'plain' })); } } });
    proxy = await startTestProxy();
  });
  after(async () => {
    await new Promise<void>((resolve) => secure.close(() => resolve()));
    await plain.close();
    await proxy.close();
    fs.rmSync(cert.dir, { recursive: true, force: true });
  });
  beforeEach(() => { proxy.seen.length = 0; });

  it('verifies certificates by default: a self-signed server fails with a hint', async () => {
    const c = connectAndCollect({ url: secureUrl, reconnect: false });
    await c.handle.done;
    const error = lifecycle(c.records, 'error')[0]!;
    assert.match(error.message, /self-signed|self signed/i);
    assert.match(error.message, /CA file/);
    assert.equal(eventsOf(c.records).length, 0);
  });

  it('trusts a custom CA file', async () => {
    const c = connectAndCollect({ url: secureUrl, caFile: cert.certFile, reconnect: false });
    await c.handle.done;
    assert.deepEqual(eventsOf(c.records).map((e) => e.data), ['over TLS']);
    assert.equal(lifecycle(c.records, 'open')[0]!.details, undefined, 'no warning when verification is on');
  });

  it('a CA file without a certificate is a clear error before connecting', () => {
    const notPem = path.join(cert.dir, 'key-only.txt');
    fs.writeFileSync(notPem, 'hello');
    assert.throws(() => connectAndCollect({ url: secureUrl, caFile: notPem }), /holds no PEM certificate/);
  });

  it('the TLS opt-out connects and is flagged as a warning on its records', async () => {
    const c = connectAndCollect({ url: secureUrl, insecure: true, reconnect: false });
    await c.handle.done;
    assert.deepEqual(eventsOf(c.records).map((e) => e.data), ['over TLS']);
    for (const kind of ['connecting', 'open']) {
      assert.match(String(lifecycle(c.records, kind)[0]!.details?.warning), /verification is disabled/, kind);
    }
  });

  it('an http URL goes through the proxy in absolute form', async () => {
    const c = connectAndCollect({ url: `${plain.url}/events`, proxy: proxy.url, reconnect: false });
    await c.handle.done;
    assert.deepEqual(eventsOf(c.records).map((e) => e.data), ['plain']);
    assert.deepEqual(proxy.seen.map((s) => s.line), [`GET ${plain.url}/events`]);
    assert.equal(lifecycle(c.records, 'open')[0]!.details?.proxy, new URL(proxy.url).host);
  });

  it('an https URL is tunnelled with CONNECT, still verified end to end, with proxy credentials', async () => {
    const withAuth = proxy.url.replace('http://', 'http://user:p%40ss@');
    const c = connectAndCollect({ url: secureUrl, proxy: { https: withAuth }, caFile: cert.certFile, reconnect: false });
    await c.handle.done;
    assert.deepEqual(eventsOf(c.records).map((e) => e.data), ['over TLS']);
    assert.deepEqual(proxy.seen, [{ line: `CONNECT ${new URL(secureUrl).host}`, proxyAuthorization: `Basic ${Buffer.from('user:p@ss').toString('base64')}` }]);
    assert.ok(!JSON.stringify(c.records).includes('p@ss') && !JSON.stringify(c.records).includes('p%40ss'), 'proxy credentials never appear in records');
  });

  it('NO_PROXY hosts are reached directly', async () => {
    const c = connectAndCollect({ url: `${plain.url}/events`, proxy: { http: proxy.url, noProxy: 'example.com, 127.0.0.1' }, reconnect: false });
    await c.handle.done;
    assert.deepEqual(eventsOf(c.records).map((e) => e.data), ['plain']);
    assert.deepEqual(proxy.seen, []);
  });

  it('a proxy that refuses is a clear error', async () => {
    const c = connectAndCollect({ url: 'https://example.invalid/events', proxy: { https: proxy.url }, reconnect: false });
    await c.handle.done;
    const error = lifecycle(c.records, 'error')[0]!;
    assert.equal(error.reason, 'proxy');
    assert.match(error.message, /refused CONNECT example\.invalid:443: HTTP 403/);
  });
});
