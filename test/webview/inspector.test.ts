import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/workbench';
import { eventBlocks, openInspector, startLiveFeed, waitFor, type Inspector, type LiveFeed } from './harness';

describe('webview: the inspector in headless Chromium (built bundle, real host controller, real stream)', function () {
  let browser: Browser;
  let feed: LiveFeed;
  let inspector: Inspector | undefined;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    feed = await startLiveFeed(': hello\n\nretry: 2500\n\n');
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && inspector) console.error('page errors:', inspector.pageErrors);
    await inspector?.close();
    inspector = undefined;
    await feed.close();
  });

  it('renders the toolbar, the columns and one row per record with a distinct badge per kind', async () => {
    inspector = await openInspector(browser, { url: feed.url });
    const { page } = inspector;
    await waitFor(() => inspector!.session.state === 'open', 'session open');
    feed.push(eventBlocks(1, 3) + 'data: {"unfinished": tr');
    await page.locator('.record[data-kind="event"]').nth(2).waitFor();
    assert.deepEqual(await page.locator('.record[data-kind="event"] .cell.id').allTextContents(), ['1', '2', '3']);
    assert.match(await page.locator('#connection-state').textContent() ?? '', /open/);
    assert.equal(await page.locator('#target').textContent(), feed.url);
    assert.deepEqual(await page.locator('.header [role="columnheader"]').allTextContents(), ['Time', 'Kind / type', 'Id', 'Last-Event-ID', 'Data', 'Size']);
    for (const kind of ['connecting', 'open', 'comment', 'retry', 'event']) {
      assert.ok(await page.locator(`.record[data-kind="${kind}"] .badge.badge-${kind}`).count() >= 1, `a ${kind} row with its badge`);
    }
    assert.equal(await page.locator('.record[data-kind="comment"] .cell.data').first().textContent(), ': hello');
    assert.equal(await page.locator('.record[data-kind="retry"] .cell.data').textContent(), 'reconnection time 2500 ms');
    assert.equal(await page.locator('.record[data-kind="event"] .badge').first().textContent(), 'quote');
    assert.equal(await page.locator('.record[data-kind="event"] .cell.lastid').nth(1).textContent(), '2');
    // The kind is told by text too, not by colour alone: each badge names its kind or type.
    const badgeTexts = await page.locator('.record .badge').allTextContents();
    assert.ok(badgeTexts.every((t) => t.trim().length > 0));
    // The unfinished block shows up as discarded when the stream ends.
    feed.end();
    await page.locator('.record[data-kind="discarded"]').first().waitFor();
    assert.match(await page.locator('.record[data-kind="discarded"] .cell.data').first().textContent() ?? '', /unfinished/);
    // Stats strip
    await waitFor(async () => (await page.locator('[data-stat="events"]').textContent())?.includes('3') === true, 'events count in stats');
    assert.match(await page.locator('[data-stat="lastid"]').textContent() ?? '', /Last-Event-ID 3/);
    assert.match(await page.locator('[data-stat="attempts"]').textContent() ?? '', /Attempts [12]/);
    assert.equal(await page.locator('.sparkline polyline').count(), 1);
    assert.deepEqual(inspector.pageErrors, []);
  });
});
