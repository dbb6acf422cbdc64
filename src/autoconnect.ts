import type * as vscode from 'vscode';
import { connectCommand } from './commands/connect';
import { launchDemoFeed } from './commands/openDemo';
import { DEMO_FEEDS } from './core/server/demoFeeds';
import type { Logger } from './logger';

const DONE_KEY = 'streamDebugger.autoconnectedTo';

/**
 * `npm start` sets STREAM_DEBUGGER_AUTOCONNECT (and _FEED) so the product opens on a demo feed without a click, with
 * the feed's own request (the llm feed is a POST with a body, the poll feed is long polling). Once per workspace:
 * the variables outlive a window reload, and after one VS Code restores the inspector itself (closed, offering
 * Reconnect), so connecting again would open a second inspector on the same URL.
 */
export function autoconnectOnce(workspaceState: vscode.Memento, extensionUri: vscode.Uri, log: Logger): void {
  const url = process.env.STREAM_DEBUGGER_AUTOCONNECT;
  if (!url || workspaceState.get(DONE_KEY) === url) return;
  void workspaceState.update(DONE_KEY, url);
  const demoFeed = DEMO_FEEDS.find((f) => f.name === process.env.STREAM_DEBUGGER_AUTOCONNECT_FEED);
  if (demoFeed && url.endsWith(demoFeed.path)) launchDemoFeed(extensionUri, url.slice(0, -demoFeed.path.length), demoFeed, log);
  else void connectCommand(extensionUri, log, url);
}
