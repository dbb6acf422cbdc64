import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { isInspectorUiState, type InspectorUiState } from '../../src/shared/inspectorState';
import { sessionFromSavedState } from '../../src/panel/restoreSession';
import { launchBrowser } from '../e2e/workbench';
import { eventBlocks, openInspector, startLiveFeed, waitFor, type Inspector, type LiveFeed } from './harness';

describe('webview: state survives hide/show and a window reload', function () {
  let browser: Browser;
  let feed: LiveFeed;
  const open: Inspector[] = [];

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    feed = await startLiveFeed();
  });
  afterEach(async () => {
    for (const i of open.splice(0)) {
      if (i.pageErrors.length) console.error('page errors:', i.pageErrors);
      await i.close();
    }
    await feed.close();
  });

  function lastState(i: Inspector): InspectorUiState {
    const s = i.savedStates[i.savedStates.length - 1];
    assert.ok(isInspectorUiState(s), `the saved state passes its guard: ${JSON.stringify(s).slice(0, 3000)}`);
    return s;
  }

  it('a hidden panel shown again keeps its filter, time mode and open record, and the session kept running', async () => {
    const i = await openInspector(browser, { url: feed.url });
    open.push(i);
    const { session } = i;
    await waitFor(() => session.state === 'open', 'session open');
    feed.push(eventBlocks(1, 30));
    await waitFor(() => session.getStats().events === 30, '30 events');
    await i.page.locator('#filter').fill('trade');
    await i.page.locator('#filter').press('Enter');
    await i.page.locator('#match-count', { hasText: '15 of' }).waitFor();
    await i.page.locator('#time-mode').click();
    await i.page.locator('.record[data-kind="event"]').first().click();
    await i.page.locator('#detail-title', { hasText: 'trade' }).waitFor();
    const openSeq = Number(/#(\d+)/.exec((await i.page.locator('#detail-title').textContent())!)?.[1]);
    await waitFor(() => { const s = i.savedStates.at(-1) as InspectorUiState | undefined; return s?.detailSeq === openSeq && s.timeMode === 'relative' && s.query?.text === 'trade'; }, 'state saved');

    await i.reopen();
    feed.push(eventBlocks(31, 10)); // arrives while the new page loads
    await i.page.locator('#match-count', { hasText: '20 of' }).waitFor();
    assert.equal(await i.page.locator('#filter').inputValue(), 'trade');
    assert.equal(await i.page.locator('#time-mode').textContent(), 'Time: relative');
    assert.match(await i.page.locator('.record[data-kind="event"] .cell.time').first().textContent() ?? '', /^\+\d+\.\d{3} s$/);
    await i.page.locator('#detail-title', { hasText: `#${openSeq}` }).waitFor();
    await i.page.locator('#detail .json-tree').waitFor();
    assert.equal(await i.page.locator('#connection-state').getAttribute('data-state'), 'open');
  });

  it('a filter or kind toggle changed just before the panel is hidden is what the shown panel has, and what the host applies', async () => {
    const i = await openInspector(browser, { url: feed.url });
    open.push(i);
    await waitFor(() => i.session.state === 'open', 'session open');
    feed.push(eventBlocks(1, 20));
    await waitFor(() => i.session.getStats().events === 20, '20 events');
    await i.page.locator('#filter').fill('trade');
    await i.page.locator('#filter').press('Enter');
    await waitFor(() => i.controller.view.currentQuery.text === 'trade', 'the host filters');
    await i.reopen(); // at once: a delayed save would die with the page
    await i.page.locator('#match-count', { hasText: '10 of' }).waitFor();
    assert.equal(await i.page.locator('#filter').inputValue(), 'trade');

    await i.page.locator('.kind-toggle[data-kind="lifecycle"]').click();
    await waitFor(() => i.controller.view.currentQuery.kinds?.includes('lifecycle') === false, 'the host hides lifecycle rows');
    await i.reopen();
    await i.page.locator('#match-count', { hasText: '10 of' }).waitFor();
    assert.equal(await i.page.locator('.kind-toggle[data-kind="lifecycle"]').getAttribute('aria-pressed'), 'false');
    assert.equal(await i.page.locator('#filter').inputValue(), 'trade');
    assert.equal(i.controller.view.currentQuery.kinds?.includes('lifecycle'), false, 'the host still hides them');

    // The host's filter is the one in force: a page whose saved state says otherwise shows the host's.
    i.controller.onMessage({ type: 'filter/set', requestId: 1, query: { text: 'quote' } });
    await i.reopen();
    await waitFor(async () => (await i.page.locator('#filter').inputValue()) === 'quote', 'the bar shows the host filter');
    await i.page.locator('#match-count', { hasText: '10 of' }).waitFor();
    assert.equal(await i.page.locator('.kind-toggle[data-kind="lifecycle"]').getAttribute('aria-pressed'), 'true');
    assert.deepEqual(i.controller.view.currentQuery, { text: 'quote' }, 'the host kept its filter');
    assert.deepEqual(lastState(i).query, { text: 'quote' }, 'and the page saved it');
  });

  it('a saved filter over the length limit costs only itself: the time mode and the reload survive', async () => {
    const i = await openInspector(browser, { url: feed.url });
    open.push(i);
    await waitFor(() => i.session.state === 'open', 'session open');
    feed.push(eventBlocks(1, 4));
    await waitFor(() => i.session.getStats().events === 4, '4 events');
    await i.page.locator('#time-mode').click();
    await waitFor(() => (i.savedStates.at(-1) as InspectorUiState | undefined)?.timeMode === 'relative', 'time mode saved');
    // A state saved by an older version, which saved text the host refuses.
    i.savedStates.push({ ...lastState(i), query: { text: 'x'.repeat(10_001) } });
    await i.reopen();
    await i.page.locator('#match-count', { hasText: /records$/ }).waitFor();
    assert.equal(await i.page.locator('#time-mode').textContent(), 'Time: relative');
    assert.equal(await i.page.locator('#filter').inputValue(), '');
    assert.equal(i.pageErrors.length, 0, i.pageErrors.join('\n'));
  });

  it('after a reload, a revived panel shows the saved tail and counters, offers Reconnect, and resumes with Last-Event-ID', async () => {
    const first = await openInspector(browser, { url: feed.url });
    open.push(first);
    await waitFor(() => first.session.state === 'open', 'session open');
    feed.push(eventBlocks(1, 25));
    await waitFor(() => first.session.getStats().events === 25, '25 events');
    // The webview asks for the tail every 2 s while events arrive, and saves it.
    await waitFor(() => {
      const s = first.savedStates.at(-1);
      return isInspectorUiState(s) && (s.tail ?? []).filter((r) => r.kind === 'event').length === 25;
    }, 'tail saved', 15_000);
    const saved = lastState(first);
    assert.equal(saved.session?.url, feed.url);
    await first.close();
    open.splice(open.indexOf(first), 1);

    // The window reloads: the session is gone; the serializer rebuilds one from the saved state.
    const revived = sessionFromSavedState(JSON.parse(JSON.stringify(saved)), 1000);
    assert.ok(revived);
    assert.equal(revived.info.readOnly, true);
    const again = await openInspector(browser, { url: feed.url, session: revived.session, info: revived.info, savedState: saved });
    open.push(again);
    const page = again.page;
    await page.locator('.record[data-kind="event"] .cell.id', { hasText: /^25$/ }).waitFor();
    assert.equal((await page.locator('.record[data-kind="event"]').count()), 25);
    assert.equal(await page.locator('#connection-state').getAttribute('data-state'), 'closed');
    assert.match(await page.locator('[data-stat="events"]').textContent() ?? '', /25/);
    assert.match(await page.locator('[data-stat="lastid"]').textContent() ?? '', /25/);
    assert.equal(await page.locator('.group-connection').evaluate((g) => g.classList.contains('read-only')), true);
    assert.equal(await page.locator('#reconnect').isEnabled(), true);
    assert.equal(await page.locator('#disconnect').isEnabled(), false);

    await page.locator('#reconnect').click();
    await page.locator('#connection-state[data-state="open"]').waitFor();
    const connecting = revived.session.store.all().filter((r) => r.kind === 'connecting').at(-1);
    assert.equal(connecting?.kind === 'connecting' ? connecting.lastEventIdSent : undefined, '25', 'Reconnect sends the saved Last-Event-ID');
    feed.push(eventBlocks(26, 3));
    await page.locator('.record[data-kind="event"] .cell.id', { hasText: /^28$/ }).waitFor();
    const seqs = revived.session.store.all().map((r) => r.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'numbering continues after the restored records');
    assert.equal(new Set(seqs).size, seqs.length);
  });

  it('refuses state that is not its own', () => {
    for (const bad of [null, 42, { version: 2 }, { version: 1, session: { title: 1 } }, { version: 1, tail: [{ kind: 'event', seq: 'x' }] }]) {
      assert.equal(sessionFromSavedState(bad, 100), undefined, JSON.stringify(bad));
    }
  });
});
