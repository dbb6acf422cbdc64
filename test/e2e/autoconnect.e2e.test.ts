import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { inspectorFrame, openWorkbench } from './workbench';
import { useWorkbench } from './workbenchFixture';

// `FEED=poll npm start` starts code-server with these variables: the inspector must open on the feed with the feed's
// own request (long polling here), not as a plain SSE GET of its URL — and a fresh user's next steps (reload the page,
// open the Stream Debugger view) must not multiply what they see.
describe('e2e: npm start (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = useWorkbench({ env: (demoUrl) => ({ STREAM_DEBUGGER_AUTOCONNECT: `${demoUrl}/poll`, STREAM_DEBUGGER_AUTOCONNECT_FEED: 'poll' }) });
  let page: Page;
  before(() => {
    ({ page } = workbench);
  });
  const pollTabs = (): ReturnType<Page['locator']> => page.locator('.tab', { hasText: '/poll' });

  it('FEED=poll: the inspector long-polls the demo /poll feed without a click', async () => {
    await pollTabs().first().waitFor({ timeout: 60_000 });
    const frame = inspectorFrame(page);
    await frame.locator('.record[data-kind="event"]').nth(1).waitFor({ timeout: 60_000 });
    assert.ok(await frame.locator('.record[data-kind="poll"]').count() >= 1, 'poll rows: the request is long polling');
    assert.deepEqual((await frame.locator('.record[data-kind="event"] .cell.id').allTextContents()).slice(0, 2), ['1', '2']);
  });

  it('a page reload leaves one inspector on the feed (the restored one), not a second one in a new group', async () => {
    await page.reload({ waitUntil: 'domcontentloaded' });
    await openWorkbench(page, workbench.vscode.url);
    await pollTabs().first().waitFor({ timeout: 60_000 });
    // Restoring the panel activates the extension, which would autoconnect at once: give a second one time to show.
    await page.waitForTimeout(8_000);
    assert.equal(await pollTabs().count(), 1, 'one /poll inspector');
    assert.equal(await page.locator('.editor-group-container').count(), 1, 'no new editor group');
    await inspectorFrame(page).locator('#reconnect:not([disabled])').waitFor({ timeout: 30_000 }); // the restored one
  });

  it('the Stream Debugger view offers the demo feeds once: its welcome button, no notification asking the same', async () => {
    const icon = page.locator('.activitybar .action-label[aria-label^="Stream Debugger"]').first();
    await icon.waitFor({ timeout: 60_000 });
    await icon.click();
    await page.locator('.welcome-view-content', { hasText: 'Add Demo Feeds as Examples' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(3_000);
    assert.equal(await page.locator('.notification-toast', { hasText: 'demo feeds' }).count(), 0, 'no toast');
  });
});
