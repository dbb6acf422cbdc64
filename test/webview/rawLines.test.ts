import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { Session } from '../../src/core/session';
import { launchBrowser } from '../e2e/workbench';
import { openInspector, startLiveFeed, waitFor, type Inspector, type LiveFeed } from './harness';

describe('webview: raw lines in the detail pane (built bundle, real host controller, real stream)', function () {
  let browser: Browser;
  let feed: LiveFeed;
  let inspector: Inspector | undefined;

  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });
  beforeEach(async () => { feed = await startLiveFeed(); });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && inspector) console.error('page errors:', inspector.pageErrors);
    await inspector?.close();
    inspector = undefined;
    await feed.close();
  });

  /** Pushes `block` once the session is open and opens the detail of its event. */
  async function openEventDetail(i: Inspector, block: string): Promise<void> {
    await waitFor(() => i.session.state === 'open', 'session open');
    feed.push(block);
    await i.page.locator('.record[data-kind="event"]').first().click();
  }

  it('shows an event sent as data:x CRLF id:7 CRLF CRLF as exactly those lines, line endings marked', async () => {
    inspector = await openInspector(browser, { url: feed.url });
    await openEventDetail(inspector, 'data:x\r\nid:7\r\n\r\n');
    const raw = inspector.page.locator('#detail .raw-lines[data-source="received"]');
    await raw.waitFor();
    assert.equal(await raw.textContent(), 'data:x\\r\\n\nid:7\\r\\n\n\\r\\n\n');
    assert.match(await inspector.page.locator('#detail .raw-note').textContent() ?? '', /^As received: 16 B;/);
    assert.deepEqual(inspector.pageErrors, []);
  });

  it('labels the lines as rebuilt from the parsed fields, with the reason, when the bytes were not kept', async () => {
    const session = new Session({ url: feed.url, rawLog: { bytesPerAttempt: 0 } }, { maxRecords: 1000 });
    session.start();
    inspector = await openInspector(browser, { url: feed.url, session });
    await openEventDetail(inspector, 'data:x\r\nid:7\r\n\r\n');
    const note = inspector.page.locator('#detail .raw-note', { hasText: 'not available' });
    await note.waitFor();
    assert.match(await note.textContent() ?? '', /^Rebuilt from the parsed fields \(the bytes as received are not available: the raw-bytes log dropped/);
    assert.equal(await inspector.page.locator('#detail .raw-lines[data-source="rebuilt"]').textContent(), 'id: 7\ndata: x');
    assert.deepEqual(inspector.pageErrors, []);
  });
});
