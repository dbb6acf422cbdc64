import * as vscode from 'vscode';
import type { ConnectOptions } from './core/options';
import { Session } from './core/session';
import type { Logger } from './logger';
import { InspectorPanel } from './panel/inspectorPanel';
import { Settings } from './shared/ids';

/** Starts a session for `options` and opens its inspector beside the editor. */
export function launchSession(extensionUri: vscode.Uri, options: ConnectOptions, log: Logger): InspectorPanel {
  const maxRecords = vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.maxRecords, 100_000);
  const session = new Session(options, { maxRecords });
  const url = new URL(options.url);
  const title = `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  session.onDidAppend((record) => log.lifecycle(title, record));
  const panel = InspectorPanel.create(extensionUri, session, { title, method: options.method ?? 'GET', url: options.url, mode: options.mode ?? 'sse', readOnly: false }, log);
  session.start();
  return panel;
}
