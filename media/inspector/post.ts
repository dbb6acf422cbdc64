import type { WebviewToHost } from '../../src/shared/protocol';
import { vscodeApi } from './vscodeApi';

/** Sends a typed message to the extension host. */
export type PostToHost = (message: WebviewToHost) => void;

/** The one way modules talk to the host. */
export const postToHost: PostToHost = (message) => vscodeApi.postMessage(message);
