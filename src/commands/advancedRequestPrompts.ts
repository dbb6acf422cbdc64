import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ConnectOptions } from '../core/options';
import { jsonProblem, methodTakesBody, parseHeaderLine, parseMethod, setHeader } from './requestFields';

const TITLE = 'Stream Debugger: Connect to Endpoint';
/** Bodies read from a file are sent whole; keep them to a size an editor would open. */
const MAX_BODY_FILE_BYTES = 16 * 1024 * 1024;
/** Enough for any real request; the loop ends there even if the user keeps adding. */
const MAX_HEADERS = 64;

/** What the request prompts add to the connection options. */
export type RequestChoice = Pick<ConnectOptions, 'method' | 'headers' | 'body' | 'resendBodyOnReconnect'>;

/**
 * Connect as is (GET, default headers), or "Advanced…": method, headers and body. Undefined when the user cancelled.
 */
export async function promptRequestOptions(): Promise<RequestChoice | undefined> {
  const items: Array<vscode.QuickPickItem & { advanced: boolean }> = [
    { label: '$(debug-start) Connect', description: 'GET, Accept: text/event-stream', advanced: false },
    { label: '$(settings-gear) Advanced…', description: 'method, headers, body', advanced: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'Send the request as is, or set method, headers and body', ignoreFocusOut: true });
  if (!picked) return undefined;
  return picked.advanced ? promptAdvancedRequest() : {};
}

/** Asks for method, headers and body in turn. Undefined when the user cancelled. */
export async function promptAdvancedRequest(): Promise<RequestChoice | undefined> {
  const method = await promptMethod();
  if (!method) return undefined;
  let headers = await promptHeaders();
  if (!headers) return undefined;
  const choice: RequestChoice = { method };
  if (methodTakesBody(method)) {
    const body = await promptBody();
    if (!body) return undefined;
    if (body.contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers = setHeader(headers, 'Content-Type', body.contentType);
    if (body.body !== undefined) {
      choice.body = body.body;
      const resend = await vscode.window.showQuickPick([
        { label: 'Send the body once', detail: 'A reconnect does not repeat the request (an LLM request is never re-sent silently)', resend: false },
        { label: 'Re-send the body on every reconnect', detail: 'For streams that are safe to request again', resend: true },
      ], { title: `${TITLE} — reconnect`, ignoreFocusOut: true });
      if (!resend) return undefined;
      if (resend.resend) choice.resendBodyOnReconnect = true;
    }
  }
  if (Object.keys(headers).length) choice.headers = headers;
  return choice;
}

async function promptMethod(): Promise<string | undefined> {
  const common = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  const picked = await vscode.window.showQuickPick([...common.map((m) => ({ label: m })), { label: 'Other…' }], { title: `${TITLE} — method`, ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.label !== 'Other…') return picked.label;
  const text = await vscode.window.showInputBox({
    title: `${TITLE} — method`, prompt: 'HTTP method', placeHolder: 'REPORT', ignoreFocusOut: true,
    validateInput: (value) => { const m = parseMethod(value); return typeof m === 'string' ? undefined : m.error; },
  });
  if (text === undefined) return undefined;
  const method = parseMethod(text);
  return typeof method === 'string' ? method : undefined;
}

/** Headers one at a time; an empty entry finishes. */
async function promptHeaders(): Promise<Record<string, string> | undefined> {
  let headers: Record<string, string> = {};
  for (let i = 0; i < MAX_HEADERS; i++) {
    const list = Object.keys(headers);
    const text = await vscode.window.showInputBox({
      title: `${TITLE} — headers`,
      prompt: `Header "Name: value", or leave empty to go on${list.length ? ` (so far: ${list.join(', ')})` : ''}. Accept: text/event-stream and Cache-Control: no-cache are sent unless you set them.`,
      placeHolder: 'Authorization: Bearer …', ignoreFocusOut: true,
      validateInput: (value) => { if (value.trim() === '') return undefined; const h = parseHeaderLine(value); return 'error' in h ? h.error : undefined; },
    });
    if (text === undefined) return undefined;
    if (text.trim() === '') return headers;
    const header = parseHeaderLine(text);
    if (!('error' in header)) headers = setHeader(headers, header.name, header.value);
  }
  return headers;
}

async function promptBody(): Promise<{ body?: string | Uint8Array; contentType?: string } | undefined> {
  const picked = await vscode.window.showQuickPick([
    { label: 'No body', source: 'none' as const },
    { label: 'JSON…', detail: 'Sent as typed, with Content-Type: application/json', source: 'json' as const },
    { label: 'Text…', source: 'text' as const },
    { label: 'From a file…', source: 'file' as const },
  ], { title: `${TITLE} — body`, ignoreFocusOut: true });
  if (!picked) return undefined;
  switch (picked.source) {
    case 'none': return {};
    case 'json': {
      const text = await vscode.window.showInputBox({ title: `${TITLE} — JSON body`, placeHolder: '{"model": "…", "stream": true}', ignoreFocusOut: true, validateInput: (v) => jsonProblem(v) ?? undefined });
      return text === undefined ? undefined : { body: text, contentType: 'application/json' };
    }
    case 'text': {
      const text = await vscode.window.showInputBox({ title: `${TITLE} — body`, prompt: 'Request body, sent as UTF-8', ignoreFocusOut: true });
      return text === undefined ? undefined : { body: text };
    }
    case 'file': {
      const [uri] = await vscode.window.showOpenDialog({ title: 'Request body', canSelectMany: false, openLabel: 'Use as body' }) ?? [];
      if (!uri) return undefined;
      try {
        const size = (await fs.promises.stat(uri.fsPath)).size;
        if (size > MAX_BODY_FILE_BYTES) throw new Error(`${size} bytes is more than the ${MAX_BODY_FILE_BYTES / 1024 / 1024} MiB a body file may have`);
        const bytes = await fs.promises.readFile(uri.fsPath);
        return { body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), ...(uri.fsPath.endsWith('.json') ? { contentType: 'application/json' } : {}) };
      } catch (err) {
        void vscode.window.showErrorMessage(`Stream Debugger: cannot use ${uri.fsPath} as the body: ${(err as Error).message}`);
        return undefined;
      }
    }
  }
}
