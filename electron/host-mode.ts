import type { HandlerTables } from '../src/handlers';
import type { NetworkAccess } from '../src/api/types';
import type { ChannelService } from '../src/channels/service';
import type { SecretStore } from '../src/channels/secrets';
import type { Core } from '../src/core';
import { createHostServer, DEFAULT_HOST_PORT, type HostServer } from '../src/server/host-server';
import { hostToken, replaceHostToken } from '../src/server/host-token';
import type { Logger } from './logger';

/**
 * The Settings switch "network access": host mode inside the app, on every interface, so other
 * agents on the office network open the same inbox in a browser. Off, nothing listens.
 */
export function createHostMode(
  core: Core,
  options: {
    channels: ChannelService;
    secrets: SecretStore;
    staticDir: string;
    log: Pick<Logger, 'info' | 'error'>;
    port?: number;
    /** The workspace's handler tables (with the demo switch); built over `core` when absent. */
    handlers?: HandlerTables;
  },
) {
  let handlers = options.handlers;
  const port = options.port ?? DEFAULT_HOST_PORT;
  let server: HostServer | null = null;
  let error: string | null = null;
  // One change at a time: flipping the switch twice quickly must not start two servers.
  let queue: Promise<unknown> = Promise.resolve();

  async function apply(): Promise<NetworkAccess> {
    const wanted = core.settings.get().networkAccess;
    if (wanted && !server) {
      try {
        server = await createHostServer(core, {
          port,
          host: '0.0.0.0',
          token: await hostToken(options.secrets),
          staticDir: options.staticDir,
          channels: options.channels,
          handlers,
          log: (message, cause) => options.log.error(`host mode: ${message}`, cause),
        });
        error = null;
        options.log.info(`host mode listening on port ${server.port}`);
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        error =
          code === 'EADDRINUSE'
            ? `Port ${port} is in use by another program`
            : `Could not start: ${cause instanceof Error ? cause.message : String(cause)}`;
        options.log.error('host mode did not start', cause);
      }
    } else if (!wanted && server) {
      await server.close();
      server = null;
      options.log.info('host mode stopped');
    }
    if (!wanted) error = null;
    return { url: server?.url ?? null, error };
  }

  /**
   * A new token in the store and, at once, in the running server: the old address and every
   * agent's session made from it stop working, their pages' live sockets are closed.
   */
  async function replaceToken(): Promise<NetworkAccess> {
    const token = await replaceHostToken(options.secrets);
    server?.replaceToken(token);
    options.log.info('host mode: access token replaced');
    return { url: server?.url ?? null, error };
  }

  /** One change at a time, in the order asked. */
  function queued(change: () => Promise<NetworkAccess>): Promise<NetworkAccess> {
    const next = queue.then(change, change);
    queue = next;
    return next;
  }

  return {
    /** Brings the server in line with the setting; says where it is reached, or why not. */
    sync: () => queued(apply),
    /** Replaces the access token (Settings, "Replace the access code"); says the new address. */
    replaceToken: () => queued(replaceToken),
    /** Serves another database (the demo, and back) on the same address. */
    switchTo(next: Core, nextHandlers: HandlerTables): void {
      core = next;
      handlers = nextHandlers;
      server?.switchTo(next, nextHandlers);
    },
    async close(): Promise<void> {
      await queue.catch(() => undefined);
      await server?.close();
      server = null;
    },
  };
}

export type HostMode = ReturnType<typeof createHostMode>;
