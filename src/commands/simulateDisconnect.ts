import * as vscode from 'vscode';
import type { DisconnectPlan } from '../core/simulation/disconnectSchedule';
import type { Session } from '../core/session';
import { InspectorPanel } from '../panel/inspectorPanel';

/** The live session of the active inspector, or undefined after telling the user why there is none. */
function liveSession(): Session | undefined {
  const panel = InspectorPanel.active();
  if (!panel) {
    void vscode.window.showInformationMessage('Stream Debugger: no open connection. Connect first, then simulate a disconnect.');
    return undefined;
  }
  if (panel.session.state === 'closed') {
    void vscode.window.showInformationMessage('Stream Debugger: this inspector is not connected (a capture, or a stopped connection).');
    return undefined;
  }
  return panel.session;
}

/** Stream Debugger: Simulate Disconnect Now — drops the active connection; it reconnects with Last-Event-ID. */
export function simulateDisconnectCommand(): void {
  liveSession()?.simulateDisconnect();
}

async function askNumber(title: string, prompt: string, value: string, integer: boolean): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title, prompt, value,
    validateInput: (v) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) return 'a positive number';
      return integer && !Number.isInteger(n) ? 'a whole number' : undefined;
    },
  });
  return text === undefined ? undefined : Number(text);
}

/**
 * Stream Debugger: Simulate Disconnects… — drop now, mid-event, after N events, every T seconds, stall, or wait for
 * silence; each drop is a lifecycle record marked simulated, and the reconnect gets a resume verdict.
 */
export async function simulateDisconnectsCommand(): Promise<void> {
  const session = liveSession();
  if (!session) return;
  const current = session.disconnectPlan;
  const items = [
    { label: 'Drop now', action: 'now' as const },
    { label: 'Drop in the middle of the next event', description: 'the partial event is never dispatched', action: 'mid' as const },
    { label: 'Drop after N events…', description: 'on every connection', action: 'after' as const },
    { label: 'Drop every T seconds…', description: 'T seconds after each connection opens', action: 'every' as const },
    { label: 'Stall for T seconds…', description: 'stop reading from the socket', action: 'stall' as const },
    { label: 'Wait for silence…', description: 'drop when nothing arrives for T seconds (idle timeout)', action: 'idle' as const },
    ...(current ? [{ label: 'Stop simulated drops', description: describePlan(current), action: 'off' as const }] : []),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Stream Debugger: Simulate Disconnects', placeHolder: current ? `In force: ${describePlan(current)}` : 'What to simulate' });
  if (!picked) return;
  const title = `Stream Debugger: ${picked.label.replace('…', '')}`;
  switch (picked.action) {
    case 'now': session.simulateDisconnect(); return;
    case 'mid': session.simulateDisconnect({ midEvent: true }); return;
    case 'off': session.setDisconnectPlan(undefined); return;
    case 'stall': {
      const s = await askNumber(title, 'Seconds to stop reading', '5', false);
      if (s !== undefined) session.stall(s * 1000);
      return;
    }
    case 'after': {
      const n = await askNumber(title, 'Drop each connection after this many events', '5', true);
      if (n !== undefined) setPlan(session, { ...current, afterEvents: n });
      return;
    }
    case 'every': {
      const s = await askNumber(title, 'Drop each connection this many seconds after it opens', '10', false);
      if (s !== undefined) setPlan(session, { ...current, everyMs: s * 1000 });
      return;
    }
    case 'idle': {
      const s = await askNumber(title, 'Drop when nothing arrives for this many seconds', '15', false);
      if (s !== undefined) setPlan(session, { ...current, idleMs: s * 1000 });
      return;
    }
  }
}

function setPlan(session: Session, plan: DisconnectPlan): void {
  try {
    session.setDisconnectPlan(plan);
    void vscode.window.showInformationMessage(`Stream Debugger: simulating ${describePlan(plan)}.`);
  } catch (err) {
    void vscode.window.showErrorMessage(`Stream Debugger: ${(err as Error).message}`);
  }
}

/** A plan in words, for the picker and messages. */
export function describePlan(plan: DisconnectPlan): string {
  const parts: string[] = [];
  if (plan.afterEvents !== undefined) parts.push(`a drop after every ${plan.afterEvents} event(s)`);
  if (plan.everyMs !== undefined) parts.push(`a drop ${plan.everyMs / 1000} s after each open`);
  if (plan.idleMs !== undefined) parts.push(`a drop after ${plan.idleMs / 1000} s of silence`);
  if (plan.midEvent) parts.push('cut mid-event');
  return parts.join(', ') || 'nothing';
}
