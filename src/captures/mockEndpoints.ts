import type * as vscode from 'vscode';
import type { LoadedCapture } from '../core/captureReader';
import { serveCapture, type CaptureEndpoint, type CaptureEndpointOptions } from '../core/server/captureEndpoint';

/** A mock endpoint started from VS Code, with the file it serves. */
export interface RunningMock {
  endpoint: CaptureEndpoint;
  file: string;
}

/** The mock endpoints running in the extension host; all closed when the extension deactivates. */
export class MockEndpoints implements vscode.Disposable {
  private readonly running = new Set<RunningMock>();

  /** Starts serving `capture` on 127.0.0.1. */
  async start(capture: LoadedCapture, file: string, options: CaptureEndpointOptions & { port?: number }): Promise<RunningMock> {
    const mock = { endpoint: await serveCapture(capture, options), file };
    this.running.add(mock);
    return mock;
  }

  /** The endpoints still running. */
  list(): RunningMock[] {
    return [...this.running];
  }

  /** Stops one endpoint. */
  async stop(mock: RunningMock): Promise<void> {
    if (!this.running.delete(mock)) return;
    await mock.endpoint.close();
  }

  dispose(): void {
    for (const mock of [...this.running]) void this.stop(mock);
  }
}
