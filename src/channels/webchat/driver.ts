/**
 * The website chat: a server of its own on the account's port serves the embeddable widget and
 * the visitors' API; what visitors write becomes InboundEvents, and agents' replies go out over
 * the visitor's open sockets (or wait in the history for their next visit).
 */
import { z } from 'zod';
import { PermanentSendError, type ChannelDriver, type Connector } from '../connector';
import type { WidgetMessage } from './api';
import { loadWidgetAssets } from './assets';
import { WebchatConfigSchema, type WebchatConfig } from './config';
import { createWebchatServer, probeAddress, type WebchatServer } from './server';
import { isVisitorId, loadVisitorKey } from './visitors';
import { webchatTexts } from './texts';

export const webchatDriver: ChannelDriver<WebchatConfig> = {
  channel: 'webchat',
  fields: [
    { key: 'port', type: 'number', required: true, placeholder: '8090' },
    {
      key: 'allowedOrigins',
      type: 'list',
      required: true,
      placeholder: 'https://minhaloja.com.br',
    },
    { key: 'publicUrl', type: 'url', placeholder: 'https://chat.minhaloja.com.br' },
    { key: 'host', type: 'text', localOnly: 'listens', placeholder: '127.0.0.1' },
    { key: 'greeting', type: 'text' },
    { key: 'prechatForm', type: 'boolean' },
    { key: 'trustProxy', type: 'boolean' },
  ],
  configSchema: WebchatConfigSchema,
  // Nothing secret is typed in: the key that signs visitor tokens is made in the account's folder.
  secretsSchema: z.record(z.string(), z.string()),

  /** A taken port is said on the form, not later as the account's error; named by its sites. */
  async verify(config) {
    await probeAddress(config);
    return config.allowedOrigins.map((origin) => new URL(origin).host).join(', ');
  },

  create(ctx): Connector {
    let server: WebchatServer | null = null;
    return {
      async start() {
        if (!ctx.history) throw new Error(webchatTexts().noHistory);
        server = createWebchatServer({
          ctx,
          key: loadVisitorKey(ctx.dataDir),
          assets: loadWidgetAssets(),
        });
        const port = await server.listen();
        ctx.log.info(`webchat/${ctx.account}: listening on ${ctx.config.host}:${port}`);
        ctx.setStatus('connected', `${ctx.config.host}:${port}`);
      },

      async stop() {
        await server?.close();
        server = null;
      },

      async send(message) {
        if (!isVisitorId(message.externalUserId))
          throw new PermanentSendError(webchatTexts().notAVisitor);
        // A visitor who is away reads the reply from the history on their next visit.
        const reply: WidgetMessage = {
          id: message.messageId,
          from: 'agent',
          text: message.text,
          at: new Date().toISOString(),
        };
        server?.push(message.externalUserId, { type: 'message', message: reply });
        return { externalId: `agent.${message.messageId}`, status: 'sent' };
      },
    };
  },
};
