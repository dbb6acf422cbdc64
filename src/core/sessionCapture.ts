import { createCaptureHeader, serializeCapture } from './capture';
import type { Session } from './session';

/**
 * The capture text of a session: a header (the one it was loaded from, or one built from its options with secrets
 * redacted) and every record it still holds, as they are.
 */
export function sessionCaptureText(session: Session): string {
  const o = session.options;
  const header = session.captureHeader ?? createCaptureHeader({
    mode: o.mode ?? 'sse',
    url: o.url,
    method: o.method ?? (o.body !== undefined ? 'POST' : 'GET'),
    headers: o.headers ?? {},
    startedAt: session.getStats().startedAt,
    secretValues: o.secretValues ?? [],
  });
  return serializeCapture(header, session.store.all());
}
