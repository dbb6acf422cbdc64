import * as vscode from 'vscode';
import type { Logger } from '../logger';
import { exportCapture } from '../panel/exportCapture';
import { InspectorPanel } from '../panel/inspectorPanel';

/** Stream Debugger: Export Capture… — the inspector's Export button, from the palette, for the active inspector. */
export async function exportCaptureCommand(log: Logger): Promise<void> {
  const panel = InspectorPanel.active();
  if (!panel) {
    void vscode.window.showInformationMessage('Stream Debugger: open an inspector first; Export Capture saves its records.');
    return;
  }
  await exportCapture(panel.session, panel.controller.sessionInfo, log);
}
