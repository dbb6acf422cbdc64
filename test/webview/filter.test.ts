import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/workbench';
import { eventBlocks, openInspector, probe, startLiveFeed, waitFor, type Inspector, type LiveFeed } from './harness';

/** Event ids of the rows in the DOM (the list is short enough here to be all in view). */
async function rowIds(page: Page): Promise<number[]> {
  return (await page.locator('.record[data-kind="event"] .cell.id').allTextContents()).map(Number);
}

async function rowKinds(page: Page): Promise<string[]> {
  return page.locator('.record').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-kind') ?? ''))].sort());
}

function range(from: number, to: number, keep: (i: number) => boolean = () => true): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) if (keep(i)) out.push(i);
  return out;
}

describe('webview: filtering in headless Chromium (queries answered by the real host engine)', function () {
  let browser: Browser;
  let feed: LiveFeed;
  let inspector: Inspector;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
    feed = await startLiveFeed(': heartbeat\n\nretry: 1000\n\n');
    // Tall enough that 40 events and their companions are all rendered.
    inspector = await openInspector(browser, { url: feed.url, viewport: { width: 1100, height: 1400 } });
    page = inspector.page;
    await waitFor(() => inspector.session.state === 'open', 'session open');
    feed.push(eventBlocks(1, 40));
    await waitFor(() => inspector.session.getStats().events === 40, '40 events');
    await page.locator('.record[data-kind="event"] .cell.id', { hasText: /^40$/ }).waitFor();
  });
  after(async () => {
    if (inspector?.pageErrors.length) console.error('page errors:', inspector.pageErrors);
    await inspector?.close();
    await feed?.close();
    await browser?.close();
  });

  async function setFilterText(text: string): Promise<void> {
    await page.locator('#filter').fill(text);
    await page.locator('#filter').press('Enter');
  }

  /** Empties the filter box (and lifts the trade chip when it is on), then expects all 60 events again. */
  async function clearFilters(tradeChipOn: boolean): Promise<void> {
    await page.locator('#filter').fill('');
    await page.locator('#filter').press('Escape');
    if (tradeChipOn) await page.locator('.chip[data-type="trade"]').click();
    await expectIds(range(1, 60), 'everything again');
  }

  async function expectIds(expected: number[], message: string): Promise<void> {
    await waitFor(async () => JSON.stringify(await rowIds(page)) === JSON.stringify(expected), `${message}: expected ${expected.join(',')}, saw ${(await rowIds(page)).join(',')}`);
  }

  it('counts the records without a filter', async () => {
    await page.locator('#match-count', { hasText: `${inspector.session.store.size} records` }).waitFor();
  });

  it('filters by kind with toggles whose state is announced (aria-pressed)', async () => {
    const events = page.locator('.kind-toggle[data-kind="event"]');
    assert.equal(await events.getAttribute('aria-pressed'), 'true');
    await events.click();
    assert.equal(await events.getAttribute('aria-pressed'), 'false');
    // Every kind but events (waiting for the whole answer: a check between the result and the next frame sees no rows).
    await waitFor(async () => JSON.stringify(await rowKinds(page)) === '["comment","connecting","open","retry"]', 'no event rows, the other kinds');
    await page.locator('.kind-toggle[data-kind="lifecycle"]').click();
    await waitFor(async () => JSON.stringify(await rowKinds(page)) === '["comment","retry"]', 'comments and retry only');
    await page.locator('#match-count', { hasText: '2 of' }).waitFor();
    await events.click();
    await page.locator('.kind-toggle[data-kind="lifecycle"]').click();
    await expectIds(range(1, 40), 'all kinds again');
  });

  it('filters by event type with chips built from the types seen', async () => {
    assert.deepEqual(await page.locator('.chip').allTextContents(), ['quote', 'trade']);
    await page.locator('.chip[data-type="quote"]').click();
    await expectIds(range(1, 40, (i) => i % 2 === 1), 'quote events (odd ids)');
    assert.ok((await rowKinds(page)).includes('comment'), 'other kinds are not affected by type chips');
    await page.locator('.chip[data-type="quote"]').click();
    await expectIds(range(1, 40), 'chip off');
  });

  it('filters by case-insensitive text across data, type and id', async () => {
    await setFilterText('s3');
    await expectIds(range(1, 40, (i) => i % 7 === 3), 'sym S3');
    await setFilterText('TRADE');
    await expectIds(range(1, 40, (i) => i % 2 === 0), 'type trade');
    await page.locator('#match-count', { hasText: '20 of' }).waitFor();
  });

  it('filters by /regex/ and shows an invalid one as an inline error, keeping the last good filter', async () => {
    await setFilterText('/"n":1\\d,/');
    await expectIds(range(10, 19), 'n in 10..19');
    await setFilterText('/"n":(1\\d/');
    const error = page.locator('#filter-error');
    await error.waitFor();
    assert.match(await error.textContent() ?? '', /Regular expression: .*(unterminated group)/i);
    assert.equal(await error.getAttribute('role'), 'alert');
    assert.equal(await page.locator('#filter').getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await rowIds(page), range(10, 19), 'the last good filter stays');
    await setFilterText('/"n":(1\\d),/');
    await error.waitFor({ state: 'hidden' });
  });

  it('filters by a JSON field, with errors for bad expressions', async () => {
    await setFilterText('data.user.id == 7');
    await expectIds(range(1, 40, (i) => i % 10 === 7), 'user id 7');
    await setFilterText('data.n >= 35');
    await expectIds(range(35, 40), 'n >= 35');
    await setFilterText('data.sym contains "s5"');
    await expectIds(range(1, 40, (i) => i % 7 === 5), 'sym contains s5');
    await setFilterText('data.user.id ==');
    await page.locator('#filter-error', { hasText: 'missing a value after ==' }).waitFor();
    await setFilterText('data.user.id = 7');
    await page.locator('#filter-error', { hasText: 'expected an operator' }).waitFor();
    await setFilterText('data.user.id != 7');
    await expectIds(range(1, 40, (i) => i % 10 !== 7), 'user id not 7');
  });

  it('combines filters and keeps applying them to records that arrive', async () => {
    await page.locator('.chip[data-type="trade"]').click();
    await setFilterText('data.user.id == 4');
    await expectIds(range(1, 40, (i) => i % 2 === 0 && i % 10 === 4), 'trade and user 4');
    feed.push(eventBlocks(41, 20));
    await expectIds(range(1, 60, (i) => i % 2 === 0 && i % 10 === 4), 'new matching records appear; others do not');
    await clearFilters(true);
    assert.deepEqual(inspector.pageErrors, []);
  });

  it('keeps the selected record selected through a filter that it passes, and drops the selection when it does not', async () => {
    const selectedId = async (): Promise<string> => (await page.locator('.record.selected .cell.id').allTextContents()).join(',');
    await page.locator('.record[data-kind="event"] .cell.id', { hasText: /^24$/ }).click();
    await waitFor(async () => await selectedId() === '24', 'row 24 selected');
    await page.locator('.chip[data-type="trade"]').click(); // even ids are trades: 24 passes
    await expectIds(range(1, 60, (i) => i % 2 === 0), 'trades only');
    await waitFor(async () => await selectedId() === '24', 'row 24 still selected after the chip');
    await setFilterText('data.user.id == 4'); // 24 passes again (renumbered once more)
    await expectIds(range(1, 60, (i) => i % 2 === 0 && i % 10 === 4), 'trade and user 4');
    await waitFor(async () => await selectedId() === '24', 'row 24 still selected after the text filter');
    assert.equal(await page.locator('#record-grid').getAttribute('aria-activedescendant'), await page.locator('.record.selected').getAttribute('id'));
    await setFilterText('data.user.id == 5'); // no trade has user 5: 24 is filtered out
    await expectIds([], 'nothing matches');
    assert.equal(await page.locator('.record.selected').count(), 0);
    await clearFilters(true);
    assert.deepEqual(inspector.pageErrors, []);
  });

  it('the detail pane says when a new filter hides its record, and stops saying so when the record is back', async () => {
    const note = page.locator('#detail-filtered-out');
    await page.locator('.record[data-kind="event"] .cell.id', { hasText: /^24$/ }).dblclick();
    await page.locator('#detail-title', { hasText: 'id 24' }).waitFor();
    await page.locator('.chip[data-type="trade"]').click(); // 24 is a trade
    await expectIds(range(1, 60, (i) => i % 2 === 0), 'trades only');
    assert.equal(await note.isHidden(), true, 'kept: no note');
    await setFilterText('data.user.id == 5'); // no trade has user 5
    await expectIds([], 'nothing matches');
    await note.waitFor();
    assert.match(await page.locator('#detail-title').textContent() ?? '', /^trade · id 24 \(record #\d+\)$/, 'the pane stays on the record');
    await clearFilters(true);
    await note.waitFor({ state: 'hidden' });
    await page.locator('#detail-close').click();
    assert.deepEqual(inspector.pageErrors, []);
  });

  it('paints a new filter\'s rows from its result, following or with a kept selection, without asking for them', async () => {
    const toHost: Array<{ type: string }> = [];
    const deliver = inspector.controller.onMessage.bind(inspector.controller);
    inspector.controller.onMessage = (msg: unknown) => {
      toHost.push(msg as { type: string });
      deliver(msg);
    };
    try {
      const windowRequests = (): number => toHost.filter((m) => m.type === 'records/requestWindow').length;
      await page.locator('.chip[data-type="trade"]').click();
      await expectIds(range(1, 60, (i) => i % 2 === 0), 'trades only, while following');
      assert.equal(windowRequests(), 0, 'the rows came with the filter result');
      await page.locator('.record[data-kind="event"] .cell.id', { hasText: /^24$/ }).click();
      await page.locator('.record.selected .cell.id', { hasText: /^24$/ }).waitFor();
      await setFilterText('data.user.id == 4');
      await expectIds(range(1, 60, (i) => i % 2 === 0 && i % 10 === 4), 'trade and user 4, 24 kept selected');
      assert.equal(windowRequests(), 0, 'the rows around the kept selection came with the result');
    } finally {
      inspector.controller.onMessage = deliver;
    }
    await clearFilters(true);
    assert.deepEqual(inspector.pageErrors, []);
  });

  it('a filter matching nothing says so; text that starts like a regex without its closing slash gets a hint', async () => {
    const listTop = async (): Promise<number> => (await page.locator('#records').boundingBox())!.y;
    const topBefore = await listTop();
    await setFilterText('/(');
    await expectIds([], 'the text "/(" is in no record');
    await page.locator('#empty-note', { hasText: 'No records match the filter.' }).waitFor();
    await page.locator('#filter-hint', { hasText: 'a regular expression ends with a slash: /(/' }).waitFor();
    assert.equal(await page.locator('#filter-error').isHidden(), true);
    assert.equal(await listTop(), topBefore, 'the hint floats: the list does not move while the user types');
    await setFilterText('/(/');
    await page.locator('#filter-error', { hasText: 'Unterminated group' }).waitFor();
    assert.equal(await page.locator('#filter-hint').isHidden(), true);
    assert.equal(await listTop(), topBefore, 'the error floats too');
    await clearFilters(false);
    assert.deepEqual(inspector.pageErrors, []);
  });

  it('an empty list says when the type chips and the kind toggles cannot match together (chips choose events, Events is off)', async () => {
    await page.locator('.chip[data-type="trade"]').click();
    await page.locator('.kind-toggle[data-kind="event"]').click();
    await setFilterText('no record says this');
    await page.locator('#empty-note', { hasText: 'No records match the filter. The type chips choose events, and Events is off.' }).waitFor();
    await page.locator('.kind-toggle[data-kind="event"]').click();
    await page.locator('#empty-note', { hasText: /^No records match the filter\.$/ }).waitFor();
    await clearFilters(true);
    assert.deepEqual(inspector.pageErrors, []);
  });

  it('refuses text over the length limit in the bar: an inline error, the last filter stays, the host is sent nothing it drops', async () => {
    await setFilterText('trade');
    await page.locator('#match-count', { hasText: '30 of' }).waitFor();
    await page.locator('#filter').fill('x'.repeat(10_001)); // a pasted payload
    await page.locator('#filter').press('Enter');
    await page.locator('#filter-error', { hasText: 'The filter is too long: 10,001 characters, at most 10,000' }).waitFor();
    assert.equal(await page.locator('#filter').getAttribute('aria-invalid'), 'true');
    await page.locator('.kind-toggle[data-kind="lifecycle"]').click(); // still too long: nothing goes out
    await page.waitForTimeout(300);
    assert.deepEqual(inspector.controller.view.currentQuery, { text: 'trade' }, 'the last good filter stays in force');
    assert.equal(await page.locator('#match-count').textContent(), `30 of ${inspector.session.store.size} match`);
    assert.deepEqual((inspector.savedStates.at(-1) as { query?: unknown }).query, { text: 'trade' }, 'and saved');
    assert.deepEqual(inspector.pageErrors, [], 'the host refused no message');
    await page.locator('.kind-toggle[data-kind="lifecycle"]').click();
    await setFilterText('x'.repeat(10_000));
    await expectIds([], 'at the limit it is a filter again');
    assert.equal(await page.locator('#filter-error').isHidden(), true);
    await clearFilters(false);
  });

  it('announces the match count when the filter changes, and stays quiet while records arrive', async () => {
    // Every live region of the page counts its changes (a screen reader reads each one out).
    await probe(page, 'watchLiveRegions()');
    const liveChanges = (): Promise<Record<string, number>> => probe(page, 'liveRegionChanges()');
    for (let n = 61; n <= 90; n++) {
      feed.push(eventBlocks(n, 1));
      await page.waitForTimeout(20);
    }
    await waitFor(() => inspector.session.getStats().events === 90, '90 events');
    await page.locator('#match-count', { hasText: `${inspector.session.store.size} records` }).waitFor();
    assert.equal(await page.locator('#stats').getAttribute('role'), 'group', 'the stats strip is no live region');
    const quiet = await liveChanges();
    assert.ok(Object.values(quiet).every((n) => n === 0), `no live region changed while records arrived: ${JSON.stringify(quiet)}`);

    await setFilterText('trade');
    await page.locator('#match-announcer', { hasText: '45 of' }).waitFor();
    assert.equal(await page.locator('#match-announcer').textContent(), `45 of ${inspector.session.store.size} records match the filter`);
    const afterFilter = (await liveChanges())['match-announcer'];
    feed.push(eventBlocks(91, 4));
    await page.locator('#match-count', { hasText: '47 of' }).waitFor();
    assert.equal((await liveChanges())['match-announcer'], afterFilter, 'new matches update the count, not the announcement');
  });
});
