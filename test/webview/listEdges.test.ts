import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/workbench';
import { eventBlocks, openInspector, probe, startLiveFeed, waitFor, type Inspector, type LiveFeed } from './harness';

/** A box on the page (Playwright's boundingBox). */
type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

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

  it('a paused list whose rows the cap all dropped shows the rows retained, keeps Home/End, and counts new rows right', async () => {
    const i = await openWithEvents(30, 50);
    const { page } = i;
    await page.locator('#pause-follow').click();
    feed.push(eventBlocks(31, 230)); // the cap keeps 50: every row the list was paused on goes
    await waitFor(() => i.session.getStats().events === 260, '260 events');
    await waitFor(async () => (await page.locator('.record[data-kind="event"]').count()) > 0, 'rows, not a blank list');
    await page.waitForTimeout(300); // the last updates
    assert.equal(await page.locator('#pause-follow').textContent(), 'Follow', 'still paused');
    assert.equal(await page.locator('#empty-note').isHidden(), true);
    const shown = Number(await page.locator('#record-grid').getAttribute('aria-rowcount')) - 1;
    const jump = await page.locator('#jump-new').isHidden() ? 0 : Number(/↓ (\d+) new/.exec(await page.locator('#jump-new').textContent() ?? '')?.[1]);
    assert.ok(shown > 0, 'the paused list has rows');
    assert.equal(shown + jump, i.session.store.size, `the rows shown (${shown}) and the new ones (${jump}) are the records retained`);
    const ids = (await page.locator('.record[data-kind="event"] .cell.id').allTextContents()).map(Number);
    assert.ok(ids.every((id) => id > 210), `only retained records are shown: ${ids.join(',')}`);

    await page.locator('#record-grid').focus();
    await page.keyboard.press('End');
    await page.locator('.record.selected').waitFor();
    const last = Number(await page.locator('.record.selected').getAttribute('aria-rowindex'));
    assert.equal(last, shown + 1, 'End selects the last row of the paused list');
    await page.keyboard.press('Home');
    await waitFor(async () => (await page.locator('.record.selected').getAttribute('aria-rowindex')) === '2', 'Home selects the first row');
    assert.deepEqual(i.pageErrors, []);
  });

  it('the detail pane of a record removed by Clear or dropped by the cap says so, and disables Copy and Open', async () => {
    const i = await openWithEvents(5, 40);
    const { page } = i;
    const disabled = (): Promise<boolean[]> => Promise.all(['#copy-data', '#copy-record', '#open-data'].map((id) => page.locator(id).isDisabled()));
    await page.locator('.record[data-kind="event"] .cell.id', { hasText: /^3$/ }).click();
    await page.locator('#detail .json-tree').waitFor();
    assert.deepEqual(await disabled(), [false, false, false]);
    assert.equal(await page.locator('#detail-removed').isHidden(), true);

    await page.locator('#clear').click();
    await page.locator('#detail-removed', { hasText: 'This record was cleared' }).waitFor();
    assert.deepEqual(await disabled(), [true, true, true]);
    assert.match(await page.locator('#detail-title').textContent() ?? '', /#/, 'the pane still shows what it had');

    feed.push(eventBlocks(6, 5));
    await page.locator('.record[data-kind="event"] .cell.id', { hasText: /^8$/ }).click();
    await page.locator('#detail-title', { hasText: 'id 8' }).waitFor();
    assert.equal(await page.locator('#detail-removed').isHidden(), true, 'a record in the list is not removed');
    assert.deepEqual(await disabled(), [false, false, false]);

    feed.push(eventBlocks(11, 60)); // the cap of 40 drops id 8
    await page.locator('#detail-removed', { hasText: 'This record was dropped by the record cap' }).waitFor();
    assert.deepEqual(await disabled(), [true, true, true]);
    assert.deepEqual(i.copied, []);
    assert.deepEqual(i.pageErrors, [], 'nothing was asked of the host for a record it no longer has');
  });

  it('after Clear with the list scrolled up, new rows that come into view are not counted as new', async () => {
    const i = await openWithEvents(100);
    const { page } = i;
    await probe(page, 'scrollListTo(0)');
    await waitFor(async () => (await page.locator('#pause-follow').textContent()) === 'Follow', 'scrolled up: not following');
    await page.locator('#clear').click();
    await waitFor(() => i.session.store.size === 0, 'cleared');
    feed.push(eventBlocks(101, 3));
    await waitFor(async () => JSON.stringify(await probe<number[]>(page, 'visibleEventIds()')) === '[101,102,103]', 'the three new rows in view');
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#jump-new').isHidden(), true, 'no "↓ 3 new" beside the three rows in view');
    assert.deepEqual(i.pageErrors, []);
  });

  it('the "↓ N new" button covers no row: the rows in view, the clicked one included, stay readable', async () => {
    const i = await openWithEvents(100);
    const { page } = i;
    // Click the row above the newest: the list stops following and stays where it is.
    await page.locator('.record[data-kind="event"] .cell.id', { hasText: /^99$/ }).click();
    await waitFor(async () => (await page.locator('#pause-follow').textContent()) === 'Follow', 'no longer following');
    feed.push(eventBlocks(101, 5));
    await page.locator('#jump-new', { hasText: '5 new' }).waitFor();
    await page.waitForTimeout(200); // the resize the button causes
    const visible = await probe<number[]>(page, 'visibleEventIds()');
    assert.ok(visible.includes(99) && visible.includes(100), `the clicked row and the one below it are in view: ${visible.join(',')}`);
    const button = (await page.locator('#jump-new').boundingBox())!;
    for (const id of visible) {
      const row = (await page.locator('.record[data-kind="event"]', { has: page.locator('.cell.id', { hasText: new RegExp(`^${id}$`) }) }).boundingBox())!;
      assert.ok(!overlaps(row, button), `row ${id} is not under the button`);
    }
    await page.locator('#jump-new').click();
    await waitFor(async () => (await probe<number[]>(page, 'visibleEventIds()')).includes(105), 'the button still jumps to the newest row');
    assert.deepEqual(i.pageErrors, []);
  });

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
    assert.equal(await blank.textContent(), '···');
    await page.locator('.record[data-kind="event"] .badge', { hasText: /^···$/ }).waitFor();
    // What a type chip does: it narrows the events; other kinds stay.
    assert.match(await page.locator('.chip[data-type="trade"]').getAttribute('title') ?? '', /comments, retry and lifecycle rows stay/);
    await blank.click();
    await waitFor(async () => JSON.stringify(await page.locator('.record[data-kind="event"] .cell.data').allTextContents()) === '["2"]', 'the chip filters to its type');
    assert.deepEqual(i.pageErrors, []);
  });
});
