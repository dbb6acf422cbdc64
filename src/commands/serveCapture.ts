import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadCapture, pickCaptureFile } from '../captures/captureFiles';
import type { MockEndpoints } from '../captures/mockEndpoints';
import type { CaptureEndpointOptions } from '../core/server/captureEndpoint';
import type { Logger } from '../logger';
import { Commands } from '../shared/ids';

/** Drop schedules offered for a mock endpoint. */
const DROP_CHOICES: ReadonlyArray<{ label: string; description?: string; options: CaptureEndpointOptions }> = [
  { label: 'Never drop', options: {} },
  { label: 'Drop each connection after 5 events', description: 'the client should resume with Last-Event-ID', options: { dropAfterEvents: 5, retryMs: 1000 } },
  { label: 'Drop each connection after 20 events', options: { dropAfterEvents: 20, retryMs: 1000 } },
  { label: 'Drop each connection after 10 seconds', options: { dropEveryMs: 10_000, retryMs: 1000 } },
];

/** Validates the port box: empty (a free port) or 1–65535. */
export function validatePortInput(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port < 65536 ? undefined : 'a port number from 1 to 65535, or empty for a free port';
}

/**
 * Stream Debugger: Serve Capture as Mock Endpoint — serves a capture on 127.0.0.1 (chosen or free port), replaying it
 * with its timing and honouring Last-Event-ID; the URL is copied to the clipboard.
 */
export async function serveCaptureCommand(mocks: MockEndpoints, log: Logger, given?: unknown): Promise<void> {
  const uri = await pickCaptureFile('Stream Debugger: Serve Capture as Mock Endpoint', given);
  if (!uri) return;
  const portText = await vscode.window.showInputBox({ title: 'Stream Debugger: Serve Capture', prompt: 'Port on 127.0.0.1 (empty: a free port)', placeHolder: 'free port', validateInput: validatePortInput });
  if (portText === undefined) return;
  const drops = await vscode.window.showQuickPick(DROP_CHOICES, { title: 'Stream Debugger: Serve Capture', placeHolder: 'Drop client connections? (to test their reconnection)' });
  if (!drops) return;
  const capture = await loadCapture(uri, log);
  if (!capture) return;
  const name = path.basename(uri.fsPath);
  if (capture.problemCount > 0) log.warn(`${uri.fsPath}: ${capture.problemCount} problem(s) while reading; serving the ${capture.records.length} records read`);
  let url: string;
  try {
    const mock = await mocks.start(capture, uri.fsPath, { ...drops.options, ...(portText.trim() === '' ? {} : { port: Number(portText) }) });
    url = mock.endpoint.streamUrl;
  } catch (err) {
    const message = `cannot serve ${name}: ${(err as Error).message}`;
    log.error(message);
    void vscode.window.showErrorMessage(`Stream Debugger: ${message}`);
    return;
  }
  await vscode.env.clipboard.writeText(url);
  const events = capture.records.filter((r) => r.kind === 'event').length;
  log.info(`serving ${name} (${events} events, ${capture.header.mode}) at ${url}`);
  const choice = await vscode.window.showInformationMessage(`Stream Debugger: serving ${name} at ${url} (copied to the clipboard).`, 'Connect Inspector', 'Stop');
  if (choice === 'Connect Inspector') await vscode.commands.executeCommand(Commands.connect, url);
  else if (choice === 'Stop') await vscode.commands.executeCommand(Commands.stopMockEndpoints);
}

/** Stream Debugger: Stop Mock Endpoints — stops the ones picked (all when there is one). */
export async function stopMockEndpointsCommand(mocks: MockEndpoints, log: Logger): Promise<void> {
  const running = mocks.list();
  if (running.length === 0) {
    void vscode.window.showInformationMessage('Stream Debugger: no mock endpoint is running.');
    return;
  }
  const picked = running.length === 1 ? running : (await vscode.window.showQuickPick(running.map((m) => ({ label: m.endpoint.streamUrl, description: path.basename(m.file), picked: true, mock: m })), { canPickMany: true, title: 'Stop mock endpoints' }))?.map((p) => p.mock);
  for (const mock of picked ?? []) {
    await mocks.stop(mock);
    log.info(`stopped the mock endpoint at ${mock.endpoint.streamUrl}`);
  }
}
