import type { IDisposable } from './lifecycle';

/** A typed event source without VS Code (`vscode.EventEmitter` is not available in plain Node). */
export class Emitter<T> implements IDisposable {
  private listeners = new Set<(value: T) => void>();
  /** The listeners as an array, rebuilt only when they change: `fire` runs once per record, subscribing is rare. */
  private snapshot: readonly ((value: T) => void)[] | undefined;

  /** Subscribes; dispose the result to unsubscribe. */
  readonly event = (listener: (value: T) => void): IDisposable => {
    this.listeners.add(listener);
    this.snapshot = undefined;
    return {
      dispose: () => {
        if (this.listeners.delete(listener)) this.snapshot = undefined;
      },
    };
  };

  /** Calls every listener subscribed when it starts; one that throws does not stop the others. */
  fire(value: T): void {
    const listeners = (this.snapshot ??= [...this.listeners]);
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (err) {
        console.error('[stream-debugger] listener failed:', err);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
    this.snapshot = undefined;
  }
}
