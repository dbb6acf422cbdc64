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

/** The settings editor, once it is active (opening may finish a moment after the command resolves). */
async function activeSettingsEditor(): Promise<vscode.TextEditor | undefined> {
  for (let i = 0; i < 20; i++) {
    const editor = vscode.window.activeTextEditor;
    if (editor && /(settings\.json|\.code-workspace)$/.test(editor.document.uri.path)) return editor;
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}
