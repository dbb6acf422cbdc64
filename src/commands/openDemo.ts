import * as vscode from 'vscode';
import { DEMO_FEEDS, type DemoFeed } from '../core/server/demoFeeds';
import type { DemoServerHost } from '../demoServerHost';
import type { Logger } from '../logger';
import { launchSession } from '../sessionLauncher';

/** Stream Debugger: Open Demo Stream — starts the built-in feeds and connects to the one the user picks. */
export async function openDemoCommand(extensionUri: vscode.Uri, demo: DemoServerHost, log: Logger, feedName?: string): Promise<void> {
  let feed: DemoFeed | undefined = DEMO_FEEDS.find((f) => f.name === feedName);
  if (!feed) {
    const picked = await vscode.window.showQuickPick(DEMO_FEEDS.map((f) => ({ label: f.name, description: `${f.method} ${f.path}${f.mode === 'long-poll' ? ' (long polling)' : ''}`, detail: f.description, feed: f })), {
      title: 'Stream Debugger: Open Demo Stream',
      placeHolder: 'Pick a demo feed',
    });
    feed = picked?.feed;
  }
  if (!feed) return;
  let base: string;
  try {
    base = await demo.url();
  } catch (err) {
    const message = `could not start the demo server: ${(err as Error).message}`;
    log.error(message);
    void vscode.window.showErrorMessage(`Stream Debugger: ${message}`);
    return;
  }
  log.info(`demo server at ${base}`);
  launchDemoFeed(extensionUri, base, feed, log);
}

/** Opens an inspector on one demo feed served at `base`, with the feed's method, mode, headers and body. */
export function launchDemoFeed(extensionUri: vscode.Uri, base: string, feed: DemoFeed, log: Logger): void {
  launchSession(extensionUri, {
    url: `${base}${feed.path}`,
    method: feed.method,
    mode: feed.mode,
    ...(feed.headers ? { headers: feed.headers } : {}),
    ...(feed.body !== undefined ? { body: feed.body } : {}),
  }, log);
}
