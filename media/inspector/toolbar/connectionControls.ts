import type { ConnectionState, SessionInfo } from '../../../src/shared/protocol';
import { button, el } from '../dom';
import { hostMessages } from '../events';
import type { Toolbar } from './toolbar';
import type { PostToHost } from '../post';

const STATE_LABELS: Record<ConnectionState, string> = { connecting: 'connecting', open: 'open', reconnecting: 'reconnecting', closed: 'closed' };

/** Connection state, method and URL, Disconnect and Reconnect. */
export function createConnectionControls(toolbar: Toolbar, post: PostToHost): void {
  const group = toolbar.addGroup('connection', 'Connection', 10, { grow: true });
  const state = el('span', 'state', 'connecting');
  state.id = 'connection-state';
  state.setAttribute('role', 'status');
  state.setAttribute('aria-label', 'Connection state: connecting');
  const method = el('span', 'method');
  const target = el('span', 'target');
  target.id = 'target';
  const disconnect = button('Disconnect', { id: 'disconnect', title: 'Close the connection for good (no reconnect)' });
  const reconnect = button('Reconnect', { id: 'reconnect', title: 'Open the connection again (the same request, its body included); Last-Event-ID continues' });
  group.append(state, method, target, disconnect, reconnect);

  disconnect.addEventListener('click', () => post({ type: 'control', action: 'stop' }));
  reconnect.addEventListener('click', () => post({ type: 'control', action: 'reconnect' }));

  const showState = (s: ConnectionState): void => {
    state.textContent = STATE_LABELS[s];
    state.dataset.state = s;
    state.setAttribute('aria-label', `Connection state: ${STATE_LABELS[s]}`);
    disconnect.disabled = s === 'closed';
    reconnect.disabled = s !== 'closed';
  };
  const showSession = (info: SessionInfo): void => {
    method.textContent = info.method;
    target.textContent = info.url;
    target.title = info.readOnly ? `${info.url} (restored after a reload; Reconnect to continue)` : info.url;
    group.classList.toggle('read-only', info.readOnly);
  };
  hostMessages.on((msg) => {
    if (msg.type === 'init') {
      showSession(msg.session);
      showState(msg.state);
    } else if (msg.type === 'state') showState(msg.state);
  });
}
