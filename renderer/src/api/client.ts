/**
 * The client the pages use: Electron's bridge (IPC) when the preload put it on `window`, HTTP and
 * a WebSocket to host mode otherwise.
 */
import { createBridgeClient } from './bridge-client';
import { createHttpClient } from './http-client';
import type { ApiClient } from './transport';

export { ApiCallError, type ClientEvent, type ExportResult, type NetworkAccess } from './transport';

export const api: ApiClient = window.clientela
  ? createBridgeClient(window.clientela)
  : createHttpClient(window.location);
