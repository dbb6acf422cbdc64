import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/workbench';
import { eventBlocks, openInspector, probe, startLiveFeed, waitFor, type Inspector, type LiveFeed } from './harness';

describe('webview: the list and the detail pane at their edges (the cap, Clear, the jump button, odd types)', function () {
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
    feed = await startLiveFeed();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && inspector) console.error('page errors:', inspector.pageErrors);
    await inspector?.close();
    inspector = undefined;
    await feed.close();
  });

  async function openWithEvents(events: number, maxRecords = 100_000): Promise<Inspector> {
    inspector = await openInspector(browser, { url: feed.url, viewport: { width: 1000, height: 500 }, maxRecords });
    const i = inspector;
    await waitFor(() => i.session.state === 'open', 'session open');
    feed.push(eventBlocks(1, events));
    await waitFor(() => i.session.getStats().events >= events, `${events} events`);
    await waitFor(async () => (await probe<number[]>(i.page, 'visibleEventIds()')).includes(events), 'the newest row in view');
    return i;
  }

  it('a very long type gets a chip cut to a width with the whole name on hover; a type of spaces shows marks, not a blank', async () => {
    const i = await openWithEvents(2);
    const { page } = i;
    const long = `t${'y'.repeat(2999)}`;
    feed.push(`event: ${long}\ndata: 1\n\nevent:    \ndata: 2\n\n`); // the second type is three spaces (one more is the separator)
    await waitFor(() => i.session.getStats().events === 4, '4 events');
    const longChip = page.locator(`.chip[data-type="${long}"]`);
    await longChip.waitFor();
    const box = (await longChip.boundingBox())!;
    assert.ok(box.width < 300, `the chip is cut (${box.width} px)`);
    assert.match(await longChip.getAttribute('title') ?? '', new RegExp(`"${long}"`), 'the tooltip has the whole name');
    assert.equal((await probe<{ pageOverflowX: boolean }>(page, 'layout()')).pageOverflowX, false, 'the page does not widen');

    const blank = page.locator('.chip[data-type="   "]');
    assert.equal(await blank.textContent(), '␠␠␠');
    await page.locator('.record[data-kind="event"] .badge', { hasText: /^␠␠␠$/ }).waitFor();
    // What a type chip does: it narrows the events; other kinds stay.
    assert.match(await page.locator('.chip[data-type="trade"]').getAttribute('title') ?? '', /comments, retry and lifecycle rows stay/);
    await blank.click();
    await waitFor(async () => JSON.stringify(await page.locator('.record[data-kind="event"] .cell.data').allTextContents()) === '["2"]', 'the chip filters to its type');
    assert.deepEqual(i.pageErrors, []);
  });
});
