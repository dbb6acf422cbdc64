import type { StreamRecord } from '../../src/core/records';
import { isInspectorUiState, type InspectorUiState } from '../../src/shared/inspectorState';
import { vscodeApi } from './vscodeApi';

const SAVE_DELAY_MS = 400;

/**
 * The webview's saved state: read once at start, written (debounced) when something worth keeping changes. VS Code
 * keeps it across hide/show and reloads; the panel serializer reads the session and tail from it.
 */
export class PersistedState {
  private state: InspectorUiState;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const saved: unknown = vscodeApi.getState();
    this.state = isInspectorUiState(saved) ? saved : { version: 1 };
  }

  /** What was saved before this page loaded. */
  get current(): Readonly<InspectorUiState> {
    return this.state;
  }

  /**
   * Merges `patch` and saves within {@link SAVE_DELAY_MS}: at most one save per interval, and never postponed
   * indefinitely (a debounce would never save while a busy stream updates the stats 30 times a second).
   */
  update(patch: Partial<InspectorUiState>): void {
    this.state = { ...this.state, ...patch, version: 1 };
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      vscodeApi.setState(this.state);
    }, SAVE_DELAY_MS);
  }

  /** Saves the tail the host sent. */
  saveTail(records: StreamRecord[]): void {
    this.update({ tail: records });
  }
}
