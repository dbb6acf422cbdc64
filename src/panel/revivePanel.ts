import type * as vscode from 'vscode';
import type { Logger } from '../logger';
import { InspectorPanel } from './inspectorPanel';
import { sessionFromSavedState } from './restoreSession';

/**
 * Binds an inspector that VS Code restored after a window reload. Its session did not survive the reload, so the
 * panel gets one rebuilt from the webview's saved state (see sessionFromSavedState); state that describes no
 * session closes the panel.
 */
export function revivePanel(panel: vscode.WebviewPanel, state: unknown, extensionUri: vscode.Uri, maxRecords: number, log: Logger): void {
  const revived = sessionFromSavedState(state, maxRecords);
  if (!revived) {
    log.warn('an inspector could not be restored (no saved session); closing it');
    panel.dispose();
    return;
  }
  InspectorPanel.revive(panel, extensionUri, revived.session, revived.info, log);
  log.info(`restored the inspector of ${revived.info.title} with ${revived.restored} records; Reconnect to continue`);
}
