import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/workbench';
import { eventBlocks, openInspector, startLiveFeed, waitFor, type Inspector, type LiveFeed } from './harness';

// A panel beside the code is often 500–700 px wide: every control must stay reachable there.
describe('webview: the inspector in a narrow panel (headless Chromium)', function () {
  let browser: Browser;
  let feed: LiveFeed;
  let inspector: Inspector | undefined;

  before(async () => {
    browser = await launchBrowser();
    feed = await startLiveFeed();
  });
  after(async () => {
    await inspector?.close();
    await feed?.close();
    await browser?.close();
  });

  for (const width of [420, 626]) {
    it(`keeps every toolbar and filter control inside a ${width} px panel, and the URL readable`, async () => {
      await inspector?.close();
      inspector = await openInspector(browser, { url: `${feed.url}?feed=a-long-enough-query-string`, viewport: { width, height: 700 } });
      const { page } = inspector;
      await waitFor(() => inspector!.session.state === 'open', 'session open');
      feed.push(eventBlocks(1, 5));
      await page.locator('.record[data-kind="event"]').nth(4).waitFor();
      await page.screenshot({ path: `/tmp/narrow-${width}.png` });
      const outside = await page.locator('.toolbar button, .toolbar select, .toolbar input, .filter-bar button, .filter-bar input, .toolbar .status, #connection-state')
        .evaluateAll((nodes, w) => nodes
          .filter((n) => n.getClientRects().length > 0) // rendered (not hidden)
          .map((n) => ({ what: n.id || n.textContent?.trim() || n.tagName, right: n.getBoundingClientRect().right }))
          .filter((n) => n.right > (w as number) + 0.5), width);
      assert.deepEqual(outside, [], 'no control runs off the right edge');
      const url = await page.locator('#target').evaluate((n) => ({ shown: n.getBoundingClientRect().width, whole: n.scrollWidth }));
      assert.ok(url.shown >= Math.min(url.whole, 200), `the URL keeps room (${url.shown} of ${url.whole} px shown)`);
      assert.deepEqual(inspector.pageErrors, []);
    });
  }
});
