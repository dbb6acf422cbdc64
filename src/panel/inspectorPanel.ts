import * as vscode from 'vscode';
import { DisposableStore } from '../core/lifecycle';
import type { Session } from '../core/session';
import type { Logger } from '../logger';
import { Emitter } from '../core/emitter';
import { ViewTypes } from '../shared/ids';
import type { SessionInfo } from '../shared/protocol';
import { exportCapture } from './exportCapture';
import { createNonce, renderInspectorHtml } from './html';
import { InspectorController } from './inspectorController';

/**
 * One inspector panel, bound to one session: the VS Code side of an {@link InspectorController} (HTML with CSP,
 * message channel, clipboard, editors, save dialog) and the registry of open panels for commands and the status bar.
 */
export class InspectorPanel {
  static readonly viewType = ViewTypes.inspector;
  private static readonly open = new Set<InspectorPanel>();
  /** The panel the user was last in (its group is where the next one opens). */
  private static lastActive: InspectorPanel | undefined;
  private static readonly changed = new Emitter<void>();
  /** Fires when a panel opens or closes (the status bar listens). */
  static readonly onDidChangePanels = InspectorPanel.changed.event;
  private readonly disposables = new DisposableStore();
  readonly controller: InspectorController;

  /** Options every inspector webview gets: scripts on, resources only from `dist/` and `media/`. */
  static webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
    };
  }

  /** Opens a panel for `session`: beside the editor, or as a tab in the group of the inspector last used. */
  static create(extensionUri: vscode.Uri, session: Session, info: SessionInfo, log: Logger): InspectorPanel {
    const panel = vscode.window.createWebviewPanel(InspectorPanel.viewType, info.title, { viewColumn: InspectorPanel.placement(), preserveFocus: false }, InspectorPanel.webviewOptions(extensionUri));
    const created = new InspectorPanel(panel, extensionUri, session, info, log);
    InspectorPanel.lastActive = created; // it has the focus; no view-state event says so
    return created;
  }

  /** Binds a panel VS Code restored after a window reload to a (not started) session rebuilt from its state. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, session: Session, info: SessionInfo, log: Logger): InspectorPanel {
    panel.webview.options = InspectorPanel.webviewOptions(extensionUri);
    return new InspectorPanel(panel, extensionUri, session, info, log);
  }

  /**
   * Where a new panel goes. Beside the active editor would split the window again for every connection (three
   * inspectors left three slivers), so after the first one they open as tabs where the user keeps inspectors.
   */
  private static placement(): vscode.ViewColumn {
    const last = InspectorPanel.lastActive ?? [...InspectorPanel.open].at(-1);
    return last?.panel.viewColumn ?? InspectorPanel.groupOfUnrevivedInspector() ?? vscode.ViewColumn.Beside;
  }

  /**
   * After a window reload VS Code revives an inspector only when its tab is shown, so one restored as a background
   * tab has no panel yet: its tab still tells the group where the user keeps inspectors.
   */
  private static groupOfUnrevivedInspector(): vscode.ViewColumn | undefined {
    const isInspector = (tab: vscode.Tab): boolean => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(InspectorPanel.viewType);
    return vscode.window.tabGroups.all.find((group) => group.tabs.some(isInspector))?.viewColumn;
  }

  /** The most recently focused live panel, for commands run from the palette. */
  static active(): InspectorPanel | undefined {
    let found: InspectorPanel | undefined;
    for (const p of InspectorPanel.open) if (p.panel.active || !found) found = p;
    return found;
  }

  /** Every open panel. */
  static all(): InspectorPanel[] {
    return [...InspectorPanel.open];
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    readonly session: Session,
    info: SessionInfo,
    log: Logger,
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
    this.controller = this.disposables.add(new InspectorController(session, info, {
      post: (msg) => webview.postMessage(msg),
      exportCapture: () => void exportCapture(session, info, log),
      copyText: (text, what) => {
        void vscode.env.clipboard.writeText(text).then(() => vscode.window.setStatusBarMessage(`Stream Debugger: copied the ${what}`, 2000));
      },
      openDocument: (content, language) => {
        // Not over the inspector: in the first group (where the code usually is), or beside when the panel is there.
        const viewColumn = panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
        void vscode.workspace.openTextDocument({ content, language }).then((doc) => vscode.window.showTextDocument(doc, { preview: false, viewColumn }));
      },
      warn: (message) => log.warn(message),
    }));
    this.disposables.add(webview.onDidReceiveMessage((msg: unknown) => this.controller.onMessage(msg)));
    // Without retainContextWhenHidden a hidden webview is torn down; it says "ready" again when shown.
    this.disposables.add(panel.onDidChangeViewState(() => {
      if (!panel.visible) this.controller.webviewGone();
      if (panel.active) InspectorPanel.lastActive = this;
    }));
    this.disposables.add(session.onDidChangeState(() => InspectorPanel.changed.fire()));
    this.disposables.add(panel.onDidDispose(() => this.dispose()));
    InspectorPanel.changed.fire();
  }

  /** Brings the panel to the front. */
  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (!InspectorPanel.open.delete(this)) return;
    if (InspectorPanel.lastActive === this) InspectorPanel.lastActive = undefined;
    this.disposables.dispose();
    this.session.dispose();
    this.panel.dispose();
    InspectorPanel.changed.fire();
  }
}
