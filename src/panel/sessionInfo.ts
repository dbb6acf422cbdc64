import type { ConnectOptions } from '../core/options';
import { isSecretName, redactText } from '../core/redact';
import type { ReconnectRecipe, SessionInfo } from '../shared/protocol';

/** Largest body a revived panel keeps for Reconnect. */
const MAX_SAVED_BODY = 64 * 1024;

/**
 * What the inspector of a live connection is told about it. The webview shows it and saves it in its state, so the
 * URL is the masked one and the reconnect recipe holds no credential. No VS Code here, so it is tested.
 */
export function liveSessionInfo(options: ConnectOptions, title: string): SessionInfo {
  return {
    title,
    method: options.method ?? (options.body !== undefined ? 'POST' : 'GET'),
    url: redactText(options.url, options.secretValues ?? []),
    mode: options.mode ?? 'sse',
    readOnly: false,
    reconnect: reconnectRecipe(options),
  };
}

/** The request minus secrets, for the webview's saved state (see ReconnectRecipe). */
function reconnectRecipe(options: ConnectOptions): ReconnectRecipe {
  const recipe: ReconnectRecipe = {};
  const secrets = options.secretValues ?? [];
  const holdsSecret = (text: string): boolean => secrets.some((s) => s.length >= 4 && text.includes(s));
  if (options.headers) {
    recipe.headers = Object.fromEntries(Object.entries(options.headers).filter(([name, value]) => !isSecretName(name) && !holdsSecret(value)));
  }
  if (typeof options.body === 'string' && options.body.length <= MAX_SAVED_BODY && !holdsSecret(options.body)) recipe.body = options.body;
  return recipe;
}
