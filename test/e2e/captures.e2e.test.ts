import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { inspectorFrame, runCommand } from './workbench';
import { useWorkbench } from './workbenchFixture';

const ROOT = path.resolve(__dirname, '../../..');
const CAPTURE = path.join(ROOT, 'test', 'fixtures', 'captures', 'C03-anthropic-messages-basic.sse');

describe('e2e: captures in a real VS Code (code-server + Chromium)', function () {
  this.timeout(180_000);
  const workbench = useWorkbench({ prepare: (vscode) => fs.copyFileSync(CAPTURE, path.join(vscode.workspace, 'anthropic.sse')) });
  let page: Page;
  before(() => {
    ({ page } = workbench);
  });

  it('a .sse file open in the editor offers "Open in Stream Inspector", which shows its records read-only', async () => {
    // Quick Open the file; the title-bar button appears only for .sse/.ndjson files.
    await runCommand(page, 'Go to File');
    await page.locator('.quick-input-widget input').fill('anthropic.sse');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'anthropic.sse' }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab', { hasText: 'anthropic.sse' }).first().waitFor({ timeout: 20_000 });
    const button = page.locator('.editor-actions [aria-label="Open in Stream Inspector"]').first();
    await button.waitFor({ timeout: 60_000 });
    await button.click();

    const frame = inspectorFrame(page);
    const events = frame.locator('.record[data-kind="event"]');
    await events.nth(7).waitFor({ timeout: 60_000 });
    assert.equal(await events.count(), 8, 'eight complete events; message_stop has no closing blank line');
    assert.deepEqual((await frame.locator('.record[data-kind="event"] .badge').allTextContents()).slice(0, 3), ['message_start', 'content_block_start', 'ping']);
    assert.match(await frame.locator('.record[data-kind="discarded"] .cell.data').first().textContent() ?? '', /message_stop/);
    await page.locator('.tab', { hasText: 'Capture: anthropic.sse' }).first().waitFor({ timeout: 10_000 });
    assert.equal(await frame.locator('.group-simulation').isHidden(), true, 'nothing to drop in a capture');
  });

  it('Replay Capture on the active .sse file, step by step from the inspector\'s Replay controls, then play to the end', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Go to File');
    await page.locator('.quick-input-widget input').fill('anthropic.sse');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'anthropic.sse' }).first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'anthropic.sse' }).first().waitFor({ timeout: 20_000 });
    await runCommand(page, 'Stream Debugger: Replay Capture');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Step by step' }).first().click({ timeout: 20_000 });

    const frame = inspectorFrame(page);
    await frame.locator('#replay-position').waitFor({ timeout: 60_000 });
    assert.match(await frame.locator('#replay-position').textContent() ?? '', /^0 \/ 9 · paused$/);
    await frame.locator('#replay-step').click();
    await frame.locator('.record').first().waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('.record').count(), 1);
    await frame.locator('#replay-speed').selectOption('100');
    await frame.locator('#replay-toggle').click();
    await frame.locator('.record[data-kind="discarded"]').waitFor({ timeout: 60_000 });
    await frame.locator('#replay-position', { hasText: '9 / 9 · ended' }).waitFor({ timeout: 20_000 });
  });
});
