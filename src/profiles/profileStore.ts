import * as vscode from 'vscode';
import type { ProfileScope } from '../core/profiles/profile';
import { validateProfileList, type ProfileListItem } from '../core/profiles/validate';
import { Settings } from '../shared/ids';

/** A profile entry with the settings it lives in. */
export interface ProfileEntry extends ProfileListItem {
  scope: ProfileScope;
}

/** Reads and writes the `streamDebugger.profiles` setting, in user and workspace settings separately. */
export class ProfileStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  /** Fires when the setting changes in any scope. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.${Settings.profiles}`)) this.changed.fire();
    });
  }

  /** Whether workspace settings exist to write to (a folder or workspace is open). */
  get hasWorkspace(): boolean {
    return (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  }

  /** The list as written in `scope` (an empty list when unset). */
  rawList(scope: ProfileScope): unknown[] {
    const inspected = vscode.workspace.getConfiguration(Settings.section).inspect<unknown>(Settings.profiles);
    const value = scope === 'user' ? inspected?.globalValue : inspected?.workspaceValue;
    return Array.isArray(value) ? value : [];
  }

  /** Every entry of `scope`, validated. */
  entries(scope: ProfileScope): ProfileEntry[] {
    const inspected = vscode.workspace.getConfiguration(Settings.section).inspect<unknown>(Settings.profiles);
    const value = scope === 'user' ? inspected?.globalValue : inspected?.workspaceValue;
    return validateProfileList(value).map((item) => ({ ...item, scope }));
  }

  /** Entries of both scopes, user first. */
  allEntries(): ProfileEntry[] {
    return [...this.entries('user'), ...(this.hasWorkspace ? this.entries('workspace') : [])];
  }

  /** Writes `list` as the whole setting of `scope`. */
  async write(scope: ProfileScope, list: unknown[]): Promise<void> {
    const target = scope === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
    await vscode.workspace.getConfiguration(Settings.section).update(Settings.profiles, list.length ? list : undefined, target);
  }

  /** The folder relative profile paths (bodyFile, tls.caFile) start from: the first workspace folder on disk. */
  baseDir(): string | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The key that names one profile across the UI: scope and name. */
export function profileKey(scope: ProfileScope, name: string): string {
  return `${scope}/${name}`;
}
