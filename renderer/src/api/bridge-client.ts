import type { DesktopBridge } from '../../../src/api/types';
import type { ApiClient, ClientEvent, ExportResult, NetworkAccess } from './transport';
import { ApiCallError } from './transport';

/** The desktop app's transport: the preload's invoke/subscribe over IPC. */
export function createBridgeClient(bridge: DesktopBridge): ApiClient {
  const call = async (method: string, input: unknown): Promise<unknown> => {
    try {
      return await bridge.invoke(method, input);
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      throw new ApiCallError(code ?? 'internal', message ?? String(error));
    }
  };
  return {
    onThisComputer: true,
    invoke: (method, input) => call(method, input) as never,
    subscribe: (listener) => bridge.subscribe((events) => listener(events as ClientEvent[])),
    // The main process shows the save dialog and writes the file; progress comes as events.
    exportCustomers: (request) =>
      call('desktop.exportCustomers', request) as Promise<ExportResult | null>,
    exportCustomerData: (id) =>
      call('desktop.exportCustomerData', { id }) as Promise<{ path: string } | null>,
    // The main process serves the avatar folder under this scheme (electron/avatar-protocol.ts).
    avatarUrl: (file) => `clientela-avatar://avatars/${encodeURIComponent(file)}`,
    networkAccess: () => call('desktop.networkAccess', {}) as Promise<NetworkAccess>,
    replaceHostToken: () => call('desktop.replaceHostToken', {}) as Promise<NetworkAccess>,
    chooseProgram: (title) => call('desktop.chooseProgram', { title }) as Promise<string | null>,
    chooseFolder: (title) => call('desktop.chooseFolder', { title }) as Promise<string | null>,
  };
}
