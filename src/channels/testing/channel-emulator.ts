/**
 * An in-memory channel for the framework's tests: a driver whose "network" is a plain object the
 * test reads and steers (starts that fail, sends that fail, messages that arrive), so the
 * supervisor, the outbox and the accounts are tested against the real core without a server.
 */
import { z } from 'zod';
import type { Channel } from '../../shared/domain';
import type { ChannelDriver, Connector, ConnectorContext, OutboundMessage } from '../connector';
import { PermanentSendError } from '../connector';

export interface EmulatedNetwork {
  /** Messages that reached the channel, in order. */
  delivered: { account: string; message: OutboundMessage }[];
  /** Every connector built, newest last, with its context. */
  connectors: { context: ConnectorContext<EmulatedConfig>; stopped: boolean }[];
  /** The next N starts reject with "connection refused". */
  failStarts: number;
  /** While set, sends reject with this reason. */
  sendFailure: string | null;
  /** While set, sends reject with a PermanentSendError of this reason. */
  permanentFailure: string | null;
  /** Resolves the running import; set by the `importHistory` action. */
  finishImport: (() => void) | null;
}

export interface EmulatedConfig {
  apiRoot?: string;
  allowGroups?: boolean;
}

/** The token the fake channel refuses in `verify`, as Telegram refuses a revoked one. */
export const REFUSED_TOKEN = '000000:refused-token';

/** A driver for `channel` over a fresh fake network. */
export function emulatedChannel(channel: Channel = 'telegram'): {
  driver: ChannelDriver<EmulatedConfig>;
  network: EmulatedNetwork;
} {
  const network: EmulatedNetwork = {
    delivered: [],
    connectors: [],
    failStarts: 0,
    sendFailure: null,
    permanentFailure: null,
    finishImport: null,
  };
  let sequence = 0;

  const driver: ChannelDriver<EmulatedConfig> = {
    channel,
    fields: [
      { key: 'token', type: 'password', secret: true, required: true },
      { key: 'apiRoot', type: 'url', placeholder: 'https://api.telegram.org' },
      { key: 'allowGroups', type: 'boolean' },
    ],
    configSchema: z.object({
      apiRoot: z.url('Give an address such as https://api.telegram.org').optional(),
      allowGroups: z.boolean().optional(),
    }),
    secretsSchema: z.object({
      token: z
        .string('Enter the bot token')
        .regex(/^\d+:[\w-]{10,}$/, 'The token looks like 123456:ABC-DEF1234ghIkl'),
    }),
    async verify(_config, secrets) {
      if (secrets['token'] === REFUSED_TOKEN)
        throw new Error('Unauthorized: the token was revoked');
      return `@bot_${secrets['token']!.split(':')[0]}`;
    },
    create(context): Connector {
      const entry = { context, stopped: false };
      network.connectors.push(entry);
      return {
        async start() {
          if (network.failStarts > 0) {
            network.failStarts -= 1;
            throw new Error('connection refused');
          }
          context.setStatus('connected');
        },
        async stop() {
          entry.stopped = true;
        },
        async send(message) {
          if (network.permanentFailure) throw new PermanentSendError(network.permanentFailure);
          if (network.sendFailure) throw new Error(network.sendFailure);
          network.delivered.push({ account: context.account, message });
          sequence += 1;
          return { externalId: `fake-${sequence}` };
        },
        actions: {
          importHistory: () =>
            new Promise<void>((resolve) => {
              context.progress({ task: 'importHistory', done: 0, total: 10, state: 'running' });
              network.finishImport = () => {
                context.progress({ task: 'importHistory', done: 10, total: 10, state: 'done' });
                resolve();
              };
            }),
          ping: async () => undefined,
        },
      };
    },
  };
  return { driver, network };
}
