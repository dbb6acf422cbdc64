import type { StreamRecord } from '../records';

/** When simulated drops happen. Several can be combined; each drop is a lifecycle record with `simulated: true`. */
export interface DisconnectPlan {
  /** Drop each connection once it has dispatched this many events. */
  afterEvents?: number;
  /** Drop each connection this many milliseconds after it opened. */
  everyMs?: number;
  /**
   * Cut in the middle of an event (after part of its bytes arrived) instead of between events. Alone it means: after
   * one event, cut the next one.
   */
  midEvent?: boolean;
  /** Drop when nothing at all has arrived for this many milliseconds (the idle timeout a client would apply). */
  idleMs?: number;
  /** Only the first drop (default: every connection). */
  once?: boolean;
}

/** What a schedule acts on: the controls of a connection (see `ConnectHandle`). */
export interface DisconnectTarget {
  disconnect(how: { simulated: true; message: string; midEvent?: boolean }): void;
}

/** A running schedule; feed it the connection's records in order. */
export interface DisconnectSchedule {
  /** Observes one record of the connection. */
  observe(record: StreamRecord): void;
  /** Simulated drops so far. */
  readonly drops: number;
  /** Stops every timer; no further drop happens. */
  dispose(): void;
}

/** Checks a plan; returns a message saying what is wrong, or undefined. */
export function validateDisconnectPlan(plan: DisconnectPlan): string | undefined {
  if (plan.afterEvents !== undefined && (!Number.isInteger(plan.afterEvents) || plan.afterEvents < 1)) return `drop after N events needs a whole number ≥ 1, not ${plan.afterEvents}`;
  for (const [name, value] of [['every', plan.everyMs], ['idle timeout', plan.idleMs]] as const) {
    if (value !== undefined && (!Number.isFinite(value) || value <= 0)) return `${name} needs a positive number of seconds, not ${value}`;
  }
  return undefined;
}

/**
 * Creates a schedule of simulated drops for one connection (all its attempts): after N events, T ms after each open,
 * mid-event, and on silence. Timers run only while a connection is open, so a drop never lands on a reconnect delay.
 */
export function createDisconnectSchedule(target: DisconnectTarget, plan: DisconnectPlan): DisconnectSchedule {
  const problem = validateDisconnectPlan(plan);
  if (problem) throw new RangeError(problem);
  const afterEvents = plan.afterEvents ?? (plan.midEvent && plan.everyMs === undefined && plan.idleMs === undefined ? 1 : undefined);
  let drops = 0;
  let disposed = false;
  let open = false;
  let eventsThisConnection = 0;
  let armed = false; // a drop was asked for on this connection; wait for it before asking again
  let everyTimer: ReturnType<typeof setTimeout> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const clearTimers = (): void => {
    if (everyTimer) clearTimeout(everyTimer);
    if (idleTimer) clearTimeout(idleTimer);
    everyTimer = idleTimer = undefined;
  };

  function drop(message: string, midEvent: boolean): void {
    if (disposed || armed || !open || (plan.once && drops > 0)) return;
    armed = true;
    drops++;
    clearTimers();
    target.disconnect({ simulated: true, message, ...(midEvent ? { midEvent: true } : {}) });
  }

  function restartIdleTimer(): void {
    if (plan.idleMs === undefined || !open || armed) return;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => drop(`simulated idle timeout: nothing arrived for ${plan.idleMs} ms`, false), plan.idleMs);
  }

  return {
    observe(record) {
      if (disposed) return;
      switch (record.kind) {
        case 'open':
          open = true;
          armed = false;
          eventsThisConnection = 0;
          clearTimers();
          if (plan.everyMs !== undefined) {
            everyTimer = setTimeout(() => drop(`simulated disconnect ${plan.everyMs} ms after the connection opened`, plan.midEvent ?? false), plan.everyMs);
          }
          restartIdleTimer();
          return;
        case 'event':
          eventsThisConnection++;
          restartIdleTimer();
          if (afterEvents !== undefined && eventsThisConnection === afterEvents) {
            drop(plan.midEvent ? `simulated disconnect in the middle of the event after event ${afterEvents}` : `simulated disconnect after ${afterEvents} event(s)`, plan.midEvent ?? false);
          }
          return;
        case 'error':
        case 'closed':
        case 'reconnect':
          open = false;
          clearTimers();
          return;
        default:
          restartIdleTimer();
      }
    },
    get drops() {
      return drops;
    },
    dispose() {
      disposed = true;
      clearTimers();
    },
  };
}
