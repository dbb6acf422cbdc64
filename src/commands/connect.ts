import * as vscode from 'vscode';
import { ConnectError, parseHttpUrl } from '../core/connect';
import type { Logger } from '../logger';
import { launchSession } from '../sessionLauncher';
import { promptStreamMode } from './longPollPrompts';
import { promptRequestOptions } from './advancedRequestPrompts';

/** Validates URL input as the user types: a message, or undefined when it is fine. */
export function validateUrlInput(value: string): string | undefined {
  try {
    parseHttpUrl(value);
    return undefined;
  } catch (err) {
    return err instanceof ConnectError ? err.message : String(err);
  }
}

/**
 * Stream Debugger: Connect to Endpoint… — asks for a URL and opens an inspector on it. `chooseEndpoint` (saved
 * profiles) goes first when given and no URL was passed.
 */
export async function connectCommand(extensionUri: vscode.Uri, log: Logger, urlArgument?: string, chooseEndpoint?: () => Promise<'new-url' | 'handled'>): Promise<void> {
  if (urlArgument === undefined && chooseEndpoint && (await chooseEndpoint()) === 'handled') return;
  const input = urlArgument ?? await vscode.window.showInputBox({
    title: 'Stream Debugger: Connect to Endpoint',
    prompt: 'URL of a Server-Sent Events stream or a long-polling endpoint',
    placeHolder: 'http://127.0.0.1:8080/events',
    ignoreFocusOut: true,
    validateInput: validateUrlInput,
  });
  if (input === undefined) return;
  const problem = validateUrlInput(input);
  if (problem) {
    void vscode.window.showErrorMessage(`Stream Debugger: ${problem}`);
    log.warn(`connect refused: ${problem}`);
    return;
  }
  // SSE or long polling (and its options); a URL passed in (npm start, tests) connects with SSE at once.
  const mode = urlArgument === undefined ? await promptStreamMode() : {};
  if (!mode) return;
  // Connect as is, or "Advanced…": method, headers and body.
  const request = urlArgument === undefined ? await promptRequestOptions() : {};
  if (!request) return;
  launchSession(extensionUri, { url: parseHttpUrl(input).href, ...mode, ...request }, log);
}
