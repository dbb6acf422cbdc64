import * as vscode from 'vscode';
import { autoconnectOnce } from './autoconnect';
import { connectCommand } from './commands/connect';
import { openDemoCommand } from './commands/openDemo';
import { DemoServerHost } from './demoServerHost';
import { Logger } from './logger';
import { ConnectionsStatusItem, showInspectorCommand } from './panel/connectionsStatusItem';
import { InspectorPanel } from './panel/inspectorPanel';
import { revivePanel } from './panel/revivePanel';
import { registerProfiles } from './profiles';
import { Commands, Settings } from './shared/ids';
import { MockEndpoints } from './captures/mockEndpoints';
import { exportCaptureCommand } from './commands/exportCapture';
import { openCaptureCommand } from './commands/openCapture';
import { replayCaptureCommand } from './commands/replayCapture';
import { replayControlsCommand } from './commands/replayControls';
import { serveCaptureCommand, stopMockEndpointsCommand } from './commands/serveCapture';
import { simulateDisconnectCommand, simulateDisconnectsCommand } from './commands/simulateDisconnect';

/** Builds the object graph and registers everything; no logic here. */
export function activate(context: vscode.ExtensionContext): void {
  const log = new Logger();
  const demo = new DemoServerHost();
  const uri = context.extensionUri;
  const profiles = registerProfiles(context, log, demo);
  const mocks = new MockEndpoints();
  context.subscriptions.push(
    log,
    demo,
    vscode.commands.registerCommand(Commands.connect, (url?: string) => connectCommand(uri, log, typeof url === 'string' ? url : undefined, profiles.chooseEndpoint)),
    vscode.commands.registerCommand(Commands.openDemo, (feed?: string) => openDemoCommand(uri, demo, log, typeof feed === 'string' ? feed : undefined)),
    vscode.commands.registerCommand(Commands.disconnect, () => {
      const panel = InspectorPanel.active();
      if (panel) panel.session.stop();
      else void vscode.window.showInformationMessage('Stream Debugger: no open connection to disconnect.');
    }),
    vscode.commands.registerCommand(Commands.showInspector, () => showInspectorCommand()),
    new ConnectionsStatusItem(),
    vscode.window.registerWebviewPanelSerializer(InspectorPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => revivePanel(panel, state, uri, maxRecords(), log),
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`${Settings.section}.${Settings.maxRecords}`)) return;
      for (const p of InspectorPanel.all()) p.session.store.setCapacity(maxRecords());
    }),
    mocks,
    vscode.commands.registerCommand(Commands.simulateDisconnect, () => simulateDisconnectCommand()),
    vscode.commands.registerCommand(Commands.simulateDisconnects, () => simulateDisconnectsCommand()),
    vscode.commands.registerCommand(Commands.exportCapture, () => exportCaptureCommand(log)),
    vscode.commands.registerCommand(Commands.openCapture, (file?: unknown) => openCaptureCommand(uri, log, file)),
    vscode.commands.registerCommand(Commands.openCaptureInInspector, (file?: unknown) => openCaptureCommand(uri, log, file)),
    vscode.commands.registerCommand(Commands.replayCapture, (file?: unknown) => replayCaptureCommand(uri, log, file)),
    vscode.commands.registerCommand(Commands.replayControls, () => replayControlsCommand()),
    vscode.commands.registerCommand(Commands.serveCapture, (file?: unknown) => serveCaptureCommand(mocks, log, file)),
    vscode.commands.registerCommand(Commands.stopMockEndpoints, () => stopMockEndpointsCommand(mocks, log)),
  );
  log.info('Stream Debugger activated');
  // A folder's own storage (npm start opens a new one each run); an empty window has only the global one.
  void autoconnectOnce(context.storageUri ?? context.globalStorageUri, uri, log);
}

/** The `streamDebugger.maxRecords` setting. */
function maxRecords(): number {
  return Math.max(100, vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.maxRecords, 100_000));
}

export function deactivate(): void {}
