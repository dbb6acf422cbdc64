import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EndpointProfile } from '../../../src/core/profiles/profile';
import { ProfileResolveError, resolveProfile, secretNamesOf, type ProfileFileAccess } from '../../../src/core/profiles/resolve';
import type { VariableValues } from '../../../src/core/profiles/variables';

const files = (baseDir?: string): ProfileFileAccess => ({ ...(baseDir ? { baseDir } : {}), homeDir: os.homedir(), readFile: (f) => fs.readFileSync(f) });
const values = (secrets: Record<string, string>, env: Record<string, string> = {}): VariableValues => ({ secret: (n) => secrets[n], env: (n) => env[n] });

describe('profiles: a profile becomes ConnectOptions', () => {
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-profiles-')); });
  after(() => { fs.rmSync(dir, { recursive: true, force: true }); });

  it('lists the secrets a profile needs, once each', () => {
    const profile: EndpointProfile = { name: 'a', url: 'http://127.0.0.1/', headers: { A: '${secret:x}', B: '${secret:y} ${secret:x}' }, body: '${secret:z}' };
    assert.deepEqual(secretNamesOf(profile), ['x', 'y', 'z']);
  });

  it('maps every field and reports the resolved secrets as secretValues', () => {
    const profile: EndpointProfile = {
      name: 'a', url: 'http://127.0.0.1:1/${env:FEED}', mode: 'sse', method: 'post',
      headers: { Authorization: 'Bearer ${secret:tok}', 'X-Trace': '${env:TRACE}' }, body: '{"key":"${secret:bodykey}"}',
      lastEventId: '9', reconnect: { initialRetryMs: 250, retryHttpErrors: true, resendBody: true },
      connectTimeoutMs: 1000, idleTimeoutMs: 2000, tls: { insecure: true },
    };
    const { options, disconnect } = resolveProfile(profile, values({ tok: 'tok-123', bodykey: 'bk-456' }, { FEED: 'events', TRACE: 't1' }), files());
    assert.deepEqual(options, {
      url: 'http://127.0.0.1:1/events', mode: 'sse', method: 'POST',
      headers: { Authorization: 'Bearer tok-123', 'X-Trace': 't1' }, body: '{"key":"bk-456"}', lastEventId: '9',
      initialRetryMs: 250, retryHttpErrors: true, resendBodyOnReconnect: true, connectTimeoutMs: 1000, idleTimeoutMs: 2000,
      insecure: true, secretValues: ['tok-123', 'bk-456'],
    });
    assert.equal(disconnect, undefined);
  });

  it('reconnect: false and { enabled: false } both turn reconnection off', () => {
    assert.equal(resolveProfile({ name: 'a', url: 'http://127.0.0.1/', reconnect: false }, values({}), files()).options.reconnect, false);
    assert.equal(resolveProfile({ name: 'a', url: 'http://127.0.0.1/', reconnect: { enabled: false } }, values({}), files()).options.reconnect, false);
    assert.equal(resolveProfile({ name: 'a', url: 'http://127.0.0.1/' }, values({}), files()).options.reconnect, undefined);
  });

  it('reads bodyFile relative to the base folder, as bytes, and defaults the method to POST', () => {
    const bytes = Buffer.from([0x7b, 0xe2, 0x82, 0xac, 0x7d]);
    fs.writeFileSync(path.join(dir, 'body.json'), bytes);
    const { options } = resolveProfile({ name: 'a', url: 'http://127.0.0.1/', bodyFile: 'body.json' }, values({}), files(dir));
    assert.deepEqual(Buffer.from(options.body as Uint8Array), bytes);
    assert.equal(options.method, 'POST');
  });

  it('says which field failed: a missing file, a relative path with no folder, a missing secret', () => {
    assert.throws(() => resolveProfile({ name: 'a', url: 'http://127.0.0.1/', bodyFile: 'nope.json' }, values({}), files(dir)),
      (err: Error) => err instanceof ProfileResolveError && /^bodyFile: cannot read .*nope\.json: ENOENT/.test(err.message));
    assert.throws(() => resolveProfile({ name: 'a', url: 'http://127.0.0.1/', tls: { caFile: 'ca.pem' } }, values({}), files()), /tls\.caFile: "ca\.pem" is a relative path/);
    assert.throws(() => resolveProfile({ name: 'a', url: 'http://127.0.0.1/', headers: { Authorization: '${secret:t}' } }, values({}), files()), /headers\.Authorization: secret "t" is not set/);
    assert.throws(() => resolveProfile({ name: 'a', url: '${env:U}' }, values({}, { U: 'not a url' }), files()), /url: "not a url" is not a valid URL/);
  });

  it('refuses a secret whose value would break the header', () => {
    assert.throws(() => resolveProfile({ name: 'a', url: 'http://127.0.0.1/', headers: { A: '${secret:t}' } }, values({ t: 'a\r\nX-Injected: 1' }), files()), /headers\.A: the resolved value contains a line break/);
  });

  it('passes long-poll options through and turns the disconnect schedule into a plan (seconds → ms)', () => {
    const longPoll = { timeoutMs: 20_000, cursorParam: 'since', format: 'json' as const };
    const { options, disconnect } = resolveProfile({ name: 'a', url: 'http://127.0.0.1/', mode: 'long-poll', longPoll, disconnect: { afterEvents: 3, everySeconds: 1.5, midEvent: true, once: true } }, values({}), files());
    assert.equal(options.mode, 'long-poll');
    assert.deepEqual(options.longPoll, longPoll);
    assert.notEqual(options.longPoll, longPoll, 'a copy: the session cannot change the setting value');
    assert.deepEqual(disconnect, { afterEvents: 3, everyMs: 1500, midEvent: true, once: true });
  });
});
