import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemoServer } from '../../src/core/server/demoFeeds';
import type { StreamServer } from '../../src/core/server/streamServer';
import { startCodeServer, type CodeServer } from './codeServer';
import { launchBrowser, openWorkbench } from './workbench';

const ROOT = path.resolve(__dirname, '../../..');
/** The package under test: `npm run package` builds it; CI may point elsewhere. */
export const VSIX = process.env.STREAM_DEBUGGER_VSIX ?? path.join(ROOT, 'dist', 'stream-debugger.vsix');

/** What a suite gets: the demo feeds, code-server with the packaged extension, and a page on its workbench. */
export interface Workbench {
  readonly demo: StreamServer;
  readonly vscode: CodeServer;
  readonly page: Page;
}

/** How {@link useWorkbench} sets up code-server. */
export interface WorkbenchOptions {
  /** User settings merged into the defaults (a colour theme, say). */
  settings?: Record<string, unknown>;
  /** Environment of code-server and the extension host; gets the demo server's URL. */
  env?: (demoUrl: string) => Record<string, string>;
  /** Runs before the workbench opens (files for the workspace). */
  prepare?: (vscode: CodeServer) => void;
}

/**
 * Registers the hooks every e2e suite needs in the current `describe`: before, the demo server, code-server and a
 * Chromium page on the workbench; after each failed test, a screenshot and the logs (and the run directory is kept
 * for them); after all, everything stopped and the run directory removed.
 */
export function useWorkbench(options: WorkbenchOptions = {}): Workbench {
  let demo: StreamServer | undefined;
  let vscode: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  before(async () => {
    demo = await startDemoServer();
    vscode = await startCodeServer(VSIX, options.settings, options.env?.(demo.url));
    options.prepare?.(vscode);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    await openWorkbench(page, vscode.url);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !vscode) return;
    vscode.keepRunDir();
    const shot = path.join(vscode.runDir, `failure-${(this.currentTest.title).replace(/\W+/g, '-').slice(0, 40)}.png`);
    await page?.screenshot({ path: shot }).catch(() => {});
    console.error(`failure screenshot: ${shot}\n${vscode.logs()}`);
  });

  after(async () => {
    await browser?.close();
    await vscode?.close();
    await demo?.close();
  });

  const missing = (what: string): never => { throw new Error(`the workbench is not up (${what} missing): did before() fail?`); };
  return {
    get demo() { return demo ?? missing('demo server'); },
    get vscode() { return vscode ?? missing('code-server'); },
    get page() { return page ?? missing('page'); },
  };
}
