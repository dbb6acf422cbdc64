import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { createStreamServer, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { startRecordedSession } from '../helpers/sessionRecords';

/** A loopback port nothing listens on (bound, then closed). */
async function refusingPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

// A refused connection backs off and tries again: those are reconnects tried, not reconnects made.
describe('reconnects tried and made (real sockets on 127.0.0.1)', () => {
  let server: StreamServer;
  before(async () => {
    server = await createStreamServer({
      routes: { '/short': (_req, res) => { writeEventStreamHead(res); res.end('retry: 20\n\ndata: a\n\n'); } },
    });
  });
  after(async () => { await server.close(); });

  it('a refused connection counts its tries, none made, and never reads as open', async () => {
    const s = startRecordedSession({ url: `http://127.0.0.1:${await refusingPort()}/x`, initialRetryMs: 20 });
    try {
      await s.until((rs) => rs.filter((r) => r.kind === 'connecting').length >= 3);
      const stats = s.session.getStats();
      assert.ok(stats.reconnects >= 2, `tried ${stats.reconnects}`);
      assert.equal(stats.reconnected, 0);
      assert.ok(stats.failedReconnects! >= 1, `failed ${stats.failedReconnects}`);
      assert.notEqual(s.session.state, 'open');
    } finally { s.session.dispose(); }
  });

  it('a stream that ends and is reached again counts each reconnect made', async () => {
    const s = startRecordedSession({ url: `${server.url}/short` });
    try {
      await s.until((rs) => rs.filter((r) => r.kind === 'open').length >= 3);
      assert.ok(s.session.getStats().reconnected! >= 2);
      // Between the end of a response and the next open, a reconnect is scheduled and not yet made: that is no
      // failure (the strip read "8 of 9 tried" during every retry wait of a healthy stream).
      await s.until((rs) => rs.at(-1)?.kind === 'reconnect');
      const waiting = s.session.getStats();
      assert.equal(waiting.reconnects, waiting.reconnected! + 1, 'one reconnect waits for its delay');
      assert.equal(waiting.failedReconnects, 0);
    } finally { s.session.dispose(); }
  });
});
