import * as vscode from 'vscode';
import { redactUrl } from '../core/redact';
import type { ProfileConnector } from './profileConnector';
import type { ProfileEntry, ProfileStore } from './profileStore';

type ProfilePick = vscode.QuickPickItem & { entry?: ProfileEntry; newUrl?: true };

function profileItems(store: ProfileStore): ProfilePick[] {
  const items: ProfilePick[] = [];
  for (const scope of ['user', 'workspace'] as const) {
    if (scope === 'workspace' && !store.hasWorkspace) continue;
    const entries = store.entries(scope);
    if (!entries.length) continue;
    items.push({ label: scope === 'user' ? 'User profiles' : 'Workspace profiles', kind: vscode.QuickPickItemKind.Separator });
    for (const entry of entries) {
      items.push(entry.profile
        ? { label: `$(radio-tower) ${entry.profile.name}`, description: redactUrl(entry.profile.url), detail: entry.profile.tags?.map((t) => `#${t}`).join(' ') || undefined, entry }
        : { label: `$(error) ${entry.label}`, description: entry.problems[0] ? `${entry.problems[0].field} ${entry.problems[0].message}` : 'invalid', entry });
    }
  }
  return items;
}

/** A quick pick of saved profiles; undefined when cancelled or none exist. */
export async function pickProfile(store: ProfileStore, placeHolder: string): Promise<ProfileEntry | undefined> {
  const items = profileItems(store);
  if (!items.length) {
    void vscode.window.showInformationMessage('Stream Debugger: no saved endpoint profiles yet.');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: 'Stream Debugger', placeHolder }))?.entry;
}

/**
 * The first step of Connect to Endpoint…: saved profiles first, then "New URL…". Returns 'new-url' when the caller
 * should go on asking for a URL (also when no profile is saved), 'handled' when a profile was connected or the user
 * cancelled.
 */
export async function chooseEndpoint(store: ProfileStore, connector: ProfileConnector): Promise<'new-url' | 'handled'> {
  const items = profileItems(store);
  if (!items.length) return 'new-url';
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(link) New URL…', description: 'connect to a URL once', newUrl: true, alwaysShow: true });
  const picked = await vscode.window.showQuickPick(items, { title: 'Stream Debugger: Connect to Endpoint', placeHolder: 'A saved profile, or a new URL', matchOnDescription: true });
  if (!picked) return 'handled';
  if (picked.newUrl) return 'new-url';
  if (picked.entry) await connector.connect(picked.entry);
  return 'handled';
}
