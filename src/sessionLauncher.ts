import * as vscode from 'vscode';
import type { ConnectOptions } from './core/options';
import { Session } from './core/session';
import type { Logger } from './logger';
import { InspectorPanel } from './panel/inspectorPanel';
import { liveSessionInfo } from './panel/sessionInfo';
import { Settings } from './shared/ids';
import { vscodeProxyOptions } from './vscodeProxy';

/** Starts a session for `options` and opens its inspector beside the editor (titled by host and path unless `title`). */
export function launchSession(extensionUri: vscode.Uri, options: ConnectOptions, log: Logger, title?: string): InspectorPanel {
  const maxRecords = vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.maxRecords, 100_000);
  if (options.proxy === undefined) options = { ...options, ...vscodeProxyOptions() }; // VS Code's http.proxy
  const session = new Session(options, { maxRecords });
  const url = new URL(options.url);
  const shownTitle = title ?? `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  session.onDidAppend((record) => log.lifecycle(shownTitle, record));
  const panel = InspectorPanel.create(extensionUri, session, liveSessionInfo(options, shownTitle), log);
  session.start();
  return panel;
}
