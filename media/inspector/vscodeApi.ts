import type { WebviewToHost } from '../../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The one handle to the host; acquireVsCodeApi may be called only once per page. */
export const vscodeApi: VsCodeApi = acquireVsCodeApi();
