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

/** The themes the inspector is checked in besides the default dark one (which the other e2e tests run in). */
const THEMES = [
  { name: 'Default Light Modern', bodyClass: 'vscode-light', screenshot: 'inspector-light.png' },
  { name: 'Default High Contrast', bodyClass: 'vscode-high-contrast', screenshot: 'inspector-high-contrast.png' },
] as const;

for (const theme of THEMES) {
  describe(`e2e: the inspector in ${theme.name} (code-server + Chromium)`, function () {
    this.timeout(180_000);
    const workbench = useWorkbench({ settings: { 'workbench.colorTheme': theme.name } });
    let demo: StreamServer;
    let page: Page;
    before(() => {
      ({ demo, page } = workbench);
    });

    it('command → panel → rows → detail, styled by the theme\'s variables', async () => {
      await runCommand(page, 'Stream Debugger: Connect to Endpoint');
      await quickInput(page).fill(`${demo.url}/ticker`);
      await page.keyboard.press('Enter');
      for (const label of ['Server-Sent Events', 'Connect']) { // the mode, then the request as is (not Advanced…)
        const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: label }).first();
        await row.waitFor({ timeout: 10_000 });
        await row.click();
      }

      const frame = inspectorFrame(page);
      await frame.locator(`body.${theme.bodyClass}`).waitFor({ timeout: 60_000 });
      const events = frame.locator('.record[data-kind="event"]');
      await events.nth(3).waitFor({ timeout: 60_000 });
      await frame.locator('#record-grid').focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await frame.locator('#detail .json-tree').waitFor({ timeout: 10_000 });
      assert.match(await frame.locator('#detail .raw-lines[data-source="received"]').textContent({ timeout: 10_000 }) ?? '', /^event: \w+\\n\nid: 1\\n\ndata: \{/);
      assert.equal(await frame.locator('.record.selected').count(), 1, 'the selected row is marked');

      // Text, selection and badges come from the theme's variables: readable, and the selection is told by more
      // than a background colour (a left border, and an outline while the list has focus).
      await frame.locator('#record-grid').focus();
      // Runs in the page (this file is type-checked without the DOM library, hence the loose types).
      const look = await frame.locator('.record.selected').evaluate((row: any) => {
        const style = (e: unknown): any => (globalThis as any).getComputedStyle(e);
        const s = style(row);
        return { color: s.color, background: style((globalThis as any).document.body).backgroundColor, borderLeft: `${s.borderLeftStyle} ${s.borderLeftColor}`, outline: s.outlineStyle, badgeBorder: style(row.querySelector('.badge')).borderTopColor };
      });
      assert.notEqual(look.color, look.background, 'row text differs from the page background');
      assert.match(look.borderLeft, /^solid rgb/, 'the selected row has a coloured left border');
      assert.notEqual(look.outline, 'none', 'the focused list outlines the selected row');
      if (theme.bodyClass === 'vscode-high-contrast') {
        assert.notEqual(look.badgeBorder, 'rgba(0, 0, 0, 0)', 'badges are outlined by the contrast border');
      }
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, theme.screenshot) });
    });
  });
}
