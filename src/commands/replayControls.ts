import * as vscode from 'vscode';
import { replayOf } from '../core/sessionReplay';
import { InspectorPanel } from '../panel/inspectorPanel';

/** Stream Debugger: Replay Controls… — pause, resume, step, speed and seek for the active replay inspector. */
export async function replayControlsCommand(): Promise<void> {
  const panel = InspectorPanel.active();
  const replay = panel && replayOf(panel.session);
  if (!replay) {
    void vscode.window.showInformationMessage('Stream Debugger: no replay is open. Start one with "Stream Debugger: Replay Capture…".');
    return;
  }
  const where = `record ${replay.position} of ${replay.length}, ×${replay.speed}, ${replay.state}`;
  const picked = await vscode.window.showQuickPick([
    { label: replay.state === 'playing' ? 'Pause' : 'Play', action: 'toggle' as const },
    { label: 'Step', description: 'deliver the next record and stay paused', action: 'step' as const },
    { label: 'Speed…', action: 'speed' as const },
    { label: 'Seek…', description: 'go to a record number', action: 'seek' as const },
  ], { title: `Replay (${where})` });
  if (!picked) return;
  switch (picked.action) {
    case 'toggle':
      if (replay.state === 'playing') replay.pause();
      else replay.play();
      return;
    case 'step':
      replay.step();
      return;
    case 'speed': {
      const text = await vscode.window.showInputBox({ title: 'Replay speed', value: String(replay.speed), prompt: '1 is the original timing, 10 ten times faster', validateInput: (v) => (Number(v) > 0 && Number.isFinite(Number(v)) ? undefined : 'a positive number') });
      if (text !== undefined) replay.setSpeed(Number(text));
      return;
    }
    case 'seek': {
      const text = await vscode.window.showInputBox({ title: 'Seek to record', value: String(replay.position), prompt: `0 to ${replay.length}: records before it are shown at once`, validateInput: (v) => (Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= replay.length ? undefined : `a whole number from 0 to ${replay.length}`) });
      if (text !== undefined) replay.seek(Number(text));
      return;
    }
  }
}
