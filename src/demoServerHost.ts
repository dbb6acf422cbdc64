import type * as vscode from 'vscode';
import type { StreamServer } from './core/server/streamServer';
import { startDemoServer } from './core/server/demoFeeds';

/** Runs the demo feeds in the extension host, started on first use on a free loopback port. */
export class DemoServerHost implements vscode.Disposable {
  private server: Promise<StreamServer> | undefined;

  /** The running demo server's base URL. */
  async url(): Promise<string> {
    this.server ??= startDemoServer();
    try {
      return (await this.server).url;
    } catch (err) {
      this.server = undefined;
      throw err;
    }
  }

  dispose(): void {
    void this.server?.then((s) => s.close());
    this.server = undefined;
  }
}
