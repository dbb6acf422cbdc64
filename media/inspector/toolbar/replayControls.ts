import type { ReplayStatus } from '../../../src/shared/protocol';
import { button, el } from '../dom';
import { hostMessages } from '../events';
import type { PostToHost } from '../post';
import type { Toolbar } from './toolbar';

const SPEEDS = [0.5, 1, 2, 5, 10, 100];

/**
 * Issue 6's replay group, shown only in an inspector that plays a capture back: play/pause, step, speed, and a seek
 * slider over the capture's records. The host owns the replay; this only sends controls and shows its status.
 */
export function createReplayControls(toolbar: Toolbar, post: PostToHost): void {
  const group = toolbar.addGroup('replay', 'Replay', 40);
  group.hidden = true;
  const toggle = button('Play', { id: 'replay-toggle' });
  const step = button('Step', { id: 'replay-step', title: 'Deliver the next record and stay paused' });
  const speed = el('select', 'select');
  speed.id = 'replay-speed';
  speed.setAttribute('aria-label', 'Replay speed');
  for (const s of SPEEDS) {
    const option = el('option', undefined, `×${s}`);
    option.value = String(s);
    speed.append(option);
  }
  const seek = el('input', 'seek');
  seek.type = 'range';
  seek.id = 'replay-seek';
  seek.min = '0';
  seek.setAttribute('aria-label', 'Replay position (records)');
  const where = el('span', 'replay-position');
  where.id = 'replay-position';
  group.append(toggle, step, speed, seek, where);

  let status: ReplayStatus | undefined;
  let dragging = false;
  const show = (s: ReplayStatus): void => {
    status = s;
    group.hidden = false;
    toggle.textContent = s.state === 'playing' ? 'Pause' : 'Play';
    toggle.dataset.state = s.state;
    toggle.disabled = s.state === 'ended' && s.position >= s.length;
    step.disabled = s.position >= s.length;
    seek.max = String(s.length);
    if (!dragging) seek.value = String(s.position);
    where.textContent = `${s.position} / ${s.length} · ${s.state}`;
    if (![...speed.options].some((o) => Number(o.value) === s.speed)) {
      const option = el('option', undefined, `×${s.speed}`);
      option.value = String(s.speed);
      speed.append(option);
    }
    speed.value = String(s.speed);
  };
  toggle.addEventListener('click', () => post({ type: 'replay/control', action: status?.state === 'playing' ? 'pause' : 'play' }));
  step.addEventListener('click', () => post({ type: 'replay/control', action: 'step' }));
  speed.addEventListener('change', () => post({ type: 'replay/control', action: 'speed', value: Number(speed.value) }));
  seek.addEventListener('input', () => { dragging = true; where.textContent = `${seek.value} / ${status?.length ?? 0}`; });
  seek.addEventListener('change', () => {
    dragging = false;
    post({ type: 'replay/control', action: 'seek', value: Number(seek.value) });
  });
  hostMessages.on((msg) => { if (msg.type === 'replay/status') show(msg.status); });
}
