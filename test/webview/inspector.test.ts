import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import * as net from 'node:net';
import { Session } from '../../src/core/session';
import { launchBrowser } from '../e2e/workbench';
import { eventBlocks, openInspector, probe, startLiveFeed, waitFor, type Inspector, type LiveFeed } from './harness';

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

  const visibleEventIds = (i: Inspector): Promise<number[]> => probe<number[]>(i.page, 'visibleEventIds()');

  async function eventsSeen(i: Inspector, n: number): Promise<void> {
    await waitFor(() => i.session.getStats().events >= n, `${n} events recorded`);
  }

  /** An inspector in a 1000×500 page on the live feed, once `events` events (ids from 1) have been recorded. */
  async function openWithEvents(events: number): Promise<Inspector> {
    inspector = await openInspector(browser, { url: feed.url, viewport: { width: 1000, height: 500 } });
    const i = inspector;
    await waitFor(() => i.session.state === 'open', 'session open');
    if (events > 0) {
      feed.push(eventBlocks(1, events));
      await eventsSeen(i, events);
    }
    return i;
  }

  it('follows the tail; Pause freezes the list and counts what is new; Follow and the jump button catch up', async () => {
    const i = await openWithEvents(200);
    const { page } = i;
    await waitFor(async () => (await visibleEventIds(i)).includes(200), 'the newest row is in view (following)');
    assert.equal(await page.locator('#pause-follow').textContent(), 'Pause');
    assert.ok(await page.locator('.record').count() < 60, 'only the visible rows (and a few more) are in the DOM');

    await page.locator('#pause-follow').click();
    assert.equal(await page.locator('#pause-follow').textContent(), 'Follow');
    feed.push(eventBlocks(201, 50));
    await eventsSeen(i, 250);
    await page.locator('#jump-new', { hasText: '50 new' }).waitFor();
    assert.ok(Math.max(...await visibleEventIds(i)) <= 200, 'the paused list did not move');

    await page.locator('#jump-new').click();
    await waitFor(async () => (await visibleEventIds(i)).includes(250), 'the jump button goes to the newest row');
    assert.equal(await page.locator('#jump-new').isHidden(), true);
    assert.equal(await page.locator('#pause-follow').textContent(), 'Pause');

    // Scrolling up stops following without pausing: rows keep arriving, the view stays, the button counts them.
    await probe(page, 'scrollListTo(0)');
    await waitFor(async () => (await page.locator('#pause-follow').textContent()) === 'Follow', 'scrolled up: not following');
    await waitFor(async () => (await visibleEventIds(i)).includes(1), 'the top rows are loaded');
    const before = await visibleEventIds(i);
    feed.push(eventBlocks(251, 30));
    await eventsSeen(i, 280);
    await page.locator('#jump-new', { hasText: '30 new' }).waitFor();
    assert.deepEqual(await visibleEventIds(i), before, 'the rows in view stay put');
    await page.locator('#pause-follow').click();
    await waitFor(async () => (await visibleEventIds(i)).includes(280), 'Follow goes to the newest row');
    assert.deepEqual(i.pageErrors, []);
  });

  it('Clear while paused: the jump button counts only what arrived after the Clear', async () => {
    const i = await openWithEvents(100);
    const { page } = i;
    await waitFor(async () => (await visibleEventIds(i)).includes(100), 'following');
    await page.locator('#pause-follow').click();
    feed.push(eventBlocks(101, 18));
    await eventsSeen(i, 118);
    await page.locator('#jump-new', { hasText: '18 new' }).waitFor();
    await page.locator('#clear').click();
    await waitFor(() => i.session.store.size === 0, 'the host cleared the records');
    feed.push(eventBlocks(119, 3));
    await eventsSeen(i, 121);
    await page.locator('#match-count', { hasText: '3 records' }).waitFor();
    await page.locator('#jump-new', { hasText: /^↓ 3 new$/ }).waitFor();
    assert.deepEqual(i.pageErrors, []);
  });

  it('stays on the tail of a sustained stream: its own scrolls never stop following, and the host pushes the newest rows', async () => {
    const i = await openWithEvents(100);
    const { page } = i;
    const toHost: Array<{ type: string; following?: boolean; rows?: number }> = [];
    const deliver = i.controller.onMessage.bind(i.controller);
    i.controller.onMessage = (msg: unknown) => {
      toHost.push(msg as { type: string });
      deliver(msg);
    };
    await waitFor(async () => (await visibleEventIds(i)).includes(100), 'the first batch is in view');
    toHost.length = 0;

    // 60 writes of 50 events, one every 20 ms (2 500 events/s for 1.2 s), while the follow button is sampled.
    const modes = new Set<string>();
    let next = 101;
    for (let write = 0; write < 60; write++) {
      feed.push(eventBlocks(next, 50));
      next += 50;
      modes.add(await page.locator('#pause-follow').textContent() ?? '');
      await new Promise((r) => setTimeout(r, 20));
    }
    const last = next - 1;
    await eventsSeen(i, last);
    await waitFor(async () => (await visibleEventIds(i)).includes(last), `the newest row (${last}) is painted`);
    modes.add(await page.locator('#pause-follow').textContent() ?? '');
    assert.deepEqual([...modes], ['Pause'], 'following all along (the button offers Pause, never Follow)');
    assert.equal(await page.locator('#jump-new').isHidden(), true);
    // The rows came with the updates: the list did not have to ask for them.
    const windowRequests = toHost.filter((m) => m.type === 'records/requestWindow').length;
    assert.ok(windowRequests <= 2, `at most a couple of window requests while following (saw ${windowRequests})`);

    // Scrolled up, the host stops pushing, and the list asks for what it shows.
    await probe(page, 'scrollListTo(0)');
    await waitFor(() => toHost.some((m) => m.type === 'list/viewport' && m.following === false), 'the host is told the list stopped following');
    await waitFor(async () => (await visibleEventIds(i)).includes(1), 'the top rows are fetched');
    assert.deepEqual(i.pageErrors, []);
  });

  it('choosing an older row while following stops following, so the row stays in view as records arrive', async () => {
    const i = await openWithEvents(100);
    const { page } = i;
    await waitFor(async () => (await visibleEventIds(i)).includes(100), 'following: the newest row is in view');
    const chosen = (await visibleEventIds(i))[3]!;
    await page.locator('.record[data-kind="event"] .cell.id', { hasText: new RegExp(`^${chosen}$`) }).click();
    await waitFor(async () => (await page.locator('#pause-follow').textContent()) === 'Follow', 'no longer following');
    feed.push(eventBlocks(101, 20));
    await eventsSeen(i, 120);
    await page.locator('#jump-new', { hasText: '20 new' }).waitFor();
    assert.ok((await visibleEventIds(i)).includes(chosen), 'the chosen row is still in view');
    assert.equal(await page.locator('.record.selected .cell.id').textContent(), String(chosen));
    // Following comes back with Follow, End or the jump button.
    await page.locator('#jump-new').click();
    await waitFor(async () => (await visibleEventIds(i)).includes(120), 'the jump button goes back to the tail');
    assert.deepEqual(i.pageErrors, []);
  });

  it('is driven by the keyboard: arrows, Home/End, PageUp/PageDown, Enter, / and Escape', async () => {
    const i = await openWithEvents(100);
    const { page } = i;
    const grid = page.locator('#record-grid');
    assert.equal(await grid.getAttribute('role'), 'grid');
    assert.ok(await grid.getAttribute('aria-label'));
    await grid.focus();
    const selectedId = async (): Promise<string | null> => {
      const active = await grid.getAttribute('aria-activedescendant');
      if (!active) return null;
      const row = page.locator(`#${active}`);
      assert.equal(await row.getAttribute('aria-selected'), 'true');
      return (await row.getAttribute('data-kind')) === 'event' ? await row.locator('.cell.id').textContent() : `(${await row.getAttribute('data-kind')})`;
    };
    await page.keyboard.press('Home');
    await waitFor(async () => (await selectedId()) === '(connecting)', 'Home selects the first record');
    await page.keyboard.press('ArrowDown');
    await waitFor(async () => (await selectedId()) === '(open)', 'ArrowDown selects the next');
    await page.keyboard.press('End');
    await waitFor(async () => (await selectedId()) === '100', 'End selects the last');
    await page.keyboard.press('ArrowUp');
    await waitFor(async () => (await selectedId()) === '99', 'ArrowUp selects the previous');
    await page.keyboard.press('PageUp');
    const afterPageUp = Number(await selectedId());
    assert.ok(afterPageUp < 90 && afterPageUp > 60, `PageUp moves about a page (${afterPageUp})`);
    await page.keyboard.press('PageDown');
    await waitFor(async () => (await selectedId()) === '99', 'PageDown moves back by the same page');
    // The selected row is visible and visibly marked (not by colour alone: a border and aria-selected).
    const selected = page.locator('.record.selected');
    assert.equal(await selected.count(), 1);
    assert.notEqual(await probe<string>(page, 'selectedRowBorder()'), 'none');

    await page.keyboard.press('Enter');
    await page.locator('#detail-title', { hasText: /^quote · id 99 \(record #\d+\)$/ }).waitFor();
    assert.equal(await page.locator('#detail').isVisible(), true);
    await page.locator('#detail .detail-timing dd', { hasText: /^99$/ }).first().waitFor();

    await page.keyboard.press('/');
    assert.equal(await probe<string>(page, 'activeId()'), 'filter');
    await page.keyboard.type('S3');
    await page.locator('#match-count', { hasText: 'match' }).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#filter').inputValue(), '');
    await page.locator('#match-count', { hasText: 'records' }).waitFor();

    await grid.focus();
    await page.keyboard.press('Escape');
    await waitFor(async () => !(await page.locator('#detail').isVisible()), 'Escape closes the detail pane');
    assert.deepEqual(i.pageErrors, []);
  });

  it('shows a record in the detail pane: JSON tree, raw lines, timing, lifecycle status and masked headers; copy and open', async () => {
    const secretFeed = feed;
    inspector = await openInspector(browser, { url: secretFeed.url });
    await inspector.close();
    // A session whose request carries a credential: the connecting record's headers must come out masked.
    const { Session } = await import('../../src/core/session');
    const session = new Session({ url: feed.url, headers: { Authorization: 'Bearer s3cr3t-token', 'X-Trace': 'abc' } }, { maxRecords: 1000 });
    session.start();
    inspector = await openInspector(browser, { url: feed.url, session });
    const i = inspector;
    const { page } = i;
    await waitFor(() => session.state === 'open', 'session open');
    feed.push('event: order\nid: 41\ndata: {"user":{"id":7,"name":"Ada"},"items":[1,2,3],"deep":{"a":{"b":{"c":"hidden"}}}}\n\n');
    await new Promise((r) => setTimeout(r, 30));
    feed.push('event: order\nid: 42\ndata: line one\ndata: line two\n\n');
    await eventsSeen(i, 2);

    await page.locator('.record[data-kind="event"]').first().click();
    const detail = page.locator('#detail');
    await detail.locator('.json-tree').waitFor();
    const first = session.store.all().find((r) => r.kind === 'event')!;
    assert.equal(await detail.locator('#detail-title').textContent(), `order · id ${first.kind === 'event' ? first.id : ''} (record #${first.seq})`);
    assert.ok(await detail.locator('.json-key', { hasText: 'name' }).isVisible());
    assert.equal(await detail.locator('.json-string', { hasText: '"Ada"' }).count(), 1);
    // Small enough to open whole (big records keep big parts collapsed: detailJson.test.ts); collapsible with a click.
    assert.ok(await detail.locator('.json-string', { hasText: '"hidden"' }).isVisible());
    await detail.locator('details.json-node > summary', { hasText: /^a: \{/ }).click();
    assert.equal(await probe<string>(page, 'jsonNodeOpen("a")'), 'closed');
    assert.ok(!(await detail.locator('.json-string', { hasText: '"hidden"' }).isVisible()));
    assert.match(await detail.locator('.raw-lines[data-source="received"]').textContent() ?? '', /^event: order\\n\nid: 41\\n\ndata: \{"user"/);
    assert.match(await detail.locator('.detail-timing').textContent() ?? '', /Attempt1/);

    await detail.locator('#copy-data').click();
    await detail.locator('#copy-record').click();
    await detail.locator('#open-data').click();
    await waitFor(() => i.copied.length === 2 && i.opened.length === 1, 'host got copy and open');
    assert.equal(i.copied[0]!.text, '{"user":{"id":7,"name":"Ada"},"items":[1,2,3],"deep":{"a":{"b":{"c":"hidden"}}}}');
    assert.equal((JSON.parse(i.copied[1]!.text) as { id: string }).id, '41');
    assert.equal(i.opened[0]!.language, 'json');
    assert.match(i.opened[0]!.content, /^\{\n {2}"user": \{/);

    // Text data: raw text, gap to the previous event.
    await page.locator('.record[data-kind="event"]').nth(1).click();
    await detail.locator('.detail-data pre.raw-text', { hasText: 'line one' }).waitFor();
    assert.equal(await detail.locator('.detail-data pre.raw-text').textContent(), 'line one\nline two');
    // The row's copy shows at once; the gap comes with the host's answer (with the bytes as received).
    await detail.locator('.raw-lines[data-source="received"]', { hasText: 'line one' }).waitFor();
    assert.match(await detail.locator('.detail-timing').textContent() ?? '', /Gap to previous event\d+ ms/);

    // Lifecycle: status and headers, the credential masked.
    await page.locator('.record[data-kind="open"]').click();
    await detail.locator('.detail-connection dd', { hasText: /^200/ }).waitFor();
    assert.match(await detail.locator('.detail-headers').textContent() ?? '', /content-type\s*text\/event-stream/i);
    await page.locator('.record[data-kind="connecting"]').click();
    await detail.locator('.detail-headers').waitFor();
    const headers = await detail.locator('.detail-headers').textContent() ?? '';
    assert.doesNotMatch(headers, /s3cr3t/);
    assert.match(headers, /Bearer «redacted»/);
    assert.match(headers, /abc/);
    await detail.locator('#detail-close').click();
    assert.equal(await detail.isVisible(), false);
    assert.deepEqual(i.pageErrors, []);
  });

  it('sends Export, Clear, Disconnect and Reconnect to the host', async () => {
    inspector = await openInspector(browser, { url: feed.url });
    const i = inspector;
    const { page } = i;
    await waitFor(() => i.session.state === 'open', 'session open');
    feed.push(eventBlocks(1, 5));
    await eventsSeen(i, 5);
    await page.locator('#export').click();
    await waitFor(() => i.exports === 1, 'export requested');
    await page.locator('#clear').click();
    await waitFor(async () => (await page.locator('.record').count()) === 0, 'cleared');
    assert.equal(i.session.store.size, 0);
    await page.locator('#disconnect').click();
    await page.locator('#connection-state[data-state="closed"]').waitFor();
    assert.equal(await page.locator('#reconnect').isEnabled(), true);
    await page.locator('#reconnect').click();
    await page.locator('#connection-state[data-state="open"]').waitFor();
    feed.push(eventBlocks(6, 2));
    await page.locator('.record[data-kind="event"] .cell.id', { hasText: /^7$/ }).waitFor();
    assert.deepEqual(i.pageErrors, []);
  });

  it('a refused connection shows its reconnects as tried, none made', async () => {
    const probeServer = net.createServer();
    await new Promise<void>((resolve) => probeServer.listen(0, '127.0.0.1', resolve));
    const port = (probeServer.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probeServer.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/x`;
    const session = new Session({ url, initialRetryMs: 20 }, { maxRecords: 1000 });
    inspector = await openInspector(browser, { url, session });
    session.start();
    await waitFor(() => session.getStats().reconnects >= 3, 'three tries');
    await waitFor(async () => /Reconnects 0 of \d+ tried/.test(await inspector!.page.locator('[data-stat="reconnects"]').textContent() ?? ''), 'the strip says none got through');
  });
});
