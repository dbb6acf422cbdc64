import * as vscode from 'vscode';
import { locateProfileEntry } from '../core/profiles/settingsText';
import type { ProfileEntry } from './profileStore';

/** Opens the settings.json that holds `entry` and selects the entry. */
export async function editProfileInSettings(entry: ProfileEntry): Promise<void> {
  // These commands open the right file whatever its location (desktop, remote, code-server).
  await vscode.commands.executeCommand(entry.scope === 'user' ? 'workbench.action.openSettingsJson' : 'workbench.action.openWorkspaceSettingsFile');
  const editor = await activeSettingsEditor();
  if (!editor) return;
  const at = locateProfileEntry(editor.document.getText(), entry.index);
  if (!at) return;
  const range = new vscode.Range(editor.document.positionAt(at.offset), editor.document.positionAt(at.offset + at.length));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
}

/** The settings editor, once it is active (opening may finish well after the command resolves on a busy machine). */
async function activeSettingsEditor(): Promise<vscode.TextEditor | undefined> {
  const isSettings = (e: vscode.TextEditor | undefined): e is vscode.TextEditor => !!e && /(settings\.json|\.code-workspace)$/.test(e.document.uri.path);
  if (isSettings(vscode.window.activeTextEditor)) return vscode.window.activeTextEditor;
  return new Promise((resolve) => {
    const timer = setTimeout(() => { listener.dispose(); resolve(undefined); }, 15_000);
    const listener = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (!isSettings(e)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(e);
    });
  });
}
