import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { createCaptureHeader, toNdjsonLine } from '../core/capture';
import type { StreamRecord } from '../core/records';
import type { Session } from '../core/session';
import type { Logger } from '../logger';
import type { SessionInfo } from '../shared/protocol';

/** Records written between two yields to the event loop, so a 10⁶-record export never blocks the host. */
const RECORDS_PER_WRITE = 2000;

/** Asks where to save, then writes the session's retained records as a capture (NDJSON, secrets redacted). */
export async function exportCapture(session: Session, info: SessionInfo, log: Logger): Promise<void> {
  const safeName = info.title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'stream';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Stream Debugger: Export Capture',
    saveLabel: 'Export',
    filters: { 'Stream Debugger capture': ['ndjson', 'jsonl'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${safeName}.ndjson`) } : {}),
  });
  if (!target) return;
  const records = session.store.all(); // a snapshot: records arriving meanwhile are not half-written
  // A capture shown read-only is written back with its own header, so open → export is lossless.
  const header = session.captureHeader ?? createCaptureHeader({
    mode: session.options.mode ?? 'sse', url: session.options.url, method: session.options.method ?? (session.options.body !== undefined ? 'POST' : 'GET'),
    headers: session.options.headers ?? {}, startedAt: session.getStats().startedAt, secretValues: session.options.secretValues ?? [],
  });
  try {
    if (target.scheme === 'file') await writeFile(target.fsPath, toNdjsonLine(header), records);
    else {
      const text = toNdjsonLine(header) + records.map(toNdjsonLine).join('');
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    }
    log.info(`exported ${records.length} records to ${target.fsPath}`);
    void vscode.window.setStatusBarMessage(`Stream Debugger: exported ${records.length} records`, 4000);
  } catch (err) {
    const message = `could not export the capture: ${(err as Error).message}`;
    log.error(message);
    void vscode.window.showErrorMessage(`Stream Debugger: ${message}`);
  }
}

async function writeFile(file: string, header: string, records: readonly StreamRecord[]): Promise<void> {
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  const done = new Promise<void>((resolve, reject) => { out.on('finish', resolve); out.on('error', reject); });
  const write = (chunk: string): Promise<void> => new Promise((resolve) => { if (out.write(chunk)) resolve(); else out.once('drain', resolve); });
  await write(header);
  for (let i = 0; i < records.length; i += RECORDS_PER_WRITE) {
    await write(records.slice(i, i + RECORDS_PER_WRITE).map(toNdjsonLine).join(''));
    await new Promise((r) => setImmediate(r));
  }
  out.end();
  await done;
}
