import { randomUUID } from 'node:crypto';
import type { ConversationSummary, DomainEvent, Message, Page } from '../api/types';
import { ApiError, badInput, notFound } from '../api/errors';
import type { WritableDB } from '../db/access';
import { decodeKeyset, takePage } from '../db/paging';
import type { Rows } from '../db/rows';
import { normalizePhone } from '../customers/phone';
import type { EventBus } from '../events/event-bus';
import type { Inbox } from '../inbox/ingest';
import type { SettingsStore } from '../settings/store';
import { isVouched, type Channel, type MessageStatus } from '../shared/domain';
import {
  CONVERSATION_COLUMNS,
  CONVERSATION_FROM,
  MESSAGE_COLUMNS,
  toConversation,
  toMessage,
  type ConversationRow,
  type MessageRow,
} from './mapper';
import { createConversationStore } from './conversation-store';
import { createMessageStore } from './message-store';
import { createOutgoingMessages } from './outgoing';
import { texts } from '../i18n/texts';

type Identity = Rows['identities'];

const isInstant = (v: unknown): v is number => typeof v === 'number';

export interface StartRequest {
  channel: Channel;
  account: string;
  phone?: string | null;
  username?: string | null;
  externalUserId?: string | null;
  displayName?: string | null;
  text: string;
}

/** Channels on which a business may write first to a phone number. */
const PHONE_CHANNELS = new Set<Channel>(['whatsapp', 'sms']);

/** Conversations and their messages: listing, reading, and what agents send. */
export function createConversations(
  db: WritableDB,
  deps: { inbox: Inbox; settings: SettingsStore; bus: EventBus; now: () => number },
) {
  const byId = db.prepare<[number], ConversationRow>(
    `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM} WHERE cv.id = ?`,
  );
  const target = db.prepare<
    [number],
    Pick<Identity, 'channel' | 'account'> & { externalUserId: Identity['externalId'] }
  >(
    `SELECT i.channel, i.account, i.external_id AS externalUserId
     FROM conversations cv JOIN identities i ON i.id = cv.identity_id WHERE cv.id = ?`,
  );
  const identityBy = (column: 'external_id' | 'phone' | 'username') =>
    db.prepare<[Channel, string, string], Pick<Identity, 'externalId'>>(
      `SELECT external_id AS externalId FROM identities
       WHERE channel = ? AND account = ? AND ${column} = ? ORDER BY id LIMIT 1`,
    );
  const identityByExternalId = identityBy('external_id');
  const identityByPhone = identityBy('phone');
  const identityByUsername = identityBy('username');
  const messageByExternalId = db.prepare<[Channel, string, string], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m
     WHERE m.channel = ? AND m.account = ? AND m.external_id = ? AND m.direction = 'out'`,
  );
  const messageById = db.prepare<[number], MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = ?`,
  );
  // Through the partial index of unread conversations (conversations_unread), not every one.
  const unreadTotal = db.prepare<[], { n: number }>(
    'SELECT coalesce(sum(unread_count), 0) AS n FROM conversations WHERE unread_count > 0',
  );
  const conversationOf = db.prepare<[Channel, string, string], Pick<Rows['conversations'], 'id'>>(
    `SELECT cv.id FROM conversations cv JOIN identities i ON i.id = cv.identity_id
     WHERE i.channel = ? AND i.account = ? AND i.external_id = ?`,
  );
  const conversations = createConversationStore(db);
  const messages = createMessageStore(db);

  function conversation(id: number): ConversationSummary {
    const row = byId.get(id);
    if (!row) throw notFound('conversation');
    return toConversation(row);
  }

  /** Stores an agent's message as pending, through the same path as every other message. */
  function storeOutbound(
    to: {
      channel: Channel;
      account: string;
      externalUserId: string;
      phone?: string | null;
      username?: string | null;
      displayName?: string | null;
    },
    text: string,
  ): Message {
    const messageId = `local:${randomUUID()}`;
    deps.inbox.ingest(
      {
        ...to,
        direction: 'out',
        messageId,
        text,
        timestamp: new Date(deps.now()).toISOString(),
      },
      { outboundStatus: 'pending' },
    );
    return toMessage(messageByExternalId.get(to.channel, to.account, messageId)!);
  }

  return {
    /** One conversation's summary, as the list shows it; not_found when there is none. */
    get: conversation,

    /** The conversation of a person an account has seen; null when there is none. */
    idOf(channel: Channel, account: string, externalUserId: string): number | null {
      return conversationOf.get(channel, account, externalUserId)?.id ?? null;
    },

    /** A message sent, by the id its channel gave it (what a receipt names); null when none. */
    byExternalId(channel: Channel, account: string, externalId: string): Message | null {
      const row = messageByExternalId.get(channel, account, externalId);
      return row ? toMessage(row) : null;
    },

    /** What the outbox hands to the channels (outgoing.ts). */
    outgoing: createOutgoingMessages(db),

    /** Conversations by latest activity, optionally one channel, unread ones or one customer's. */
    list(request: {
      channel?: Channel;
      unreadOnly?: boolean;
      customerId?: number;
      cursor?: string;
      limit: number;
    }): Page<ConversationSummary> {
      const cursor = request.cursor ? decodeKeyset(request.cursor, isInstant) : null;
      const conditions = ['cv.last_message_at IS NOT NULL'];
      if (request.channel) conditions.push('cv.channel = @channel');
      if (request.unreadOnly) conditions.push('cv.unread_count > 0');
      if (request.customerId) conditions.push('i.customer_id = @customerId');
      if (cursor) conditions.push('(cv.last_message_at, cv.id) < (@at, @id)');
      const rows = db
        .prepare<Record<string, unknown>, ConversationRow>(
          `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM} WHERE ${conditions.join(' AND ')}
           ORDER BY cv.last_message_at DESC, cv.id DESC LIMIT @limit`,
        )
        .all({
          ...request,
          unreadOnly: undefined,
          at: cursor?.value,
          id: cursor?.id,
          limit: request.limit + 1,
        });
      const page = takePage(rows, request.limit, (last) => [last.lastMessageAt, last.id]);
      return { items: page.items.map(toConversation), nextCursor: page.nextCursor };
    },

    /** A page of messages, oldest first; the cursor leads further back in time. */
    messages(request: { conversationId: number; cursor?: string; limit: number }): Page<Message> {
      conversation(request.conversationId);
      const cursor = request.cursor ? decodeKeyset(request.cursor, isInstant) : null;
      const rows = db
        .prepare<Record<string, unknown>, MessageRow>(
          `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.conversation_id = @conversationId
           ${cursor ? 'AND (m.timestamp, m.id) < (@at, @id)' : ''}
           ORDER BY m.timestamp DESC, m.id DESC LIMIT @limit`,
        )
        .all({
          conversationId: request.conversationId,
          at: cursor?.value,
          id: cursor?.id,
          limit: request.limit + 1,
        });
      const page = takePage(rows, request.limit, (oldest) => [oldest.timestamp, oldest.id]);
      return { items: page.items.reverse().map(toMessage), nextCursor: page.nextCursor };
    },

    /**
     * Writes first to a person: by phone on WhatsApp or SMS (someone never seen becomes a customer
     * on the spot), or by username / channel id to someone who has written before.
     */
    start(request: StartRequest): { conversation: ConversationSummary; message: Message } {
      const { channel, account } = request;
      let externalUserId: string | undefined;
      let phone: string | null = null;
      // A web visitor's phone or name is what they typed: writing to it could reach a stranger.
      if (!request.externalUserId && !isVouched(channel))
        throw new ApiError('not_found', texts().answerInConversation(channel));
      if (request.externalUserId) {
        externalUserId = identityByExternalId.get(
          channel,
          account,
          request.externalUserId,
        )?.externalId;
      } else if (request.username) {
        externalUserId = identityByUsername.get(
          channel,
          account,
          request.username.replace(/^@/, ''),
        )?.externalId;
      } else if (request.phone) {
        phone = normalizePhone(request.phone, deps.settings.get().defaultRegion);
        if (!phone) throw badInput(texts().notAPhone(request.phone));
        externalUserId = identityByPhone.get(channel, account, phone)?.externalId;
        if (!externalUserId && PHONE_CHANNELS.has(channel)) {
          // WhatsApp's id for a number; its connector checks it before the first send.
          externalUserId = channel === 'whatsapp' ? `${phone.slice(1)}@c.us` : phone;
        }
      }
      if (!externalUserId) {
        throw new ApiError(
          'not_found',
          PHONE_CHANNELS.has(channel)
            ? texts().givePhone
            : texts().nobodyYet(channel, request.username ? 'username' : 'id'),
        );
      }
      const message = storeOutbound(
        { channel, account, externalUserId, phone, displayName: request.displayName },
        request.text,
      );
      return { conversation: conversation(message.conversationId), message };
    },

    /** The agent's reply in an existing conversation, stored as pending until sent. */
    send(conversationId: number, text: string): Message {
      const to = target.get(conversationId);
      if (!to) throw notFound('conversation');
      return storeOutbound(to, text);
    },

    /** Unread messages over every conversation: the navigation's badge and the app icon's. */
    unreadTotal(): number {
      return unreadTotal.get()!.n;
    },

    markRead(conversationId: number): ConversationSummary {
      if (!conversations.markRead(conversationId)) throw notFound('conversation');
      const summary = conversation(conversationId);
      deps.bus.emit([
        { type: 'conversation.updated', conversationId, customerId: summary.customerId },
      ]);
      return summary;
    },

    /** Puts a failed outbound message back in the queue; its text is kept as typed. */
    retry(messageId: number): Message {
      const row = messageById.get(messageId);
      if (!row) throw notFound('message');
      if (row.status !== 'failed') throw badInput(texts().onlyFailedRetry);
      return this.setStatus(messageId, 'pending');
    },

    /** Records what the channel did with an outbound message (sent, delivered, failed...). */
    setStatus(
      messageId: number,
      status: MessageStatus,
      detail: { externalId?: string; error?: string | null } = {},
    ): Message {
      if (!messages.setStatus(messageId, status, detail)) throw notFound('message');
      const message = toMessage(messageById.get(messageId)!);
      const events: DomainEvent[] = [
        { type: 'message.updated', messageId, conversationId: message.conversationId },
      ];
      deps.bus.emit(events);
      return message;
    },
  };
}
export type Conversations = ReturnType<typeof createConversations>;
