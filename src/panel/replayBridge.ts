import { toDisposable, type IDisposable } from '../core/lifecycle';
import type { Session } from '../core/session';
import { replayOf } from '../core/sessionReplay';
import type { HostToWebview, ReplayAction, ReplayStatus } from '../shared/protocol';

/** How often the position is sent while a replay plays. */
const PROGRESS_MS = 250;

/**
 * Connects a capture inspector's replay to its webview: sends `replay/status` on every change and a few times a
 * second while playing, and carries out the replay controls. Does nothing for a session without a replay.
 */
export class ReplayBridge implements IDisposable {
  private readonly subscriptions: IDisposable[] = [];
  private progress: NodeJS.Timeout | undefined;

  constructor(private readonly session: Session, private readonly post: (msg: HostToWebview) => void) {
    const replay = replayOf(session);
    if (!replay) return;
    this.subscriptions.push(replay.onDidChange(() => this.update()));
    this.subscriptions.push(toDisposable(() => { if (this.progress) clearInterval(this.progress); }));
  }

  /** The replay's status now, or undefined when the session has none. */
  status(): ReplayStatus | undefined {
    const replay = replayOf(this.session);
    return replay && { state: replay.state, position: replay.position, length: replay.length, speed: replay.speed };
  }

  /** Sends the status (after the webview said `ready`, and on changes). */
  update(): void {
    const status = this.status();
    if (!status) return;
    this.post({ type: 'replay/status', status });
    if (status.state === 'playing' && !this.progress) {
      this.progress = setInterval(() => {
        const now = this.status();
        if (now) this.post({ type: 'replay/status', status: now });
        if (now?.state !== 'playing' && this.progress) {
          clearInterval(this.progress);
          this.progress = undefined;
        }
      }, PROGRESS_MS);
    }
  }

  /** Carries out a control from the webview; returns an error message when there is no replay. */
  control(action: ReplayAction, value: number | undefined): string | undefined {
    const replay = replayOf(this.session);
    if (!replay) return 'this inspector shows no replay';
    switch (action) {
      case 'play': replay.play(); break;
      case 'pause': replay.pause(); break;
      case 'step': replay.step(); break;
      case 'seek': replay.seek(value ?? 0); break;
      case 'speed':
        if (value === undefined || !(value > 0)) return `replay speed must be a positive number, not ${value}`;
        replay.setSpeed(value);
        break;
    }
    return undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
