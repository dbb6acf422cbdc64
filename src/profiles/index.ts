import * as vscode from 'vscode';
import type { DemoServerHost } from '../demoServerHost';
import type { Logger } from '../logger';
import { Views } from '../shared/ids';
import { ConnectedProfiles } from './connectedProfiles';
import { chooseEndpoint } from './endpointPicker';
import { EndpointsTree } from './endpointsTree';
import { registerProfileCommands } from './profileCommands';
import { ProfileConnector } from './profileConnector';
import { ProfileSecrets } from './profileSecrets';
import { ProfileStore } from './profileStore';

/**
 * Builds the profiles feature (store, secrets, tree, commands) and returns the "saved profiles first" step of
 * Connect to Endpoint….
 */
export function registerProfiles(context: vscode.ExtensionContext, log: Logger, demo: DemoServerHost): { chooseEndpoint(): Promise<'new-url' | 'handled'> } {
  const store = new ProfileStore();
  const secrets = new ProfileSecrets(context.secrets, context.globalState);
  const connected = new ConnectedProfiles();
  const connector = new ProfileConnector(context.extensionUri, store, secrets, connected, demo, log);
  const tree = new EndpointsTree(store, connected);
  const view = vscode.window.createTreeView(Views.endpoints, { treeDataProvider: tree, showCollapseAll: false });
  const logProblems = (): void => {
    for (const entry of store.allEntries()) {
      for (const p of entry.problems) log.warn(`${entry.scope} settings: profile ${entry.label}: ${p.field ? `${p.field} ` : ''}${p.message}`);
    }
  };
  logProblems();
  context.subscriptions.push(
    store, secrets, connected, tree, view,
    store.onDidChange(logProblems),
    ...registerProfileCommands({ store, secrets, connector, connected, log }),
  );
  return { chooseEndpoint: () => chooseEndpoint(store, connector) };
}
