import * as vscode from 'vscode';
import { profileFromConnection } from '../core/profiles/fromConnection';
import { appendProfile, uniqueProfileName, validateNewName } from '../core/profiles/profileList';
import type { Logger } from '../logger';
import { InspectorPanel } from '../panel/inspectorPanel';
import type { ConnectedProfiles } from './connectedProfiles';
import { editProfileInSettings } from './editInSettings';
import { pickScope } from './scopePicker';
import type { ProfileSecrets } from './profileSecrets';
import type { ProfileStore } from './profileStore';

/**
 * Save Connection as Profile: the active inspector's connection becomes a profile. A connection opened from a profile
 * is copied as written (its `${secret:…}` references); any other has its credentials moved into secret storage.
 */
export async function saveConnectionAsProfile(deps: { store: ProfileStore; secrets: ProfileSecrets; connected: ConnectedProfiles; log: Logger }): Promise<void> {
  const { store, secrets, connected, log } = deps;
  const panel = InspectorPanel.active();
  if (!panel) {
    void vscode.window.showInformationMessage('Stream Debugger: open an inspector first; its connection is what gets saved.');
    return;
  }
  const scope = await pickScope(store, 'Save the profile in');
  if (!scope) return;
  const origin = connected.originOf(panel.session);
  const url = new URL(panel.session.options.url);
  const suggested = uniqueProfileName(store.rawList(scope), origin?.name ?? `${url.host}${url.pathname === '/' ? '' : url.pathname}`);
  const name = await vscode.window.showInputBox({
    title: 'Stream Debugger: Save Connection as Profile', prompt: 'Profile name', value: suggested,
    validateInput: (v) => validateNewName(store.rawList(scope), v),
  });
  if (name === undefined) return;
  let entry: Record<string, unknown> & { name: string };
  if (origin && typeof origin.raw === 'object' && origin.raw !== null) {
    entry = { ...structuredClone(origin.raw as Record<string, unknown>), name: name.trim() };
  } else {
    const draft = profileFromConnection(panel.session.options, name.trim());
    for (const s of draft.secrets) await secrets.set(s.name, s.value);
    if (draft.secrets.length) log.info(`moved ${draft.secrets.length} credential value(s) into secret storage: ${draft.secrets.map((s) => s.name).join(', ')}`);
    if (draft.omitted.length) void vscode.window.showWarningMessage(`Stream Debugger: not saved in the profile: ${draft.omitted.join('; ')}`);
    entry = draft.profile as unknown as Record<string, unknown> & { name: string };
  }
  try {
    await store.write(scope, appendProfile(store.rawList(scope), entry));
  } catch (err) {
    void vscode.window.showErrorMessage(`Stream Debugger: ${(err as Error).message}`);
    return;
  }
  log.info(`saved the connection as profile "${entry.name}" in ${scope} settings`);
  const answer = await vscode.window.showInformationMessage(`Stream Debugger: saved profile "${entry.name}".`, 'Edit in settings.json');
  const saved = store.entries(scope).find((e) => e.profile?.name === entry.name);
  if (answer && saved) await editProfileInSettings(saved);
}
