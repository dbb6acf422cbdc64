import * as vscode from 'vscode';
import type { ConnectOptions } from './core/options';
import { Session } from './core/session';
import type { Logger } from './logger';
import { InspectorPanel } from './panel/inspectorPanel';
import { isSecretName, redactText } from './core/redact';
import { Settings } from './shared/ids';
import type { ReconnectRecipe } from './shared/protocol';
import { vscodeProxyOptions } from './vscodeProxy';

/** Largest body a revived panel keeps for Reconnect. */
const MAX_SAVED_BODY = 64 * 1024;

/** The request minus secrets, for the webview's saved state (see ReconnectRecipe). */
function reconnectRecipe(options: ConnectOptions): ReconnectRecipe {
  const recipe: ReconnectRecipe = {};
  const secrets = options.secretValues ?? [];
  if (options.headers) {
    recipe.headers = Object.fromEntries(Object.entries(options.headers).filter(([name, value]) =>
      !isSecretName(name) && !secrets.some((s) => s.length >= 4 && value.includes(s))));
  }
  if (typeof options.body === 'string' && options.body.length <= MAX_SAVED_BODY && !secrets.some((s) => s.length >= 4 && (options.body as string).includes(s))) recipe.body = options.body;
  return recipe;
}

/** Starts a session for `options` and opens its inspector beside the editor (titled by host and path unless `title`). */
export function launchSession(extensionUri: vscode.Uri, options: ConnectOptions, log: Logger, title?: string): InspectorPanel {
  const maxRecords = vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.maxRecords, 100_000);
  if (options.proxy === undefined) options = { ...options, ...vscodeProxyOptions() }; // VS Code's http.proxy
  const session = new Session(options, { maxRecords });
  const url = new URL(options.url);
  const shownTitle = title ?? `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  session.onDidAppend((record) => log.lifecycle(shownTitle, record));
  const panel = InspectorPanel.create(extensionUri, session, { title: shownTitle, method: options.method ?? (options.body !== undefined ? 'POST' : 'GET'), url: redactText(options.url, options.secretValues ?? []), mode: options.mode ?? 'sse', readOnly: false, reconnect: reconnectRecipe(options) }, log);
  session.start();
  return panel;
}
