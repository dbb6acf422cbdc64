import { Session } from '../../src/core/session';
import type { ConnectOptions } from '../../src/core/options';
import type { EventRecord, LifecycleRecord, StreamRecord } from '../../src/core/records';

/** A started session whose records are collected, with a way to wait for a condition on them. */
export interface RecordedSession {
  session: Session;
  records: StreamRecord[];
  until(predicate: (records: StreamRecord[]) => boolean, timeoutMs?: number): Promise<StreamRecord[]>;
}

/** Starts a {@link Session} on `options` and collects what it appends. */
export function startRecordedSession(options: ConnectOptions, config: { knownIds?: readonly string[] } = {}): RecordedSession {
  const session = new Session(options, { maxRecords: 100_000, ...config });
  const records: StreamRecord[] = [];
  const waiters = new Set<() => void>();
  session.onDidAppend((r) => {
    records.push(r);
    for (const w of [...waiters]) w();
  });
  session.start();
  return {
    session,
    records,
    until(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!predicate(records)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(records);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`condition not met in ${timeoutMs} ms; records:\n${records.map((r) => JSON.stringify(r).slice(0, 300)).join('\n')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** The `resume` records among `records`. */
export function resumesOf(records: StreamRecord[]): LifecycleRecord[] {
  return records.filter((r): r is LifecycleRecord => r.kind === 'resume');
}

/** The events among `records`. */
export function eventRecords(records: StreamRecord[]): EventRecord[] {
  return records.filter((r): r is EventRecord => r.kind === 'event');
}
