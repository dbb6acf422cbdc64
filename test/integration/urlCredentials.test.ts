import * as assert from 'node:assert/strict';
import { createCaptureHeader } from '../../src/core/capture';
import { createStreamServer, formatEvent, writeEventStreamHead, type StreamServer } from '../../src/core/server/streamServer';
import { connectAndCollect, eventsOf } from '../helpers/collect';

// A password in the URL's userinfo is a credential like Authorization (DESIGN, Security: secrets are redacted from
// logs and exports): it is still sent, but no record or capture header may show it.
describe('credentials in the URL (user:password@host)', function () {
  this.timeout(20_000);
  let server: StreamServer;
  let authorization: string | undefined;
  before(async () => {
    server = await createStreamServer({
      routes: {
        '/sse': (req, res) => {
          authorization = req.headers.authorization;
          writeEventStreamHead(res);
          res.end(formatEvent({ id: '1', data: 'hello' }));
        },
        '/hop': (_req, res) => { res.writeHead(307, { Location: '/sse' }); res.end(); },
      },
    });
  });
  after(async () => { await server.close(); });

  it('the password is sent but never appears in records or in the capture header', async () => {
    const url = server.url.replace('http://', 'http://alice:pa55word-xyz@');
    const c = connectAndCollect({ url: `${url}/hop`, reconnect: false });
    await c.handle.done;
    assert.equal(eventsOf(c.records).length, 1);
    assert.equal(authorization, `Basic ${Buffer.from('alice:pa55word-xyz').toString('base64')}`, 'still sent');
    const text = JSON.stringify(c.records);
    assert.doesNotMatch(text, /pa55word-xyz/, text);
    assert.match(text, /alice:«redacted»@/);
    const header = createCaptureHeader({ mode: 'sse', url: `${url}/sse`, method: 'GET', headers: {}, startedAt: 0 });
    assert.doesNotMatch(header.url, /pa55word-xyz/);
  });
});
