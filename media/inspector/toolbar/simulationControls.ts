import type { ConnectionState, DisconnectPlan, SessionInfo } from '../../../src/shared/protocol';
import { button, el } from '../dom';
import { hostMessages } from '../events';
import type { PostToHost } from '../post';
import type { Toolbar } from './toolbar';

/** Kinds of schedule the select offers; the number input gives N events or T seconds. */
type ScheduleKind = 'afterEvents' | 'everyMs' | 'idleMs' | 'stall';

const SCHEDULES: ReadonlyArray<{ kind: ScheduleKind; label: string; unit: string; initial: number }> = [
  { kind: 'afterEvents', label: 'Drop after N events', unit: 'events', initial: 5 },
  { kind: 'everyMs', label: 'Drop every T s', unit: 's', initial: 10 },
  { kind: 'idleMs', label: 'Drop on T s of silence', unit: 's', initial: 15 },
  { kind: 'stall', label: 'Stall for T s', unit: 's', initial: 5 },
];

/** The plan in words for the status line. */
export function describePlan(plan: DisconnectPlan | null): string {
  if (!plan) return 'no scheduled drops';
  const parts: string[] = [];
  if (plan.afterEvents !== undefined) parts.push(`drop after ${plan.afterEvents} event(s)`);
  if (plan.everyMs !== undefined) parts.push(`drop every ${plan.everyMs / 1000} s`);
  if (plan.idleMs !== undefined) parts.push(`drop on ${plan.idleMs / 1000} s of silence`);
  if (plan.midEvent) parts.push('mid-event');
  return parts.join(', ') || 'no scheduled drops';
}

/**
 * Issue 6's toolbar group: drop now, drop mid-event, and a schedule (after N events, every T s, on silence) or a
 * stall, applied with Apply and stopped with Stop. Every drop is a `simulated: true` lifecycle record, and the
 * reconnect gets a resume verdict row. Hidden for captures (nothing to drop).
 */
export function createSimulationControls(toolbar: Toolbar, post: PostToHost): void {
  const group = toolbar.addGroup('simulation', 'Simulate disconnects', 30);
  const drop = button('Drop', { id: 'sim-drop', title: 'Simulated disconnect now; it reconnects with Last-Event-ID' });
  const dropMid = button('Drop mid-event', { id: 'sim-drop-mid', title: 'Cut the socket after part of the next event arrived (never dispatched)' });
  const kind = el('select', 'select');
  kind.id = 'sim-kind';
  kind.setAttribute('aria-label', 'Simulated fault');
  for (const s of SCHEDULES) {
    const option = el('option', undefined, s.label);
    option.value = s.kind;
    kind.append(option);
  }
  const amount = el('input', 'input number');
  amount.id = 'sim-value';
  amount.type = 'number';
  amount.min = '1';
  amount.step = 'any';
  amount.value = String(SCHEDULES[0]!.initial);
  amount.setAttribute('aria-label', 'events');
  const midEvent = el('input');
  midEvent.type = 'checkbox';
  midEvent.id = 'sim-mid';
  const midLabel = el('label', 'check', ' mid-event');
  midLabel.prepend(midEvent);
  midLabel.title = 'Scheduled drops cut inside an event';
  const apply = button('Apply', { id: 'sim-apply' });
  const stop = button('Stop', { id: 'sim-stop', title: 'Stop the scheduled drops' });
  const status = el('span', 'sim-status');
  status.id = 'sim-status';
  status.setAttribute('aria-live', 'polite');
  group.append(drop, dropMid, kind, amount, midLabel, apply, stop, status);

  let plan: DisconnectPlan | null = null;
  const selected = (): (typeof SCHEDULES)[number] => SCHEDULES.find((s) => s.kind === kind.value) ?? SCHEDULES[0]!;
  const showPlan = (next: DisconnectPlan | null): void => {
    plan = next;
    status.textContent = describePlan(plan);
    stop.disabled = plan === null;
  };
  const value = (): number | undefined => {
    const n = Number(amount.value);
    const ok = Number.isFinite(n) && n > 0 && (selected().kind !== 'afterEvents' || Number.isInteger(n));
    amount.setAttribute('aria-invalid', String(!ok));
    return ok ? n : undefined;
  };

  kind.addEventListener('change', () => {
    const s = selected();
    amount.value = String(s.initial);
    amount.setAttribute('aria-label', s.unit);
    amount.step = s.kind === 'afterEvents' ? '1' : 'any';
    midLabel.hidden = s.kind === 'stall';
    apply.textContent = s.kind === 'stall' ? 'Stall' : 'Apply';
  });
  drop.addEventListener('click', () => post({ type: 'simulate', action: 'drop' }));
  dropMid.addEventListener('click', () => post({ type: 'simulate', action: 'dropMidEvent' }));
  apply.addEventListener('click', () => {
    const n = value();
    if (n === undefined) {
      status.textContent = selected().kind === 'afterEvents' ? 'enter a whole number of events ≥ 1' : 'enter a positive number of seconds';
      return;
    }
    const s = selected();
    if (s.kind === 'stall') {
      post({ type: 'simulate', action: 'stall', ms: Math.round(n * 1000) });
      return;
    }
    const next: DisconnectPlan = { ...(plan ?? {}), [s.kind]: s.kind === 'afterEvents' ? n : Math.round(n * 1000) };
    if (midEvent.checked) next.midEvent = true;
    else delete next.midEvent;
    post({ type: 'simulation/setPlan', plan: next });
  });
  stop.addEventListener('click', () => post({ type: 'simulation/setPlan', plan: null }));

  const showConnection = (info: SessionInfo | undefined, state: ConnectionState | undefined): void => {
    if (info) group.hidden = info.capture !== undefined;
    if (state) for (const b of [drop, dropMid]) b.disabled = state === 'closed';
  };
  hostMessages.on((msg) => {
    if (msg.type === 'init') showConnection(msg.session, msg.state);
    else if (msg.type === 'state') showConnection(undefined, msg.state);
    else if (msg.type === 'simulation/plan') showPlan(msg.plan);
  });
  showPlan(null);
}
