import type { StreamRecord } from './records';

/**
 * The records of a session, oldest dropped first past `capacity`. Positions are absolute (the n-th record ever
 * stored is at n), so a viewer can keep asking for "records from n" while old ones are dropped or cleared.
 */
export class RecordStore {
  private items: StreamRecord[] = [];
  private head = 0;
  private droppedCount = 0;
  /** Records removed from the front before `items[0]` (dropped, cleared, compacted). */
  private base = 0;

  constructor(private capacity: number) {}

  /** Adds a record, dropping the oldest when full. */
  push(record: StreamRecord): void {
    this.items.push(record);
    if (this.items.length - this.head > this.capacity) {
      this.head++;
      this.droppedCount++;
      // Compact now and then instead of shifting on every push.
      if (this.head >= 4096 && this.head * 2 >= this.items.length) {
        this.items = this.items.slice(this.head);
        this.base += this.head;
        this.head = 0;
      }
    }
  }

  /** How many records are retained. */
  get size(): number {
    return this.items.length - this.head;
  }

  /** How many records are kept at most (`streamDebugger.maxRecords`). */
  get maxSize(): number {
    return this.capacity;
  }

  /** How many records were dropped by the cap. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Absolute position of the oldest retained record. */
  get firstPosition(): number {
    return this.base + this.head;
  }

  /** Absolute position the next record will get (records ever stored). */
  get endPosition(): number {
    return this.base + this.items.length;
  }

  /** The record at absolute `position`, if still retained. */
  at(position: number): StreamRecord | undefined {
    return position < this.firstPosition ? undefined : this.items[position - this.base];
  }

  /**
   * Lets the event at `position` hold `data`, a string equal to its own data that another holder keeps anyway (the
   * filter index's joined text, of which it is a slice): V8 then keeps the characters once instead of twice. Nothing
   * changes unless the strings are equal.
   */
  shareEventData(position: number, data: string): void {
    const r = this.at(position);
    if (r?.kind === 'event' && r.data === data) r.data = data;
  }

  /** Up to `count` retained records from absolute `position` (clamped to what is retained). */
  slice(position: number, count: number): StreamRecord[] {
    const start = Math.max(position, this.firstPosition) - this.base;
    const end = Math.min(position + Math.max(0, count) - this.base, this.items.length);
    return start < end ? this.items.slice(start, end) : [];
  }

  /** Every retained record, oldest first. */
  all(): StreamRecord[] {
    return this.items.slice(this.head);
  }

  /** Drops every record (they count as cleared, not dropped). */
  clear(): void {
    this.base += this.items.length;
    this.items = [];
    this.head = 0;
  }

  /** Changes the capacity; extra old records are dropped. */
  setCapacity(capacity: number): void {
    this.capacity = capacity;
    while (this.size > capacity) {
      this.head++;
      this.droppedCount++;
    }
  }
}
