import type * as http from 'node:http';
import { createStreamServer, formatEvent, writeEventStreamHead, type RouteContext, type StreamServer } from '../../src/core/server/streamServer';

/** How a test server answers a reconnect's Last-Event-ID. */
export type ResumeBehaviour = 'exact' | 'ignores-header' | 'loses-events' | 'restarts-ids';

/** Data of event `n` of the stream (the same event always has the same data). */
export function eventData(n: number): string {
  return JSON.stringify({ n, text: `event number ${n}` });
}

/** The id of event `n`: its number, or with `?opaque` an id whose numbers do not follow each other. */
export function eventId(n: number, opaque: boolean): string {
  return opaque ? `k${(n * 7919) % 10007}` : String(n);
}

/**
 * Real SSE servers with numbered ids that drop every connection after `perConnection` events and answer the next
 * request's Last-Event-ID in one of four ways: resume exactly after it, ignore it (replay from event 1), resume but
 * skip two events, or restart ids at 1 for new events. `retry: 20` keeps reconnects fast.
 */
export async function startResumeServer(perConnection = 3, interval = 10): Promise<StreamServer & { connections: () => number }> {
  let connections = 0;
  const handler = (behaviour: ResumeBehaviour) => (req: http.IncomingMessage, res: http.ServerResponse, ctx: RouteContext): void => {
    connections++;
    const connection = connections;
    const opaque = ctx.url.searchParams.has('opaque');
    const header = String(req.headers['last-event-id'] ?? '');
    let sent = Number.parseInt(header, 10) || 0;
    if (opaque) for (let n = 1; n < 10_000; n++) if (eventId(n, true) === header) { sent = n; break; }
    let next: number;
    switch (behaviour) {
      case 'exact': next = sent + 1; break;
      case 'ignores-header': next = 1; break;
      case 'loses-events': next = sent === 0 ? 1 : sent + 3; break;
      case 'restarts-ids': next = 1; break;
    }
    writeEventStreamHead(res);
    res.write('retry: 20\n\n');
    let sentHere = 0;
    const timer = setInterval(() => {
      const n = next++;
      sentHere++;
      const data = behaviour === 'restarts-ids' ? JSON.stringify({ connection, n }) : eventData(n);
      const block = formatEvent({ id: eventId(n, opaque), data });
      if (sentHere >= perConnection) {
        clearInterval(timer);
        res.write(block, () => res.destroy());
      } else res.write(block);
    }, interval);
    ctx.onClose(() => clearInterval(timer));
  };
  const server = await createStreamServer({
    routes: {
      '/exact': handler('exact'),
      '/ignores-header': handler('ignores-header'),
      '/loses-events': handler('loses-events'),
      '/restarts-ids': handler('restarts-ids'),
    },
  });
  return Object.assign(server, { connections: () => connections });
}
