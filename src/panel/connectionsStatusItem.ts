import * as vscode from 'vscode';
import { DisposableStore } from '../core/lifecycle';
import { Commands } from '../shared/ids';
import { InspectorPanel } from './inspectorPanel';

/** How often the counts are refreshed while inspectors are open. */
const REFRESH_MS = 250;
const STATE_ICONS: Record<string, string> = { open: '$(pulse)', connecting: '$(loading~spin)', reconnecting: '$(sync~spin)', closed: '$(debug-disconnect)' };

/**
 * A status bar item that keeps the streams in sight while coding: how many inspectors are open, their states and
 * event counts. Clicking it reveals the inspector (or offers a pick when there are several). Refreshes four times a
 * second at most (close enough to the inspector's own count), only while inspectors are open and only when the text
 * changed.
 */
export class ConnectionsStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('streamDebugger.connections', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables = new DisposableStore();
  private timer: NodeJS.Timeout | undefined;
  private shown = '';

  constructor() {
    this.item.name = 'Stream Debugger connections';
    this.item.command = Commands.showInspector;
    this.disposables.add(InspectorPanel.onDidChangePanels(() => this.update()));
    this.update();
  }

  private update(): void {
    const panels = InspectorPanel.all();
    if (panels.length === 0) {
      this.shown = '';
      this.item.hide();
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    this.timer ??= setInterval(() => this.update(), REFRESH_MS);
    // Only an open connection is live: one that connects or backs off after a refusal is counted as trying.
    const live = panels.filter((p) => p.session.state === 'open');
    const trying = panels.filter((p) => p.session.state === 'connecting' || p.session.state === 'reconnecting').length;
    const stats = panels.map((p) => p.session.getStats());
    const events = stats.reduce((n, s) => n + s.events, 0);
    const icon = live.length > 0 ? STATE_ICONS.open : trying > 0 ? STATE_ICONS.reconnecting : STATE_ICONS.closed;
    const text = `${icon} ${live.length}/${panels.length} stream${panels.length === 1 ? '' : 's'} open${trying ? ` · ${trying} connecting` : ''} · ${events.toLocaleString('en-US')} events`;
    const states = panels.map((p, i) => `${p.session.state}:${stats[i]!.dropped}`).join(',');
    if (`${text}|${states}` === this.shown) return;
    this.shown = `${text}|${states}`;
    this.item.text = text;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown('**Stream Debugger** — click to show an inspector\n\n');
    for (const [i, p] of panels.entries()) {
      const s = stats[i]!;
      tooltip.appendMarkdown(`${STATE_ICONS[p.session.state] ?? ''} `);
      tooltip.appendText(`${p.controller.sessionInfo.title} — ${p.session.state}, ${s.events.toLocaleString('en-US')} events${s.dropped ? `, ${s.dropped.toLocaleString('en-US')} dropped` : ''}`);
      tooltip.appendMarkdown('\n\n');
    }
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Stream Debugger: ${live.length} of ${panels.length} streams open${trying ? `, ${trying} connecting` : ''}, ${events} events`, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.disposables.dispose();
    this.item.dispose();
  }
}

/** Stream Debugger: Show Inspector… — reveals the only inspector, or lets the user pick one. */
export async function showInspectorCommand(): Promise<void> {
  const panels = InspectorPanel.all();
  if (panels.length === 0) {
    void vscode.window.showInformationMessage('Stream Debugger: no inspector is open. Run "Stream Debugger: Connect to Endpoint…" or "Open Demo Stream".');
    return;
  }
  if (panels.length === 1) {
    panels[0]!.reveal();
    return;
  }
  const picked = await vscode.window.showQuickPick(panels.map((p) => {
    const s = p.session.getStats();
    return { label: `${STATE_ICONS[p.session.state] ?? ''} ${p.controller.sessionInfo.title}`, description: p.session.state, detail: `${p.controller.sessionInfo.method} ${p.controller.sessionInfo.url} — ${s.events.toLocaleString('en-US')} events`, panel: p };
  }), { title: 'Stream Debugger: Show Inspector', placeHolder: 'Pick a connection' });
  picked?.panel.reveal();
}
