import * as vscode from 'vscode';
import type { ProfileScope } from '../core/profiles/profile';
import type { ProfileStore } from './profileStore';

/** User or workspace settings; asks only when a workspace is open. */
export async function pickScope(store: ProfileStore, title: string): Promise<ProfileScope | undefined> {
  if (!store.hasWorkspace) return 'user';
  const picked = await vscode.window.showQuickPick([
    { label: 'User settings', description: 'every workspace', scope: 'user' as const },
    { label: 'Workspace settings', description: 'this workspace only (shared if .vscode is committed)', scope: 'workspace' as const },
  ], { title: `Stream Debugger: ${title}` });
  return picked?.scope;
}
