import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';

/** Debian's chromium; playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Chromium flags this network needs (no background traffic). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Launches headless Chromium with the flags this network needs (no background traffic). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Headless Chromium whose profile (local storage, IndexedDB…) lives in `userDataDir`, so a test can inspect it. */
export function launchPersistentBrowser(userDataDir: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
}

/** Opens the workbench and waits until it has rendered. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 90_000 }); // the shared machine can be very busy
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.statusbar').waitFor({ timeout: 60_000 });
}

/**
 * Runs a command from the palette by its title. The palette snapshots the command list when it opens, and the
 * extension host may register our commands a moment after the workbench renders, so it reopens until the row shows.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + 90_000;
  for (;;) {
    // Focus the workbench on an empty part of the title bar: a click in the editor area could land in an inspector,
    // open a record and take the focus back, which closes the palette as it opens.
    await page.locator('.monaco-workbench').click({ position: { x: 250, y: 16 } }).catch(() => {});
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    try {
      await input.waitFor({ state: 'visible', timeout: 20_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await row.waitFor({ timeout: 3_000 });
      break;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
  }
  await page.keyboard.press('Enter');
}

/** The quick input box (after a command asks for input). */
export function quickInput(page: Page) {
  return page.locator('.quick-input-widget input');
}

/** The inner frame of the webview whose title matches, or the active one. */
export function inspectorFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}
