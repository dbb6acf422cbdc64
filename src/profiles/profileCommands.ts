import * as vscode from 'vscode';
import { validateUrlInput } from '../commands/connect';
import { parseHttpUrl } from '../core/connect';
import { demoExampleProfiles } from '../core/profiles/examples';
import { appendProfile, duplicateProfile, ProfileEditError, removeProfile, renameProfile, uniqueProfileName, validateNewName } from '../core/profiles/profileList';
import { secretNamesOf } from '../core/profiles/resolve';
import { SECRET_NAME_PATTERN } from '../core/profiles/variables';
import type { Logger } from '../logger';
import { Commands } from '../shared/ids';
import type { ConnectedProfiles } from './connectedProfiles';
import { editProfileInSettings } from './editInSettings';
import type { EndpointNode } from './endpointsTree';
import { pickProfile } from './endpointPicker';
import { promptForSecret, type ProfileConnector } from './profileConnector';
import type { ProfileSecrets } from './profileSecrets';
import type { ProfileEntry, ProfileStore } from './profileStore';
import { saveConnectionAsProfile } from './saveConnection';
import { pickScope } from './scopePicker';

/** Registers the Stream Endpoints commands (tree actions, secrets, examples). */
export function registerProfileCommands(deps: {
  store: ProfileStore;
  secrets: ProfileSecrets;
  connector: ProfileConnector;
  connected: ConnectedProfiles;
  log: Logger;
}): vscode.Disposable[] {
  const { store, secrets, connector, connected, log } = deps;

  /** The entry a tree command acts on, or (from the palette) one the user picks. */
  const entryOf = async (node: unknown, placeHolder: string): Promise<ProfileEntry | undefined> => {
    if (isProfileNode(node)) return node.entry;
    return pickProfile(store, placeHolder);
  };
  const editList = async (entry: ProfileEntry, edit: (list: unknown[], name: string | undefined) => unknown[], done: string): Promise<boolean> => {
    const name = entry.profile?.name ?? (typeof (entry.raw as { name?: unknown })?.name === 'string' ? (entry.raw as { name: string }).name : undefined);
    try {
      await store.write(entry.scope, edit(store.rawList(entry.scope), name));
      log.info(done);
      return true;
    } catch (err) {
      const message = err instanceof ProfileEditError ? err.message : `could not write ${entry.scope} settings: ${(err as Error).message}`;
      log.error(message);
      void vscode.window.showErrorMessage(`Stream Debugger: ${message}`);
      return false;
    }
  };

  return [
    vscode.commands.registerCommand(Commands.connectProfile, async (node?: unknown) => {
      const entry = await entryOf(node, 'Profile to connect');
      if (entry) await connector.connect(entry);
    }),
    vscode.commands.registerCommand(Commands.disconnectProfile, (node?: unknown) => {
      if (isProfileNode(node) && node.entry.profile) connected.disconnect(node.entry.scope, node.entry.profile.name);
    }),
    vscode.commands.registerCommand(Commands.editProfile, async (node?: unknown) => {
      const entry = await entryOf(node, 'Profile to edit');
      if (entry) await editProfileInSettings(entry);
    }),
    vscode.commands.registerCommand(Commands.duplicateProfile, async (node?: unknown) => {
      const entry = await entryOf(node, 'Profile to duplicate');
      if (entry) await editList(entry, (list, name) => duplicateProfile(list, entry.index, name), `duplicated profile ${entry.label}`);
    }),
    vscode.commands.registerCommand(Commands.renameProfile, async (node?: unknown) => {
      const entry = await entryOf(node, 'Profile to rename');
      if (!entry) return;
      const current = typeof (entry.raw as { name?: unknown })?.name === 'string' ? (entry.raw as { name: string }).name : '';
      const newName = await vscode.window.showInputBox({
        title: `Stream Debugger: Rename ${entry.label}`,
        value: current,
        validateInput: (v) => validateNewName(store.rawList(entry.scope), v, entry.index),
      });
      if (newName === undefined || newName.trim() === current) return;
      if (await editList(entry, (list, name) => renameProfile(list, entry.index, name, newName), `renamed profile ${entry.label} to "${newName.trim()}"`)) {
        // A live connection keeps running; it is no longer tracked under the old name.
        if (entry.profile && connected.isConnected(entry.scope, entry.profile.name)) log.info(`the connection of "${entry.profile.name}" stays open under its old name`);
      }
    }),
    vscode.commands.registerCommand(Commands.deleteProfile, async (node?: unknown) => {
      const entry = await entryOf(node, 'Profile to delete');
      if (!entry) return;
      const answer = await vscode.window.showWarningMessage(`Delete profile ${entry.label} from ${entry.scope} settings?`, { modal: true, detail: 'Secrets it uses stay in secret storage (Clear Secret removes them).' }, 'Delete');
      if (answer === 'Delete') await editList(entry, (list, name) => removeProfile(list, entry.index, name), `deleted profile ${entry.label}`);
    }),
    vscode.commands.registerCommand(Commands.setSecret, async (node?: unknown) => {
      const name = await pickSecretName(isProfileNode(node) ? node.entry : undefined, store, secrets, 'set');
      if (!name) return;
      const value = await promptForSecret(name);
      if (value === undefined) return;
      if (!(await guardSecretStorage(() => secrets.set(name, value), log))) return;
      log.info(`secret "${name}" set`);
      void vscode.window.showInformationMessage(`Stream Debugger: secret "${name}" saved in secret storage.`);
    }),
    vscode.commands.registerCommand(Commands.clearSecret, async (node?: unknown) => {
      const name = await pickSecretName(isProfileNode(node) ? node.entry : undefined, store, secrets, 'clear');
      if (!name) return;
      if (!(await guardSecretStorage(() => secrets.clear(name), log))) return;
      log.info(`secret "${name}" cleared`);
      void vscode.window.showInformationMessage(`Stream Debugger: secret "${name}" cleared.`);
    }),
    vscode.commands.registerCommand(Commands.addProfile, async () => {
      const scope = await pickScope(store, 'Save the new profile in');
      if (!scope) return;
      const name = await vscode.window.showInputBox({
        title: 'Stream Debugger: New Endpoint Profile (1/2)', prompt: 'Profile name',
        value: uniqueProfileName(store.rawList(scope), 'New endpoint'),
        validateInput: (v) => validateNewName(store.rawList(scope), v),
      });
      if (name === undefined) return;
      const url = await vscode.window.showInputBox({
        title: 'Stream Debugger: New Endpoint Profile (2/2)', prompt: 'URL of the stream', placeHolder: 'http://127.0.0.1:8080/events',
        ignoreFocusOut: true, validateInput: validateUrlInput,
      });
      if (url === undefined) return;
      const entry = { name: name.trim(), url: parseHttpUrl(url).href };
      try {
        await store.write(scope, appendProfile(store.rawList(scope), entry));
      } catch (err) {
        void vscode.window.showErrorMessage(`Stream Debugger: ${(err as Error).message}`);
        return;
      }
      log.info(`added profile "${entry.name}" to ${scope} settings`);
      const added = store.entries(scope).find((e) => e.profile?.name === entry.name);
      if (added) await editProfileInSettings(added);
    }),
    vscode.commands.registerCommand(Commands.addExampleProfiles, async () => {
      const list = store.rawList('user');
      const names = new Set(list.map((e) => (e as { name?: unknown })?.name));
      const missing = demoExampleProfiles().filter((p) => !names.has(p.name));
      if (!missing.length) {
        void vscode.window.showInformationMessage('Stream Debugger: the demo example profiles are already in your user settings.');
        return;
      }
      await store.write('user', [...list, ...missing]);
      log.info(`added ${missing.length} demo example profiles to user settings`);
    }),
    vscode.commands.registerCommand(Commands.saveConnectionAsProfile, () => saveConnectionAsProfile({ store, secrets, connected, log })),
  ];
}

/** Runs a SecretStorage write; on failure tells the user and the log, and returns false. */
async function guardSecretStorage(write: () => Promise<void>, log: Logger): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    const message = `secret storage is not available: ${(err as Error).message}`;
    log.error(message);
    void vscode.window.showErrorMessage(`Stream Debugger: ${message}`);
    return false;
  }
}

function isProfileNode(node: unknown): node is Extract<EndpointNode, { kind: 'profile' }> {
  return typeof node === 'object' && node !== null && (node as EndpointNode).kind === 'profile';
}

/** The secret to set or clear: from a profile's references, or any referenced or known name, or a new one. */
async function pickSecretName(entry: ProfileEntry | undefined, store: ProfileStore, secrets: ProfileSecrets, action: 'set' | 'clear'): Promise<string | undefined> {
  const referenced = entry?.profile ? secretNamesOf(entry.profile) : [...new Set(store.allEntries().flatMap((e) => (e.profile ? secretNamesOf(e.profile) : [])))];
  const candidates = entry ? referenced : [...new Set([...referenced, ...secrets.knownNames()])].sort();
  if (entry && candidates.length === 1) return candidates[0];
  const other = { label: '$(edit) Another name…', name: undefined as string | undefined };
  const items = [...await Promise.all(candidates.map(async (name) => ({ label: name, description: await secrets.get(name) !== undefined ? 'set' : 'not set', name: name as string | undefined }))), ...(action === 'set' ? [other] : [])];
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Stream Debugger: no secrets are set or used by a profile.');
    return undefined;
  }
  const picked = items.length === 1 && action === 'set' ? other : await vscode.window.showQuickPick(items, {
    title: `Stream Debugger: ${action === 'set' ? 'Set' : 'Clear'} Secret`,
    placeHolder: entry ? `Secrets used by ${entry.label}` : 'Secret name (written as ${secret:NAME} in a profile)',
  });
  if (!picked) return undefined;
  if (picked.name) return picked.name;
  return vscode.window.showInputBox({
    title: 'Stream Debugger: Secret Name',
    prompt: 'Refer to it as ${secret:NAME} in a header value or body',
    validateInput: (v) => (SECRET_NAME_PATTERN.test(v) ? undefined : 'Use letters, digits, "_", "." or "-"'),
  });
}
