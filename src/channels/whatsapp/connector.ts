/**
 * One connected WhatsApp number: its session (pairing, reconnection), its messages in and out,
 * delivery receipts, and the history import, put together as the Connector the supervisor runs.
 */
import { join } from 'node:path';
import type { Message, MessageAck } from 'whatsapp-web.js';
import type { Connector, ConnectorContext } from '../connector';
import type { WhatsAppConfig } from './config';
import { createReceipts } from './acks';
import type { ClientFactory, WhatsAppClient } from './client';
import { createHistoryImporter } from './history';
import { keyChat } from './ids';
import { lanes } from './pacing';
import { createPeople } from './people';
import { createSender } from './sender';
import { createSession } from './session';
import { whatsappTexts } from './texts';
import { translateMessage, type TranslateOptions } from './translate';

export interface WhatsAppConnectorOptions {
  createClient: ClientFactory;
  /** The LocalAuth session folder of this account. */
  sessionDir: string;
  reconnectDelays?: readonly number[];
  messagesPerChat?: number;
  eventsPerBatch?: number;
  /** How long a send whose message the library did not return waits for its echo. */
  echoWaitMs?: number;
  /** How long one lookup of a person (contact, number, picture) may take. */
  lookupTimeoutMs?: number;
  /** The least time between two requests for a profile picture. */
  pictureGapMs?: number;
  /** How often the chat list is counted while the phone syncs after linking. */
  settleCheckMs?: number;
}

/** A WhatsApp account's connector. */
export interface WhatsAppConnector extends Connector {
  /** Resolves once every message WhatsApp has reported so far is handled (stored or left). */
  idle(): Promise<void>;
}

/** The connector of one WhatsApp account around the given client factory. */
export function createWhatsAppConnector(
  ctx: ConnectorContext<WhatsAppConfig>,
  options: WhatsAppConnectorOptions,
): WhatsAppConnector {
  const label = `whatsapp/${ctx.account}`;
  const texts = whatsappTexts;
  const people = createPeople(ctx, {
    lookupTimeoutMs: options.lookupTimeoutMs,
    pictureGapMs: options.pictureGapMs,
  });
  let selfId: string | null = null;
  const translation = (): TranslateOptions => ({
    account: ctx.account,
    includeGroups: ctx.config.includeGroups,
    selfId,
    texts: texts(),
  });
  const history = createHistoryImporter({
    ctx,
    people,
    translate: translation,
    messagesPerChat: options.messagesPerChat,
    eventsPerBatch: options.eventsPerBatch,
    settleCheckMs: options.settleCheckMs,
  });
  /** Runs work called from the library's events: a failure is logged, never thrown back at it. */
  const guarded = (what: string, work: () => void) => {
    try {
      work();
    } catch (error) {
      ctx.log.error(`${label}: ${what}`, error);
    }
  };
  const receipts = createReceipts(ctx, () => texts().sendFailed);
  const sender = createSender({
    client: () => session.whenReady(() => texts().notConnected),
    texts,
    markRead: () => ctx.config.markChatsRead,
    echoWaitMs: options.echoWaitMs,
    onSent: (externalId) => {
      if (!ctx.signal.aborted) guarded('receipt not stored', () => receipts.replay(externalId));
    },
  });

  // A chat's messages are handled one after another: each may wait for a send under way (its
  // echo) or for a lookup of the person, and must not overtake the next. Chats do not wait for
  // each other: one person's slow lookup holds back nobody else's messages.
  const inbound = lanes();
  function receive(client: WhatsAppClient, message: Message): void {
    inbound.add(keyChat(message.id), async () => {
      try {
        if (message.fromMe && (await sender.isEcho(client, message))) return;
        const event = await translateMessage(client, people, message, translation());
        if (!event) return;
        ctx.deliver([event]);
        // A receipt may have come while the message was being looked at: it applies now.
        if (message.fromMe) guarded('receipt not stored', () => receipts.replay(event.messageId));
      } catch (error) {
        ctx.log.error(`${label}: message not stored`, error);
      }
    });
  }

  const session = createSession({
    ctx,
    createClient: options.createClient,
    sessionDir: options.sessionDir,
    refusalFile: join(ctx.dataDir, 'refused.json'),
    texts,
    reconnectDelays: options.reconnectDelays,
    onClient(client) {
      client.on('message_create', (message: Message) => receive(client, message));
      client.on('message_ack', (message: Message, ack: MessageAck) =>
        guarded('receipt not stored', () => receipts.onAck(message, ack)),
      );
    },
    onReady(client) {
      selfId = client.info?.wid?._serialized ?? null;
      // The first connection fills the customer list, a later one what arrived meanwhile.
      history.connected(client, () => texts().historyInterrupted);
    },
    onLost: () => history.disconnected(),
  });

  return {
    start: () => session.start(),
    async stop() {
      history.disconnected();
      await session.stop();
      await history.settled();
      await inbound.settled();
    },
    send: (message) => sender.send(message),
    idle: () => inbound.settled(),
    actions: {
      async importHistory() {
        const client = session.readyClient();
        if (!client) throw new Error(texts().connectFirst);
        await history.start(client, () => texts().historyInterrupted);
      },
      async cancelImport() {
        history.cancel();
      },
    },
  };
}
