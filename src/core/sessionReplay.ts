import { Emitter } from './emitter';
import type { IDisposable } from './lifecycle';
import type { StreamRecord } from './records';
import { createReplay, type Replay, type ReplayOptions } from './replay';
import type { Session } from './session';

/** A replay playing into a session, with a signal for its controls. */
export interface SessionReplay extends Replay {
  /** Fires when the state, speed or position changes by a control (not on every record delivered). */
  readonly onDidChange: (listener: () => void) => IDisposable;
}

const replays = new WeakMap<Session, SessionReplay>();

/** The replay playing into `session`, if it shows one. */
export function replayOf(session: Session): SessionReplay | undefined {
  return replays.get(session);
}

/**
 * Plays `records` into a read-only `session` (what an inspector shows): each record is ingested when its time comes,
 * and a seek rebuilds the session with the records before the new position. The replay stops with the session.
 */
export function replayIntoSession(session: Session, records: readonly StreamRecord[], options: Omit<ReplayOptions, 'onRecord' | 'onSeek'> & { onSeek?(index: number): void }): SessionReplay {
  const changed = new Emitter<void>();
  const replay = createReplay(records, {
    ...options,
    onRecord: (record) => session.ingest(record),
    onSeek: (index) => {
      session.reset();
      for (let i = 0; i < index; i++) session.ingest(records[i]!);
      options.onSeek?.(index);
      changed.fire();
    },
    onStateChange: (state) => {
      options.onStateChange?.(state);
      changed.fire();
    },
  });
  const wrapped: SessionReplay = {
    get state() { return replay.state; },
    get position() { return replay.position; },
    get length() { return replay.length; },
    get speed() { return replay.speed; },
    get captureTime() { return replay.captureTime; },
    play: () => replay.play(),
    pause: () => replay.pause(),
    step: () => { replay.step(); changed.fire(); },
    seek: (index) => replay.seek(index),
    setSpeed: (speed) => { replay.setSpeed(speed); changed.fire(); },
    dispose: () => { replay.dispose(); changed.dispose(); replays.delete(session); },
    onDidChange: changed.event,
  };
  replays.set(session, wrapped);
  return wrapped;
}
