/** Something that holds resources and releases them once. */
export interface IDisposable {
  dispose(): void;
}

/** A set of disposables released together, last in first out. */
export class DisposableStore implements IDisposable {
  private readonly items = new Set<IDisposable>();
  private disposed = false;

  /** Tracks `d`; if this store is already disposed, disposes `d` at once. */
  add<T extends IDisposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.items.add(d);
    return d;
  }

  /** Releases everything added so far. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of [...this.items].reverse()) d.dispose();
    this.items.clear();
  }
}

/** Wraps a function as a disposable. */
export function toDisposable(fn: () => void): IDisposable {
  let done = false;
  return { dispose: () => { if (!done) { done = true; fn(); } } };
}
