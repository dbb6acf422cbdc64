import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { connectCommand } from './commands/connect';
import { launchDemoFeed } from './commands/openDemo';
import { DEMO_FEEDS } from './core/server/demoFeeds';
import type { Logger } from './logger';

/**
 * `npm start` sets STREAM_DEBUGGER_AUTOCONNECT (and _FEED) so the product opens on a demo feed without a click, with
 * the feed's own request (the llm feed is a POST with a body, the poll feed is long polling). Once per workspace:
 * the variables outlive a window reload, and after one VS Code restores the inspector itself (closed, offering
 * Reconnect), so connecting again would open a second inspector on the same URL.
 *
 * The URL connected to is kept in a file in the extension's storage folder, not in workspaceState: in VS Code for
 * the web that lives in the browser and is written lazily, so a reload soon after the start could lose it.
 */
export async function autoconnectOnce(storage: vscode.Uri, extensionUri: vscode.Uri, log: Logger): Promise<void> {
  const url = process.env.STREAM_DEBUGGER_AUTOCONNECT;
  if (!url) return;
  const marker = path.join(storage.fsPath, 'autoconnected-url');
  if (await fs.readFile(marker, 'utf8').then((done) => done === url, () => false)) return;
  try {
    await fs.mkdir(storage.fsPath, { recursive: true });
    await fs.writeFile(marker, url);
  } catch (err) {
    log.warn(`could not remember the autoconnect (a reload will connect again): ${(err as Error).message}`);
  }
  const demoFeed = DEMO_FEEDS.find((f) => f.name === process.env.STREAM_DEBUGGER_AUTOCONNECT_FEED);
  if (demoFeed && url.endsWith(demoFeed.path)) launchDemoFeed(extensionUri, url.slice(0, -demoFeed.path.length), demoFeed, log);
  else await connectCommand(extensionUri, log, url);
}
