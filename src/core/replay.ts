import type { StreamRecord } from './records';

/** State of a {@link Replay}. */
export type ReplayState = 'playing' | 'paused' | 'ended';

/** Options of {@link createReplay}. */
export interface ReplayOptions {
  /** Playback rate: 1 is the original timing, 10 ten times faster. Default 1. */
  speed?: number;
  /** Longest pause between two records, in capture time (a capture with an hour of silence need not take an hour). */
  maxGapMs?: number;
  /** Start paused (step by step) instead of playing. */
  paused?: boolean;
  /** Each record, in order, when its time comes; `index` is its position in the capture. */
  onRecord(record: StreamRecord, index: number): void;
  /** After a seek: records before `index` count as delivered; the consumer shows `records.slice(0, index)`. */
  onSeek?(index: number): void;
  onStateChange?(state: ReplayState): void;
}

/** A capture played back. */
export interface Replay {
  readonly state: ReplayState;
  /** Index of the next record to deliver. */
  readonly position: number;
  readonly length: number;
  readonly speed: number;
  /**
   * Where the replay stands on the records' own clock (ms since the epoch, like `record.t`): the time of the last
   * record delivered plus the capture time played since, never past the next record. The first record's time before
   * any is delivered.
   */
  readonly captureTime: number;
  play(): void;
  pause(): void;
  /** Delivers the next record now and stays paused. */
  step(): void;
  /** Moves to `index` (0…length); records before it count as delivered. Keeps playing if it was. */
  seek(index: number): void;
  setSpeed(speed: number): void;
  /** Stops every timer. */
  dispose(): void;
}

/** Records delivered in one turn of the event loop at most, so a burst never blocks the host. */
const MAX_BURST = 2000;

/**
 * Plays `records` back with their original timing (scaled by `speed`), with pause, step and seek. Timing follows a
 * virtual clock in capture time, so a slow turn of the event loop delays records but never drifts the schedule.
 */
export function createReplay(records: readonly StreamRecord[], options: ReplayOptions): Replay {
  const times = replayTimes(records, options.maxGapMs);
  let speed = checkSpeed(options.speed ?? 1);
  let position = 0;
  let state: ReplayState = records.length === 0 ? 'ended' : 'paused';
  /** Virtual clock: capture-time ms since the first record, anchored to a wall-clock instant while playing. */
  let clockAt = 0;
  let wallAnchor = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const now = (): number => performance.now();
  const clock = (): number => (state === 'playing' ? clockAt + (now() - wallAnchor) * speed : clockAt);

  function setState(next: ReplayState): void {
    if (next === state) return;
    state = next;
    options.onStateChange?.(next);
  }

  function anchor(): void {
    clockAt = clock();
    wallAnchor = now();
  }

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (state !== 'playing' || disposed) return;
    let delivered = 0;
    const current = clock();
    while (position < records.length && times[position]! <= current && delivered < MAX_BURST) {
      options.onRecord(records[position]!, position);
      position++;
      delivered++;
      if (state !== 'playing' || disposed) return; // a listener paused or seeked
    }
    if (position >= records.length) {
      anchor();
      setState('ended');
      return;
    }
    const wait = delivered >= MAX_BURST ? 0 : Math.max(0, (times[position]! - current) / speed);
    timer = setTimeout(schedule, Math.min(wait, 2_147_483_647));
  }

  const replay: Replay = {
    get state() { return state; },
    get position() { return position; },
    get length() { return records.length; },
    get speed() { return speed; },
    get captureTime() {
      const first = records[0];
      if (!first) return 0;
      if (position === 0) return first.t;
      const last = records[position - 1]!;
      const next = records[position];
      // Past the last record the capture has no more time: an ended replay keeps the rate it ended at.
      if (!next) return last.t;
      const played = last.t + Math.max(0, clock() - times[position - 1]!);
      return Math.min(played, Math.max(last.t, next.t));
    },
    play() {
      if (disposed || position >= records.length) return;
      if (state === 'playing') return;
      clockAt = Math.max(clockAt, position > 0 ? times[position - 1]! : 0);
      wallAnchor = now();
      setState('playing');
      schedule();
    },
    pause() {
      if (state !== 'playing') return;
      anchor();
      if (timer) clearTimeout(timer);
      timer = undefined;
      setState('paused');
    },
    step() {
      if (disposed || position >= records.length) return;
      replay.pause();
      const index = position++;
      clockAt = times[index]!;
      options.onRecord(records[index]!, index);
      if (position >= records.length) setState('ended');
    },
    seek(index) {
      if (disposed) return;
      const target = Math.max(0, Math.min(records.length, Math.floor(index)));
      const wasPlaying = state === 'playing';
      if (timer) clearTimeout(timer);
      timer = undefined;
      position = target;
      clockAt = target < records.length ? times[target]! : times.at(-1) ?? 0;
      wallAnchor = now();
      options.onSeek?.(target);
      if (target >= records.length) setState('ended');
      else if (wasPlaying) { setState('playing'); schedule(); } else setState('paused');
    },
    setSpeed(next) {
      const checked = checkSpeed(next);
      anchor();
      speed = checked;
      schedule();
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
  if (!options.paused) replay.play();
  return replay;
}

function checkSpeed(speed: number): number {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`replay speed must be a positive number, not ${speed}`);
  return speed;
}

/**
 * Capture-time offsets of each record from the first, with long pauses cut to `maxGapMs` and clock steps backwards
 * (records of different attempts, a corrected system clock) counted as no wait.
 */
export function replayTimes(records: readonly StreamRecord[], maxGapMs = Infinity): Float64Array {
  const times = new Float64Array(records.length);
  for (let i = 1; i < records.length; i++) {
    const gap = Math.max(0, records[i]!.t - records[i - 1]!.t);
    times[i] = times[i - 1]! + Math.min(gap, maxGapMs);
  }
  return times;
}
