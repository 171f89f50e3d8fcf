import type { ConversationSummary, Message } from '../api/types';
import type { Rows } from '../db/rows';
import { iso } from '../customers/mapper';
import { fallbackLabel } from '../customers/profile';

/** Columns for a conversation summary: conversation `cv`, identity `i`, customer `c` (left join). */
export const CONVERSATION_COLUMNS = `cv.id, cv.channel, cv.account, cv.identity_id AS identityId,
  i.customer_id AS customerId, c.display_name AS customerName, i.display_name AS identityName,
  coalesce(c.phone, i.phone) AS phone, coalesce(c.email, i.email) AS email, i.username,
  i.external_id AS externalId, coalesce(c.profile_picture_url, i.profile_picture_url) AS profilePictureUrl,
  cv.first_message_at AS firstMessageAt, cv.last_message_at AS lastMessageAt,
  cv.last_message_text AS lastMessageText, cv.last_message_direction AS lastMessageDirection,
  cv.unread_count AS unreadCount`;

export const CONVERSATION_FROM = `conversations cv JOIN identities i ON i.id = cv.identity_id
  LEFT JOIN customers c ON c.id = i.customer_id`;

type Identity = Rows['identities'];

/** CONVERSATION_COLUMNS: the conversation's, its identity's, and its customer's name. */
export type ConversationRow = Pick<
  Rows['conversations'],
  | 'id'
  | 'channel'
  | 'account'
  | 'identityId'
  | 'firstMessageAt'
  | 'lastMessageAt'
  | 'lastMessageText'
  | 'lastMessageDirection'
  | 'unreadCount'
> &
  Pick<
    Identity,
    'customerId' | 'phone' | 'email' | 'username' | 'externalId' | 'profilePictureUrl'
  > & {
    customerName: Rows['customers']['displayName'];
    identityName: Identity['displayName'];
  };

export function toConversation(row: ConversationRow): ConversationSummary {
  return {
    id: row.id,
    channel: row.channel,
    account: row.account,
    identityId: row.identityId,
    customerId: row.customerId,
    label: row.customerName ?? row.identityName ?? fallbackLabel(row),
    profilePictureUrl: row.profilePictureUrl,
    firstMessageAt: iso(row.firstMessageAt),
    lastMessageAt: iso(row.lastMessageAt),
    lastMessageText: row.lastMessageText,
    lastMessageDirection: row.lastMessageDirection,
    unreadCount: row.unreadCount,
  };
}

export const MESSAGE_COLUMNS = `m.id, m.conversation_id AS conversationId, m.direction, m.text,
  m.timestamp, m.status, m.error`;

export type MessageRow = Pick<
  Rows['messages'],
  'id' | 'conversationId' | 'direction' | 'text' | 'timestamp' | 'status' | 'error'
>;

export function toMessage(row: MessageRow): Message {
  return { ...row, timestamp: new Date(row.timestamp).toISOString() };
}
