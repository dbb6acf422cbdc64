import { screenshotDir } from './screenshotDir';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemoServer } from '../../src/core/server/demoFeeds';
import type { StreamServer } from '../../src/core/server/streamServer';
import { startCodeServer, type CodeServer } from './codeServer';
import { inspectorFrame, launchBrowser, openWorkbench, quickInput, runCommand } from './workbench';

const ROOT = path.resolve(__dirname, '../../..');
const VSIX = process.env.STREAM_DEBUGGER_VSIX ?? path.join(ROOT, 'dist', 'stream-debugger.vsix');
const SCREENSHOT_DIR = screenshotDir(ROOT);

describe('e2e: the inspector in a light theme (code-server + Chromium)', function () {
  this.timeout(180_000);
  let demo: StreamServer;
  let vscode: CodeServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemoServer();
    vscode = await startCodeServer(VSIX, { 'workbench.colorTheme': 'Default Light Modern' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await openWorkbench(page, vscode.url);
  });

  after(async () => {
    await browser?.close();
    await vscode?.close();
    await demo?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await page?.screenshot({ path: path.join(vscode.runDir, 'failure.png') }).catch(() => {});
      console.error(`failure screenshot: ${path.join(vscode.runDir, 'failure.png')}\n${vscode?.logs()}`);
    }
  });

  it('command → panel → rows → detail, themed by the light theme\'s variables', async () => {
    await runCommand(page, 'Stream Debugger: Connect to Endpoint');
    await quickInput(page).fill(`${demo.url}/ticker`);
    await page.keyboard.press('Enter');
    for (const label of ['Server-Sent Events', 'Connect']) { // the mode, then the request as is (not Advanced…)
      const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
      await row.waitFor({ timeout: 10_000 });
      await row.click();
    }

    const frame = inspectorFrame(page);
    await frame.locator('body.vscode-light').waitFor({ timeout: 60_000 });
    const events = frame.locator('.record[data-kind="event"]');
    await events.nth(3).waitFor({ timeout: 60_000 });
    await frame.locator('#record-grid').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await frame.locator('#detail .json-tree').waitFor({ timeout: 10_000 });
    assert.match(await frame.locator('#detail .raw-lines').textContent() ?? '', /^event: \w+\nid: 1\ndata: \{/);
    assert.equal(await frame.locator('.record.selected').count(), 1, 'the selected row is marked');
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'inspector-light.png') });
  });
});
