import { connect, type ConnectHandle } from '../../src/core/connect';
import type { ConnectOptions } from '../../src/core/options';
import type { StreamRecord } from '../../src/core/records';

/** A connection whose records are collected, with a way to wait for a condition on them. */
export interface Collected {
  records: StreamRecord[];
  handle: ConnectHandle;
  /** Resolves once `predicate(records)` holds; rejects after `timeoutMs` with what was seen. */
  until(predicate: (records: StreamRecord[]) => boolean, timeoutMs?: number): Promise<StreamRecord[]>;
}

/** Connects with `options` and collects every record. */
export function connectAndCollect(options: ConnectOptions): Collected {
  const records: StreamRecord[] = [];
  const waiters = new Set<() => void>();
  const handle = connect(options, {
    onRecord: (r) => {
      records.push(r);
      for (const w of [...waiters]) w();
    },
  });
  return {
    records,
    handle,
    until(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (predicate(records)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(records);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`condition not met in ${timeoutMs} ms; records:\n${records.map((r) => JSON.stringify(r)).join('\n')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

/** The event records among `records`. */
export function eventsOf(records: StreamRecord[]): Extract<StreamRecord, { kind: 'event' }>[] {
  return records.filter((r): r is Extract<StreamRecord, { kind: 'event' }> => r.kind === 'event');
}
