import * as vscode from 'vscode';
import { loadCapture, pickCaptureFile } from '../captures/captureFiles';
import { openCaptureInspector } from '../captures/captureInspectors';
import type { Logger } from '../logger';

/** Speeds offered when a replay starts; "step" starts paused. */
const SPEEDS = [
  { label: 'Original timing', speed: 1, paused: false },
  { label: '×2', speed: 2, paused: false },
  { label: '×10', speed: 10, paused: false },
  { label: '×100', speed: 100, paused: false },
  { label: 'Step by step', description: 'starts paused; step with Replay Controls', speed: 1, paused: true },
];

/** Stream Debugger: Replay Capture… — plays a capture into a read-only inspector with its timing. */
export async function replayCaptureCommand(extensionUri: vscode.Uri, log: Logger, given?: unknown): Promise<void> {
  const uri = await pickCaptureFile('Stream Debugger: Replay Capture', given);
  if (!uri) return;
  const choice = await vscode.window.showQuickPick(SPEEDS, { title: 'Stream Debugger: Replay Capture', placeHolder: 'Replay speed' });
  if (!choice) return;
  const capture = await loadCapture(uri, log);
  if (capture) openCaptureInspector(extensionUri, capture, uri.fsPath, { kind: 'replay', speed: choice.speed, paused: choice.paused }, log);
}
