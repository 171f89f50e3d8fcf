/**
 * One running web chat account: its own server on the account's port, for the widget and the
 * visitors' API; agents' replies go out over the visitor's open sockets.
 */
import { PermanentSendError, type Connector, type ConnectorContext } from '../connector';
import type { WidgetMessage } from './api';
import { loadWidgetAssets } from './assets';
import type { WebchatConfig } from './config';
import { createWebchatServer, type WebchatServer } from './server';
import { webchatTexts } from './texts';
import { isVisitorId, loadVisitorKey } from './visitors';

/** The connector of one web chat account. */
export function createWebchatConnector(ctx: ConnectorContext<WebchatConfig>): Connector {
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
}
