import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LoadedCapture } from '../core/captureReader';
import { redactUrl } from '../core/redact';
import { Session } from '../core/session';
import { replayIntoSession } from '../core/sessionReplay';
import type { Logger } from '../logger';
import { InspectorPanel } from '../panel/inspectorPanel';
import { Settings } from '../shared/ids';

/** How a capture opens: all at once, or played back. */
export type CaptureOpening = { kind: 'all' } | { kind: 'replay'; speed: number; paused: boolean };

/**
 * Opens a read-only inspector on a loaded capture: every record at once, or played back with its timing. Problems
 * in the file are reported (message and log), and everything readable is shown.
 */
export function openCaptureInspector(extensionUri: vscode.Uri, capture: LoadedCapture, file: string, opening: CaptureOpening, log: Logger): InspectorPanel {
  reportProblems(capture, file, log);
  const maxRecords = vscode.workspace.getConfiguration(Settings.section).get<number>(Settings.maxRecords, 100_000);
  // Relative times and the time to the first event count from the capture's first record, not from opening it.
  const startedAt = capture.records[0]?.t;
  const session = new Session({ url: capture.header.url, method: capture.header.method, mode: capture.header.mode }, { maxRecords, readOnly: true, captureHeader: capture.header, ...(startedAt !== undefined ? { startedAt } : {}) });
  const name = path.basename(file);
  // The replay exists (paused) before the panel, so the panel's replay controls find it.
  const replay = opening.kind === 'replay' ? replayIntoSession(session, capture.records, { speed: opening.speed, paused: true }) : undefined;
  const panel = InspectorPanel.create(extensionUri, session, {
    title: `${opening.kind === 'replay' ? 'Replay' : 'Capture'}: ${name}`,
    method: capture.header.method,
    url: redactUrl(capture.header.url), // a capture written before query tokens were masked may hold one
    mode: capture.header.mode,
    readOnly: true,
    capture: opening.kind === 'replay' ? 'replay' : 'file',
  }, log);
  if (replay) {
    panel.panel.onDidDispose(() => replay.dispose());
    if (opening.kind === 'replay' && !opening.paused) replay.play();
  } else {
    for (const record of capture.records) session.ingest(record);
  }
  if (capture.records.length > maxRecords) {
    void vscode.window.showWarningMessage(`Stream Debugger: ${name} has ${capture.records.length} records; the inspector keeps the newest ${maxRecords} (setting ${Settings.section}.${Settings.maxRecords}).`);
  }
  log.info(`opened ${file}: ${capture.records.length} records (${capture.source})${opening.kind === 'replay' ? `, replay at ×${opening.speed}` : ''}`);
  return panel;
}

function reportProblems(capture: LoadedCapture, file: string, log: Logger): void {
  if (capture.problemCount === 0) return;
  for (const p of capture.problems) log.warn(`${file}:${p.line}: ${p.message}`);
  if (capture.problemCount > capture.problems.length) log.warn(`${file}: ${capture.problemCount - capture.problems.length} more problems`);
  const first = capture.problems[0]!;
  void vscode.window.showWarningMessage(
    `Stream Debugger: ${path.basename(file)} has ${capture.problemCount} problem(s); ${capture.records.length} records were read. Line ${first.line}: ${first.message}`,
    'Show Log',
  ).then((choice) => { if (choice) log.show(); });
}
