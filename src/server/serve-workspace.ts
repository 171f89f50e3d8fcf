import type { Workspace } from '../workspace/workspace';
import { createHostServer, type HostServer, type HostServerOptions } from './host-server';

/**
 * Host mode over a workspace: the owner's database, and the demo while it is open. The address
 * and token stay the same across a switch; the pages reconnect to the database now in use.
 */
export async function serveWorkspace(
  workspace: Workspace,
  options: Omit<HostServerOptions, 'channels' | 'handlers'>,
): Promise<HostServer> {
  const server = await createHostServer(workspace.core, {
    ...options,
    channels: workspace.channels,
    handlers: workspace.handlers,
  });
  const follow = workspace.onSwitch(() => server.switchTo(workspace.core, workspace.handlers));
  // Not a spread: the address and token are read at each use, as a rotation changes them.
  return {
    get url() {
      return server.url;
    },
    get token() {
      return server.token;
    },
    port: server.port,
    switchTo: (core, handlers) => server.switchTo(core, handlers),
    replaceToken: (token) => server.replaceToken(token),
    close() {
      follow();
      return server.close();
    },
  };
}
