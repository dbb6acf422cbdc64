import type * as http from 'node:http';

/** What ended a response early, as {@link watchResponseCut} tells it. */
export interface ResponseCut {
  /** `server-closed`: the connection ended without an error (the server closed it); `network`: a socket error. */
  cause: 'server-closed' | 'network';
  /** The socket error's code (`ECONNRESET`, `ETIMEDOUT`…), when there is one. */
  code?: string;
  /** The socket error's own message, on `network`. */
  error?: string;
}

/**
 * Watches a response for the socket error that may come before it is cut short. Node reports any early end of a
 * response the same way (an `aborted` error, code ECONNRESET, whether the server closed the connection or it was
 * reset), so the socket's own error is what tells a network error from the server simply closing the connection.
 * Call `cut(err)` when the response ended before it was complete, with its `error` event's error if any.
 */
export function watchResponseCut(res: http.IncomingMessage): { cut(err?: NodeJS.ErrnoException): ResponseCut } {
  let socketError: NodeJS.ErrnoException | undefined;
  const socket = res.socket;
  const onSocketError = (err: NodeJS.ErrnoException): void => { socketError ??= err; };
  socket?.on('error', onSocketError);
  // A kept-alive socket serves later requests too (the next long poll): it must not collect a listener per response.
  const unwatch = (): void => { socket?.removeListener('error', onSocketError); };
  res.once('end', unwatch);
  res.once('close', unwatch);
  return {
    cut(err) {
      const network = socketError ?? (err && err.message !== 'aborted' ? err : undefined);
      if (!network) return { cause: 'server-closed' };
      return { cause: 'network', ...(network.code ? { code: network.code } : {}), error: network.message };
    },
  };
}

/**
 * Words a response cut short for a lifecycle record: `the server closed the connection after N bytes, <at>,
 * <unfinished>`, or `network error after N bytes, <at>: CODE: message` (`before any of the body` for 0 bytes, without
 * `at`). `bytes` are those received on the wire; `at` says where in the stream (for SSE: in the middle of an event, or between events); `unfinished` what was left
 * undone when the server closed it (`without ending the response`, `before the answer was complete`).
 */
export function describeResponseCut(cut: ResponseCut, bytes: number, unfinished: string, at?: string): string {
  const after = bytes === 0 ? 'before any of the body' : `after ${bytes} byte${bytes === 1 ? '' : 's'}`;
  const where = at && bytes > 0 ? `, ${at}` : '';
  if (cut.cause === 'server-closed') return `the server closed the connection ${after}${where}, ${unfinished}`;
  return `network error ${after}${where}: ${cut.code ? `${cut.code}: ` : ''}${cut.error ?? 'the connection failed'}`;
}
