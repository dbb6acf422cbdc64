import * as vscode from 'vscode';
import { readCaptureFile, type LoadedCapture } from '../core/captureReader';
import type { Logger } from '../logger';

/** File types offered by the open dialogs. */
export const CAPTURE_FILE_FILTERS: Record<string, string[]> = {
  'Captures and event streams': ['ndjson', 'jsonl', 'sse', 'json', 'txt', 'log'],
  'All files': ['*'],
};

/**
 * The capture file a command works on: the URI it was given (an editor title button, the explorer), else the active
 * editor's file when it looks like one, else a file picked in a dialog. Undefined when the user cancels.
 */
export async function pickCaptureFile(title: string, given?: unknown): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri) return given;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && active.scheme === 'file' && /\.(sse|ndjson|jsonl)$/i.test(active.fsPath)) return active;
  const picked = await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: CAPTURE_FILE_FILTERS, openLabel: 'Open Capture' });
  return picked?.[0];
}

/** Reads a capture, or shows and logs why it could not be read (undefined then). Content problems do not fail it. */
export async function loadCapture(uri: vscode.Uri, log: Logger): Promise<LoadedCapture | undefined> {
  try {
    return await readCaptureFile(uri.fsPath);
  } catch (err) {
    const message = `cannot read ${uri.fsPath}: ${(err as Error).message}`;
    log.error(message);
    void vscode.window.showErrorMessage(`Stream Debugger: ${message}`);
    return undefined;
  }
}
