import { button, el } from '../dom';
import type { FollowMode, TimeMode } from '../recordList';
import type { Toolbar } from './toolbar';

/** What the view controls act on. */
export interface ViewTarget {
  setPaused(paused: boolean): void;
  followTail(): void;
  readonly mode: FollowMode;
  setTimeMode(mode: TimeMode): void;
  /** Clear: the host drops the records kept so far. */
  clear(): void;
}

/** Pause/Follow, the time column's mode, and Clear. Returns an updater for the list's follow mode. */
export function createViewControls(toolbar: Toolbar, target: ViewTarget, initialTime: TimeMode): { showMode(mode: FollowMode): void; readonly timeMode: TimeMode } {
  const group = toolbar.addGroup('view', 'View', 20);
  const pause = button('Pause', { id: 'pause-follow' });
  let timeMode = initialTime;
  const time = button('', { id: 'time-mode' });
  const clear = button('Clear', { id: 'clear', title: 'Remove the records kept so far (counters stay)' });
  const modeNote = el('span', 'visually-hidden');
  modeNote.setAttribute('aria-live', 'polite');
  group.append(pause, time, clear, modeNote);

  const showTime = (): void => {
    time.textContent = timeMode === 'clock' ? 'Time: clock' : 'Time: relative';
    time.title = timeMode === 'clock' ? 'Show time since the session started' : 'Show wall-clock time';
    time.setAttribute('aria-pressed', String(timeMode === 'relative'));
  };
  const showMode = (mode: FollowMode): void => {
    pause.textContent = mode === 'following' ? 'Pause' : 'Follow';
    pause.dataset.mode = mode;
    pause.title = mode === 'following' ? 'Freeze the list (recording goes on)' : 'Jump to the newest record and follow the stream';
    modeNote.textContent = mode === 'paused' ? 'List paused' : mode === 'following' ? 'Following the newest records' : '';
  };
  pause.addEventListener('click', () => {
    if (target.mode === 'following') target.setPaused(true);
    else target.followTail();
  });
  time.addEventListener('click', () => {
    timeMode = timeMode === 'clock' ? 'relative' : 'clock';
    showTime();
    target.setTimeMode(timeMode);
  });
  clear.addEventListener('click', () => target.clear());
  showTime();
  showMode(target.mode);
  return { showMode, get timeMode() { return timeMode; } };
}
