import type { Session } from '../core/session';
import type { DisconnectPlan, SimulateAction } from '../shared/protocol';

/** What the inspector's simulation controls ask of the host. */
export type SimulationRequest = { type: 'simulate'; action: SimulateAction; ms?: number } | { type: 'simulation/setPlan'; plan: DisconnectPlan | null };

/** Default stall when the webview sends none. */
const DEFAULT_STALL_MS = 5000;

/**
 * Carries out a simulation request on the session. Returns the plan now in force (to show in the webview), or an
 * error message for the log when the request cannot apply (a capture, a closed connection, an invalid plan).
 */
export function applySimulationRequest(session: Session, msg: SimulationRequest): { plan: DisconnectPlan | null } | { error: string } {
  if (session.captureHeader) return { error: 'a capture has no connection to drop' };
  if (msg.type === 'simulation/setPlan') {
    try {
      session.setDisconnectPlan(msg.plan ?? undefined);
    } catch (err) {
      return { error: (err as Error).message };
    }
    return { plan: session.disconnectPlan ?? null };
  }
  if (session.state === 'closed') return { error: 'the connection is closed; Reconnect first' };
  switch (msg.action) {
    case 'drop': session.simulateDisconnect(); break;
    case 'dropMidEvent': session.simulateDisconnect({ midEvent: true }); break;
    case 'stall': session.stall(msg.ms ?? DEFAULT_STALL_MS); break;
  }
  return { plan: session.disconnectPlan ?? null };
}
