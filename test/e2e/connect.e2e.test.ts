import { screenshotDir } from './screenshotDir';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { StreamServer } from '../../src/core/server/streamServer';
import { inspectorFrame, quickInput, runCommand } from './workbench';
import { useWorkbench } from './workbenchFixture';

const ROOT = path.resolve(__dirname, '../../..');
const SCREENSHOT_DIR = screenshotDir(ROOT);

describe('e2e: the packaged extension in a real VS Code (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = useWorkbench({ settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  let demo: StreamServer;
  let page: Page;
  before(() => {
    ({ demo, page } = workbench);
  });

  it('refuses a malformed URL with a clear message in the input box', async () => {
    await runCommand(page, 'Stream Debugger: Connect to Endpoint');
    await quickInput(page).fill('ftp://example.com/feed');
    await page.locator('.quick-input-widget', { hasText: 'Only http and https URLs are supported' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('iframe.webview').count(), 0, 'no inspector was opened');
  });

  it('connects from the command palette and shows live events with their ids, then disconnects', async () => {
    await runCommand(page, 'Stream Debugger: Connect to Endpoint');
    await quickInput(page).fill(`${demo.url}/ticker`);
    await page.keyboard.press('Enter');
    await pickRow(page, 'Server-Sent Events'); // the mode: SSE is the first choice
    await pickRow(page, 'Connect'); // the request as is (not Advanced…)

    const frame = inspectorFrame(page);
    const events = frame.locator('.record[data-kind="event"]');
    await events.nth(2).waitFor({ timeout: 60_000 });
    const ids = await frame.locator('.record[data-kind="event"] .cell.id').allTextContents();
    assert.ok(ids.length >= 3, `at least 3 events, saw ${ids.length}`);
    assert.deepEqual(ids.slice(0, 3), ['1', '2', '3']);
    assert.ok(await frame.locator('.record[data-kind="open"]').count() >= 1, 'an open lifecycle row');
    assert.match(await frame.locator('#connection-state').textContent() ?? '', /open/);
    // tab title: host and path
    await page.locator('.tab', { hasText: '/ticker' }).first().waitFor({ timeout: 10_000 });

    // The detail pane: click a row, the whole record arrives from the host as a JSON tree with its timing.
    await events.nth(1).click();
    await frame.locator('#detail .json-tree').waitFor({ timeout: 10_000 });
    assert.match(await frame.locator('#detail-title').textContent() ?? '', /#\d+/);
    assert.match(await frame.locator('#detail .detail-timing').textContent() ?? '', /Attempt1/);
    // The filter runs in the host: only quote events (and the rest of the kinds) stay.
    await frame.locator('.chip[data-type="quote"]').click();
    await frame.locator('#match-count', { hasText: 'match' }).waitFor({ timeout: 10_000 });
    await events.first().waitFor({ timeout: 10_000 }); // rows paint on the next frame after the count
    const types = await frame.locator('.record[data-kind="event"] .badge').allTextContents();
    assert.ok(types.length > 0 && types.every((t) => t === 'quote'), `only quote events: ${types.join(',')}`);
    await frame.locator('.chip[data-type="quote"]').click();
    // The status bar keeps the stream in sight.
    await page.locator('.statusbar-item', { hasText: /1\/1 stream/ }).waitFor({ timeout: 10_000 });

    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await frame.locator('body.vscode-dark').waitFor({ timeout: 20_000 });
    await frame.locator('#detail .json-tree').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'inspector.png') });

    await frame.locator('#disconnect').click();
    await frame.locator('#connection-state[data-state="closed"]').waitFor({ timeout: 10_000 });
    const count = await events.count();
    await page.waitForTimeout(1200);
    const closedRows = await frame.locator('.record[data-kind="closed"]').count();
    assert.ok(closedRows >= 1, 'a closed lifecycle row');
    assert.equal(await events.count(), count, 'no events after disconnect');
  });

  it('a second and third inspector open as tabs in the first one\'s group, not as new splits', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'View: Join All Editor Groups');
    for (const feed of ['ticker', 'prices', 'heartbeat']) {
      await runCommand(page, 'Stream Debugger: Open Demo Stream');
      await pickRow(page, feed);
      await page.locator('.tab', { hasText: `/${feed}` }).first().waitFor({ timeout: 20_000 });
    }
    const groups = page.locator('.editor-group-container');
    const withInspectors = groups.filter({ has: page.locator('.tab', { hasText: /\/(ticker|prices|heartbeat)/ }) });
    assert.equal(await withInspectors.count(), 1, 'one editor group holds the inspectors');
    assert.equal(await withInspectors.first().locator('.tab').count(), 3, 'the three inspectors are tabs of it');
    assert.ok(await groups.count() <= 2, `no split per inspector (${await groups.count()} groups)`);
    await runCommand(page, 'View: Close All Editors');
  });

  it('long polling from the Connect command: the demo /poll feed shows a poll row per request and its events', async () => {
    await runCommand(page, 'View: Close All Editors'); // so the only inspector frame is this one
    await runCommand(page, 'Stream Debugger: Connect to Endpoint');
    await quickInput(page).fill(`${demo.url}/poll`);
    await page.keyboard.press('Enter');
    await pickRow(page, 'Long polling');
    await pickRow(page, 'Connect'); // the defaults fit the demo feed
    await pickRow(page, 'Connect'); // the request as is (not Advanced…)

    await page.locator('.tab', { hasText: '/poll' }).first().waitFor({ timeout: 20_000 });
    const frame = inspectorFrame(page);
    await frame.locator('.record[data-kind="event"]').nth(1).waitFor({ timeout: 60_000 });
    const ids = await frame.locator('.record[data-kind="event"] .cell.id').allTextContents();
    assert.deepEqual(ids.slice(0, 2), ['1', '2']);
    assert.ok(await frame.locator('.record[data-kind="poll"]').count() >= 2, 'a poll row per request');
    await frame.locator('#disconnect').click();
    await frame.locator('#connection-state[data-state="closed"]').waitFor({ timeout: 10_000 });
  });

  it('Advanced…: a POST with a header and a JSON body streams the demo llm feed to its end', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Stream Debugger: Connect to Endpoint');
    await quickInput(page).fill(`${demo.url}/llm`);
    await page.keyboard.press('Enter');
    await pickRow(page, 'Server-Sent Events');
    await pickRow(page, 'Advanced…');
    await pickRow(page, 'POST');
    await quickInput(page).fill('X-Request-Source: e2e');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'so far: X-Request-Source' }).waitFor({ timeout: 10_000 });
    await quickInput(page).fill('');
    await page.keyboard.press('Enter'); // no more headers
    await pickRow(page, 'JSON…');
    await quickInput(page).fill('{"messages": [{"role": "user", "content": "e2e"}]');
    await page.locator('.quick-input-widget', { hasText: 'Not valid JSON' }).waitFor({ timeout: 10_000 });
    await quickInput(page).fill('{"messages": [{"role": "user", "content": "e2e"}]}');
    await page.keyboard.press('Enter');
    await pickRow(page, 'Send the body once');

    await page.locator('.tab', { hasText: '/llm' }).first().waitFor({ timeout: 20_000 });
    const frame = inspectorFrame(page);
    // The stream ends after [DONE] and the POST is not re-sent, so the inspector ends closed with the deltas shown.
    await frame.locator('#connection-state[data-state="closed"]').waitFor({ timeout: 60_000 });
    assert.ok(await frame.locator('.record[data-kind="event"]').count() >= 3, 'the deltas are shown');
    assert.match(await frame.locator('body').textContent() ?? '', /POST\s*http:\/\/127\.0\.0\.1:\d+\/llm/, 'the request was a POST');
  });
});

/** Picks the quick-pick row that shows `label`. */
async function pickRow(page: Page, label: string): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 10_000 });
  await row.click();
}
