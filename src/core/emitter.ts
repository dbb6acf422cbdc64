import type { IDisposable } from './lifecycle';

/** A typed event source without VS Code (`vscode.EventEmitter` is not available in plain Node). */
export class Emitter<T> implements IDisposable {
  private listeners = new Set<(value: T) => void>();

  /** Subscribes; dispose the result to unsubscribe. */
  readonly event = (listener: (value: T) => void): IDisposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  /** Calls every listener; one that throws does not stop the others. */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (err) {
        console.error('[stream-debugger] listener failed:', err);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
