import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LifecycleRecord } from '../../src/core/records';
import { connectAndCollect } from '../helpers/collect';

/** A server that answers 401 and echoes the token it was sent in its body, as some APIs' error pages do. */
describe('an HTTP error body that echoes a secret', () => {
  const TOKEN = 'tok-3f9a-secret';
  let server: http.Server;
  let url: string;
  before(async () => {
    server = http.createServer((req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      const token = String(req.headers['x-api-token'] ?? '');
      // /edge: the token straddles the end of the 512-byte preview (starts at byte 500).
      if (req.url === '/edge') res.end(`${'x'.repeat(500)}${token} and more`);
      else res.end(JSON.stringify({ error: 'invalid token', token }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(async () => { await new Promise<void>((resolve) => server.close(() => resolve())); });

  for (const mode of ['sse', 'long-poll'] as const) {
    it(`${mode}: the secret is masked in the error's message and bodyPreview`, async () => {
      const c = connectAndCollect({ url, mode, reconnect: false, headers: { 'X-Api-Token': TOKEN }, secretValues: [TOKEN] });
      await c.handle.done;
      const error = c.records.find((r): r is LifecycleRecord => r.kind === 'error')!;
      assert.match(error.message, /HTTP 401/);
      assert.ok(error.message.includes('"token":"«redacted»"'), error.message);
      assert.equal(error.bodyPreview, '{"error":"invalid token","token":"«redacted»"}');
      assert.ok(!JSON.stringify(c.records).includes(TOKEN), 'the token appears in no record');
    });

    it(`${mode}: a secret cut in two by the end of the preview is masked too (no start of it shows)`, async () => {
      const c = connectAndCollect({ url: `${url}edge`, mode, reconnect: false, headers: { 'X-Api-Token': TOKEN }, secretValues: [TOKEN] });
      await c.handle.done;
      const error = c.records.find((r): r is LifecycleRecord => r.kind === 'error')!;
      assert.equal(error.bodyPreview, `${'x'.repeat(500)}«redacted»`);
      assert.ok(!JSON.stringify(c.records).includes(TOKEN.slice(0, 8)), 'no start of the token appears in any record');
    });
  }
});
