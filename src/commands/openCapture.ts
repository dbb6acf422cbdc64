import type * as vscode from 'vscode';
import { loadCapture, pickCaptureFile } from '../captures/captureFiles';
import { openCaptureInspector } from '../captures/captureInspectors';
import type { Logger } from '../logger';

/**
 * Stream Debugger: Open Capture… (and "Open in Stream Inspector" on a .sse/.ndjson editor) — shows a capture or a raw
 * event stream in a read-only inspector.
 */
export async function openCaptureCommand(extensionUri: vscode.Uri, log: Logger, given?: unknown): Promise<void> {
  const uri = await pickCaptureFile('Stream Debugger: Open Capture', given);
  if (!uri) return;
  const capture = await loadCapture(uri, log);
  if (capture) openCaptureInspector(extensionUri, capture, uri.fsPath, { kind: 'all' }, log);
}
