import * as vscode from 'vscode';
import { Commands } from '../shared/ids';
import type { ProfileStore } from './profileStore';

const OFFERED_KEY = 'streamDebugger.exampleProfilesOffered';

/**
 * On first use (the Stream Endpoints view shown while no profile exists), offers the demo feeds as example profiles —
 * once: the answer, whatever it is, is remembered.
 */
export function offerExamplesOnFirstUse(view: vscode.TreeView<unknown>, store: ProfileStore, state: vscode.Memento): vscode.Disposable {
  const maybeOffer = async (): Promise<void> => {
    if (!view.visible || state.get(OFFERED_KEY) || store.allEntries().length > 0) return;
    await state.update(OFFERED_KEY, true);
    const answer = await vscode.window.showInformationMessage('Stream Debugger: add the built-in demo feeds as example endpoint profiles?', 'Add Examples', 'Not Now');
    if (answer === 'Add Examples') await vscode.commands.executeCommand(Commands.addExampleProfiles);
  };
  void maybeOffer();
  return view.onDidChangeVisibility(() => void maybeOffer());
}
