import * as vscode from 'vscode';
import { DisposableStore } from '../core/lifecycle';
import type { Session } from '../core/session';
import { ViewTypes } from '../shared/ids';
import { assertNever, isWebviewToHost, type HostToWebview, type SessionInfo, type WebviewToHost } from '../shared/protocol';
import { createNonce, renderInspectorHtml } from './html';
import { UpdateThrottle } from './updateThrottle';
import type { Logger } from '../logger';

/** Most records one window answer carries. */
const MAX_WINDOW = 2000;

/**
 * One inspector panel, bound to one session: routes typed messages, answers the webview's window requests from the
 * session's store, and sends "appended" updates at display rate.
 */
export class InspectorPanel {
  static readonly viewType = ViewTypes.inspector;
  private static readonly open = new Set<InspectorPanel>();
  private readonly disposables = new DisposableStore();
  private readonly throttle: UpdateThrottle;
  private ready = false;

  /** Options every inspector webview gets: scripts on, resources only from `dist/` and `media/`. */
  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  /** Opens a panel beside the editor for `session`. */
  static create(extensionUri: vscode.Uri, session: Session, info: SessionInfo, log: Logger): InspectorPanel {
    const panel = vscode.window.createWebviewPanel(InspectorPanel.viewType, info.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, InspectorPanel.webviewOptions(extensionUri));
    return new InspectorPanel(panel, extensionUri, session, info, log);
  }

  /** The most recently focused live panel, for commands run from the palette. */
  static active(): InspectorPanel | undefined {
    let found: InspectorPanel | undefined;
    for (const p of InspectorPanel.open) if (p.panel.active || !found) found = p;
    return found;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly session: Session,
    private readonly info: SessionInfo,
    private readonly log: Logger,
  ) {
    InspectorPanel.open.add(this);
    const webview = panel.webview;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    webview.html = renderInspectorHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'inspector', 'inspector.css')).toString(),
      title: info.title,
    });
    this.throttle = this.disposables.add(new UpdateThrottle(33, () => this.sendAppended()));
    this.disposables.add(webview.onDidReceiveMessage((msg: unknown) => this.onMessage(msg)));
    this.disposables.add(session.onDidAppend(() => { if (this.ready) this.throttle.request(); }));
    this.disposables.add(session.onDidChangeState((state) => this.post({ type: 'state', state })));
    this.disposables.add(panel.onDidDispose(() => this.dispose()));
  }

  private onMessage(msg: unknown): void {
    if (!isWebviewToHost(msg)) {
      this.log.warn(`inspector sent an unknown message: ${JSON.stringify(msg)?.slice(0, 200)}`);
      return;
    }
    this.handle(msg);
  }

  private handle(msg: WebviewToHost): void {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'init', session: this.info, state: this.session.state, first: this.session.store.firstPosition, end: this.session.store.endPosition, stats: this.session.getStats() });
        return;
      case 'records/requestWindow': {
        const records = this.session.store.slice(msg.start, Math.min(msg.count, MAX_WINDOW));
        this.post({ type: 'records/window', requestId: msg.requestId, start: Math.max(msg.start, this.session.store.firstPosition), records });
        return;
      }
      case 'control':
        switch (msg.action) {
          case 'disconnect': this.session.disconnect(false); return;
          case 'stop': this.session.stop(); return;
          case 'reconnect': this.session.start(); return;
          case 'clear': this.session.clear(); this.sendAppended(); return;
          default: assertNever(msg.action);
        }
        return;
      default:
        assertNever(msg);
    }
  }

  private sendAppended(): void {
    const store = this.session.store;
    this.post({ type: 'records/appended', first: store.firstPosition, end: store.endPosition, stats: this.session.getStats() });
  }

  private post(msg: HostToWebview): void {
    void this.panel.webview.postMessage(msg);
  }

  /** Brings the panel to the front. */
  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (!InspectorPanel.open.delete(this)) return;
    this.disposables.dispose();
    this.session.dispose();
    this.panel.dispose();
  }
}
