import * as vscode from 'vscode';
import type { StreamRecord } from './core/records';
import { OUTPUT_CHANNEL_NAME } from './shared/ids';

/** The Output channel, where connection lifecycle is logged (never event data, never secrets). */
export class Logger implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });

  info(message: string): void { this.channel.info(message); }
  warn(message: string): void { this.channel.warn(message); }
  error(message: string): void { this.channel.error(message); }
  /** Reveals the Output channel (for "Show Log" buttons). */
  show(): void { this.channel.show(true); }

  /** Logs a lifecycle record of the connection titled `title` (headers in records are already redacted). */
  lifecycle(title: string, record: StreamRecord): void {
    switch (record.kind) {
      case 'event': case 'comment': case 'retry': return;
      case 'discarded': this.channel.warn(`[${title}] #${record.attempt} incomplete block discarded at end of stream`); return;
      case 'error': this.channel.error(`[${title}] #${record.attempt} ${record.message}`); return;
      default: this.channel.info(`[${title}] #${record.attempt} ${record.kind}: ${record.message}`);
    }
  }

  dispose(): void { this.channel.dispose(); }
}
