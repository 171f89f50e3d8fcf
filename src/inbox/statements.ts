/**
 * Every statement ingest runs, prepared once per inbox: the stores of the tables it writes (each
 * table's own module) and its few reads. Positional binding stays where the stores have it: those
 * statements run once per message or per new person.
 */
import { createConversationStore } from '../conversations/conversation-store';
import { createMessageStore } from '../conversations/message-store';
import { createContactLookup } from '../customers/contact-lookup';
import { createPossibleMatches } from '../customers/possible-matches';
import { createCustomerWriters } from '../customers/writers';
import type { WritableDB } from '../db/access';
import type { Rows } from '../db/rows';
import type { Channel } from '../shared/domain';
import { createErasedIdentifiers } from '../privacy/erased-identifiers';
import { createCursorStore } from './cursor-store';

/** A stored identity with its conversation, as a batch starts from it. */
export type StoredIdentity = Omit<Rows['identities'], 'createdAt'> & {
  conversationId: number;
  lastReadAt: number;
};

/** The next free id of each table a batch inserts into. */
export interface NextIds {
  customer: number;
  identity: number;
  conversation: number;
}

export function createInboxStatements(db: WritableDB) {
  const nextIds = db.prepare<[], NextIds>(
    `SELECT (SELECT coalesce(max(id), 0) + 1 FROM customers) AS customer,
            (SELECT coalesce(max(id), 0) + 1 FROM identities) AS identity,
            (SELECT coalesce(max(id), 0) + 1 FROM conversations) AS conversation`,
  );
  const identity = db.prepare<[Channel, string, string], StoredIdentity>(
    `SELECT i.id, i.channel, i.account, i.external_id AS externalId, i.customer_id AS customerId,
            c.id AS conversationId, c.last_read_at AS lastReadAt,
            i.display_name AS displayName, i.phone, i.email, i.username, i.language,
            i.profile_picture_url AS profilePictureUrl, i.is_business AS isBusiness,
            i.profile_at AS profileAt
     FROM identities i JOIN conversations c ON c.identity_id = i.id
     WHERE i.channel = ? AND i.account = ? AND i.external_id = ?`,
  );
  return {
    ...createCustomerWriters(db),
    conversations: createConversationStore(db),
    messages: createMessageStore(db),
    cursors: createCursorStore(db),
    erased: createErasedIdentifiers(db),
    contacts: createContactLookup(db),
    matches: createPossibleMatches(db),
    /** The ids a batch's new rows start from: the write lock is the batch's until it commits. */
    nextIds: (): NextIds => nextIds.get()!,
    /** A person the channel's account has seen before, with their conversation. */
    storedIdentity: (channel: Channel, account: string, externalId: string) =>
      identity.get(channel, account, externalId),
  };
}
export type InboxStatements = ReturnType<typeof createInboxStatements>;
