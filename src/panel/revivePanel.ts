import * as vscode from 'vscode';
import { Session } from '../core/session';
import type { Logger } from '../logger';
import { isInspectorUiState } from '../shared/inspectorState';
import type { SessionInfo } from '../shared/protocol';
import { InspectorPanel } from './inspectorPanel';

/**
 * Binds an inspector that VS Code restored after a window reload. Its session did not survive the reload, so the
 * panel gets a session that has not started, holding the tail and counters the webview saved; Reconnect starts it
 * (with the saved Last-Event-ID). State without a session description cannot be revived and closes the panel.
 */
export function revivePanel(panel: vscode.WebviewPanel, state: unknown, extensionUri: vscode.Uri, maxRecords: number, log: Logger): void {
  if (!isInspectorUiState(state) || !state.session) {
    log.warn('an inspector could not be restored (no saved session); closing it');
    panel.dispose();
    return;
  }
  const saved = state.session;
  const recipe = saved.reconnect ?? {};
  const session = new Session({
    url: saved.url,
    method: saved.method,
    mode: saved.mode,
    ...(recipe.headers ? { headers: recipe.headers } : {}),
    ...(recipe.body !== undefined ? { body: recipe.body } : {}),
  }, { maxRecords, readOnly: saved.capture !== undefined }); // a capture has nothing to reconnect to
  session.restore(state.tail ?? [], state.stats);
  const info: SessionInfo = { ...saved, readOnly: true };
  InspectorPanel.revive(panel, extensionUri, session, info, log);
  log.info(`restored the inspector of ${saved.title} with ${state.tail?.length ?? 0} records; Reconnect to continue`);
}
