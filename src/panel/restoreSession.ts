import { redactUrl, withoutMaskedCredentials } from '../core/redact';
import { Session } from '../core/session';
import { readInspectorUiState } from '../shared/inspectorState';
import type { SessionInfo } from '../shared/protocol';

/**
 * Rebuilds what an inspector had from the state its webview saved: a session that has not started, holding the
 * saved tail and counters (Reconnect starts it with the saved Last-Event-ID), and the panel's description marked
 * read-only. Undefined when the state cannot be trusted or describes no session. No VS Code here, so it is tested.
 */
export function sessionFromSavedState(savedState: unknown, maxRecords: number): { session: Session; info: SessionInfo; restored: number } | undefined {
  const state = readInspectorUiState(savedState);
  if (!state?.session) return undefined;
  const saved = state.session;
  const recipe = saved.reconnect ?? {};
  const session = new Session({
    url: withoutMaskedCredentials(saved.url), // the saved URL is the shown one, its credentials masked
    method: saved.method,
    mode: saved.mode,
    ...(recipe.headers ? { headers: recipe.headers } : {}),
    ...(recipe.body !== undefined ? { body: recipe.body } : {}),
  }, { maxRecords, readOnly: saved.capture !== undefined }); // a capture has nothing to reconnect to
  const tail = [...(state.tail ?? [])].sort((a, b) => a.seq - b.seq);
  session.restore(tail, state.stats);
  // State saved before URLs were masked may hold a token: shown masked from now on.
  return { session, info: { ...saved, url: redactUrl(saved.url), readOnly: true }, restored: tail.length };
}
