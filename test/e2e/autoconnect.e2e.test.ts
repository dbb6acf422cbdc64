import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemoServer } from '../../src/core/server/demoFeeds';
import type { StreamServer } from '../../src/core/server/streamServer';
import { startCodeServer, type CodeServer } from './codeServer';
import { inspectorFrame, launchBrowser, openWorkbench } from './workbench';

const ROOT = path.resolve(__dirname, '../../..');
const VSIX = process.env.STREAM_DEBUGGER_VSIX ?? path.join(ROOT, 'dist', 'stream-debugger.vsix');

// `FEED=poll npm start` starts code-server with these variables: the inspector must open on the feed with the feed's
// own request (long polling here), not as a plain SSE GET of its URL.
describe('e2e: npm start opens the chosen demo feed with its own request (code-server + Chromium)', function () {
  this.timeout(180_000);
  let demo: StreamServer;
  let vscode: CodeServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    demo = await startDemoServer();
    vscode = await startCodeServer(VSIX, {}, { STREAM_DEBUGGER_AUTOCONNECT: `${demo.url}/poll`, STREAM_DEBUGGER_AUTOCONNECT_FEED: 'poll' });
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

  it('FEED=poll: the inspector long-polls the demo /poll feed without a click', async () => {
    await page.locator('.tab', { hasText: '/poll' }).first().waitFor({ timeout: 60_000 });
    const frame = inspectorFrame(page);
    await frame.locator('.record[data-kind="event"]').nth(1).waitFor({ timeout: 60_000 });
    assert.ok(await frame.locator('.record[data-kind="poll"]').count() >= 1, 'poll rows: the request is long polling');
    assert.deepEqual((await frame.locator('.record[data-kind="event"] .cell.id').allTextContents()).slice(0, 2), ['1', '2']);
  });
});
