import type { HostToWebview } from '../../src/shared/protocol';

/** A tiny typed event source for the webview (no Node, no VS Code here). */
export class Signal<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Subscribes; call the result to unsubscribe. */
  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
}

/**
 * Every message from the host, after main.ts has handled it. Toolbar groups and other add-ons listen here instead of
 * growing main.ts's switch (issue 6's disconnect simulation does the same).
 */
export const hostMessages = new Signal<HostToWebview>();
