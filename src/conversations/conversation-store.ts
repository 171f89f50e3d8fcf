/**
 * The one module that writes the `conversations` table: one conversation per identity, with what
 * the list shows of it (the newest message, the unread count) kept beside it.
 */
import type { WritableDB } from '../db/access';
import type { Rows } from '../db/rows';
import type { Direction } from '../shared/domain';
import { preview } from '../shared/text';

type Conversation = Rows['conversations'];

/** What a batch of messages did to one conversation (inbox/batch.ts gathers it). */
export interface ConversationChange {
  firstAt: number;
  lastAt: number;
  /** External id of the newest message: breaks timestamp ties the same way in any order. */
  lastKey: string;
  /** The newest message's text (the list shows a preview of it). */
  lastText: string;
  lastDirection: Direction;
  /** Inbound messages newer than the stored last-read time. */
  newUnread: number;
  /** The newest reply from the business: everything before it was read. */
  readUpTo: number;
}

type ConversationInsert = [
  id: number,
  identityId: number,
  channel: Conversation['channel'],
  account: string,
  firstAt: number | null,
  lastAt: number | null,
  lastKey: string | null,
  lastText: string | null,
  lastDirection: Direction | null,
  unread: number,
  readUpTo: number,
  createdAt: number,
];

/** SQL condition: the batch's newest message is newer than the conversation's (ties by id). */
const NEWER = `(last_message_at IS NULL OR @lastAt > last_message_at
  OR (@lastAt = last_message_at AND @lastKey > last_message_key))`;

/** Writes conversation rows; every statement is prepared once, here. */
export function createConversationStore(db: WritableDB) {
  // Positional: this runs once per new person, a million times in a backfill.
  const insert = db.prepare<ConversationInsert>(
    `INSERT INTO conversations (id, identity_id, channel, account, first_message_at, last_message_at,
       last_message_key, last_message_text, last_message_direction, unread_count, last_read_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const apply = db.prepare<[ConversationChange & { id: number }]>(
    `UPDATE conversations SET
       first_message_at = CASE WHEN first_message_at IS NULL OR first_message_at > @firstAt
                          THEN @firstAt ELSE first_message_at END,
       last_message_at = CASE WHEN ${NEWER} THEN @lastAt ELSE last_message_at END,
       last_message_key = CASE WHEN ${NEWER} THEN @lastKey ELSE last_message_key END,
       last_message_text = CASE WHEN ${NEWER} THEN @lastText ELSE last_message_text END,
       last_message_direction = CASE WHEN ${NEWER} THEN @lastDirection ELSE last_message_direction END,
       unread_count = CASE WHEN @readUpTo > last_read_at
         THEN (SELECT count(*) FROM messages
               WHERE conversation_id = @id AND direction = 'in' AND timestamp > @readUpTo)
         ELSE unread_count + @newUnread END,
       last_read_at = max(last_read_at, @readUpTo)
     WHERE id = @id`,
  );
  const markRead = db.prepare<[number]>(
    `UPDATE conversations SET unread_count = 0,
       last_read_at = max(last_read_at, coalesce(last_message_at, 0)) WHERE id = ?`,
  );

  const removeOfCustomer = db.prepare<[number]>(
    'DELETE FROM conversations WHERE identity_id IN (SELECT id FROM identities WHERE customer_id = ?)',
  );

  return {
    /**
     * A new identity's conversation, with the id the caller gave it; `change` is what its first
     * batch brought (none: a person known before any message, e.g. an empty history), `unread`
     * how many of those messages are unread.
     */
    insert(
      id: number,
      identity: { id: number; channel: Conversation['channel']; account: string },
      change: ConversationChange | undefined,
      unread: number,
      createdAt: number,
    ): void {
      insert.run(
        id,
        identity.id,
        identity.channel,
        identity.account,
        change?.firstAt ?? null,
        change?.lastAt ?? null,
        change?.lastKey ?? null,
        change ? preview(change.lastText) : null,
        change?.lastDirection ?? null,
        unread,
        change?.readUpTo ?? 0,
        createdAt,
      );
    },

    /** Folds a batch's messages into a stored conversation, whatever order they came in. */
    apply(id: number, change: ConversationChange): void {
      apply.run({
        id,
        firstAt: change.firstAt,
        lastAt: change.lastAt,
        lastKey: change.lastKey,
        lastText: preview(change.lastText),
        lastDirection: change.lastDirection,
        newUnread: change.newUnread,
        readUpTo: change.readUpTo,
      });
    },

    /** Marks every message of the conversation read; false when there is no such conversation. */
    markRead(id: number): boolean {
      return markRead.run(id).changes > 0;
    },

    /** Deletes the conversations of the customer's identities (an erasure; messages first). */
    deleteByCustomer(customerId: number): void {
      removeOfCustomer.run(customerId);
    },
  };
}
export type ConversationStore = ReturnType<typeof createConversationStore>;
