import type { StreamRecord } from '../../src/core/records';
import { readInspectorUiState, type InspectorUiState } from '../../src/shared/inspectorState';
import { vscodeApi } from './vscodeApi';

/** Longest a counter update waits to be saved: they come up to 30 times a second, and only a reload reads them. */
const COUNTERS_SAVE_MS = 400;

/**
 * The webview's saved state: read once at start, written when something worth keeping changes. VS Code keeps it
 * across hide/show and reloads; the panel serializer reads the session and tail from it. What the user chose (the
 * filter, the time mode, the open record) is saved at once: a panel hidden right after would lose a delayed save,
 * since its timer dies with the page. Only the counters, which change with every update, are saved on a timer.
 */
export class PersistedState {
  private state: InspectorUiState;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.state = readInspectorUiState(vscodeApi.getState()) ?? { version: 1 };
  }

  /** What was saved before this page loaded. */
  get current(): Readonly<InspectorUiState> {
    return this.state;
  }

  /** Merges `patch` and saves now (setState is cheap; this is for what changes at the user's pace). */
  update(patch: Partial<InspectorUiState>): void {
    this.state = { ...this.state, ...patch, version: 1 };
    clearTimeout(this.timer);
    this.timer = undefined;
    vscodeApi.setState(this.state);
  }

  /**
   * Merges `patch` and saves within {@link COUNTERS_SAVE_MS}: at most one save per interval, and never postponed
   * indefinitely (a debounce would never save while a busy stream updates the stats 30 times a second).
   */
  updateSoon(patch: Partial<InspectorUiState>): void {
    this.state = { ...this.state, ...patch, version: 1 };
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      vscodeApi.setState(this.state);
    }, COUNTERS_SAVE_MS);
  }

  /** Saves the tail the host sent (every 2 s at most, while events arrive). */
  saveTail(records: StreamRecord[]): void {
    this.update({ tail: records });
  }
}
