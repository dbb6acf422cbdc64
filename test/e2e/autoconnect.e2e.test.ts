import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { inspectorFrame, openWorkbench, runCommand } from './workbench';
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

  /** VS Code for the web saves the open editors in the browser's storage, idle at most 5 s after a change. */
  const letTheWorkbenchSaveItsState = (): Promise<void> => page.waitForTimeout(10_000);

  it('a page reload leaves one inspector on the feed (the restored one), not a second one in a new group', async () => {
    await letTheWorkbenchSaveItsState();
    await page.reload({ waitUntil: 'domcontentloaded' });
    await openWorkbench(page, workbench.vscode.url);
    await pollTabs().first().waitFor({ timeout: 60_000 });
    // Restoring the panel activates the extension, which would autoconnect at once: give a second one time to show.
    await page.waitForTimeout(8_000);
    assert.equal(await pollTabs().count(), 1, 'one /poll inspector');
    assert.equal(await page.locator('.editor-group-container').count(), 1, 'no new editor group');
    await inspectorFrame(page).locator('#reconnect:not([disabled])').waitFor({ timeout: 30_000 }); // the restored one
  });

  it('after a reload the next inspector opens as a tab in the restored one\'s group, even when that is a background tab', async () => {
    // README.txt in front of the inspector: VS Code revives a webview only when its tab is shown.
    await runCommand(page, 'Go to File');
    await page.locator('.quick-input-widget input').fill('README.txt');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'README.txt' }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'README.txt' }).waitFor({ timeout: 20_000 });
    await letTheWorkbenchSaveItsState();
    await page.reload({ waitUntil: 'domcontentloaded' });
    await openWorkbench(page, workbench.vscode.url);
    await page.locator('.tab.active', { hasText: 'README.txt' }).waitFor({ timeout: 60_000 });
    await runCommand(page, 'Stream Debugger: Open Demo Stream');
    const ticker = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'ticker' }).first();
    await ticker.waitFor({ timeout: 10_000 });
    await ticker.click();
    await page.locator('.tab', { hasText: '/ticker' }).first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.editor-group-container').count(), 1, 'no new split');
    assert.equal(await page.locator('.editor-group-container .tab', { hasText: /\/(poll|ticker)/ }).count(), 2, 'both inspectors are tabs of the one group');
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
