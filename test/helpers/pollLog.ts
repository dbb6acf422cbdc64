import type * as http from 'node:http';
import type { RouteContext } from '../../src/core/server/streamServer';

/** One event of a test log. */
export interface LogEvent {
  id: number;
  type: string;
  text: string;
}

/** What a test endpoint saw of one poll. */
export interface SeenRequest {
  at: number;
  url: URL;
  headers: http.IncomingHttpHeaders;
}

/**
 * A growing event log that long-poll test endpoints read from: events after a position, and a way to hold a request
 * until something new is appended (or the hold ends). Endpoints decide the wire shape themselves.
 */
export class PollLog {
  readonly events: LogEvent[] = [];
  readonly requests: SeenRequest[] = [];
  private readonly waiters = new Set<() => void>();

  /** Appends events `type` with the next ids and wakes held requests. */
  append(count: number, type = 'update'): void {
    for (let i = 0; i < count; i++) {
      const id = this.events.length + 1;
      this.events.push({ id, type, text: `event ${id}` });
    }
    for (const wake of [...this.waiters]) wake();
  }

  /** Events with an id above `after`. */
  after(after: number): LogEvent[] {
    return this.events.filter((e) => e.id > after);
  }

  /** Notes a request (for assertions on what the client sent). */
  see(req: http.IncomingMessage, ctx: RouteContext): void {
    this.requests.push({ at: Date.now(), url: ctx.url, headers: req.headers });
  }

  /**
   * Answers with `respond(fresh)` as soon as there are events after `after`, or with `respond([])` after `holdMs`.
   */
  hold(ctx: RouteContext, after: number, holdMs: number, respond: (fresh: LogEvent[]) => void): void {
    const fresh = this.after(after);
    if (fresh.length > 0) {
      respond(fresh);
      return;
    }
    const finish = (): void => {
      clearTimeout(timer);
      this.waiters.delete(wake);
    };
    const wake = (): void => {
      const now = this.after(after);
      if (now.length === 0) return;
      finish();
      respond(now);
    };
    const timer = setTimeout(() => { finish(); respond([]); }, holdMs);
    this.waiters.add(wake);
    ctx.onClose(finish);
  }
}

/** Writes a complete answer. */
export function answer(res: http.ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'Content-Type': contentType, ...headers });
  res.end(body);
}

/** The integer query parameter `name`, or `fallback`. */
export function intParam(url: URL, name: string, fallback = 0): number {
  const n = Number.parseInt(url.searchParams.get(name) ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
}
