import type { StreamRecord } from './records';
import { createReplay, type Replay, type ReplayOptions } from './replay';
import type { Session } from './session';

/**
 * Plays `records` into a read-only `session` (what an inspector shows): each record is ingested when its time comes,
 * and a seek rebuilds the session with the records before the new position.
 */
export function replayIntoSession(session: Session, records: readonly StreamRecord[], options: Omit<ReplayOptions, 'onRecord' | 'onSeek'> & { onSeek?(index: number): void }): Replay {
  return createReplay(records, {
    ...options,
    onRecord: (record) => session.ingest(record),
    onSeek: (index) => {
      session.reset();
      for (let i = 0; i < index; i++) session.ingest(records[i]!);
      options.onSeek?.(index);
    },
  });
}
