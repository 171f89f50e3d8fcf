import type { ReadableDB } from '../db/access';
import type { CustomerDetail, Note } from '../api/types';
import { notFound } from '../api/errors';
import {
  CONVERSATION_COLUMNS,
  CONVERSATION_FROM,
  toConversation,
  type ConversationRow,
} from '../conversations/mapper';
import type { Rows } from '../db/rows';
import { SUMMARY_COLUMNS, iso, toSummary, type SummaryRow } from './mapper';
import { createPossibleMatches } from './possible-matches';

type DetailRow = SummaryRow &
  Pick<
    Rows['customers'],
    'nameLocked' | 'sourceChannel' | 'originalExternalId' | 'createdAt' | 'updatedAt'
  >;
type IdentityRow = Omit<Rows['identities'], 'customerId' | 'profileAt' | 'createdAt'>;
type NoteRow = Rows['notes'];

export const NOTE_COLUMNS =
  'id, customer_id AS customerId, body, created_at AS createdAt, updated_at AS updatedAt';

export const toNote = (row: NoteRow): Note => ({
  ...row,
  createdAt: iso(row.createdAt)!,
  updatedAt: iso(row.updatedAt)!,
});

/** One customer with everything the detail view shows. */
export function createCustomerDetail(db: ReadableDB) {
  const customer = db.prepare<[number], DetailRow>(
    `SELECT ${SUMMARY_COLUMNS}, c.name_locked AS nameLocked, c.source_channel AS sourceChannel,
            c.original_external_id AS originalExternalId, c.created_at AS createdAt,
            c.updated_at AS updatedAt
     FROM customers c WHERE c.id = ?`,
  );
  const identities = db.prepare<[number], IdentityRow>(
    `SELECT id, channel, account, external_id AS externalId, display_name AS displayName, phone,
            email, username, language, profile_picture_url AS profilePictureUrl,
            is_business AS isBusiness
     FROM identities WHERE customer_id = ? ORDER BY id`,
  );
  const tags = db.prepare<[number], { name: string }>(
    'SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = ?',
  );
  const notes = db.prepare<[number], NoteRow>(
    `SELECT ${NOTE_COLUMNS} FROM notes WHERE customer_id = ? ORDER BY created_at DESC, id DESC`,
  );
  const conversations = db.prepare<[number], ConversationRow>(
    `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM}
     WHERE i.customer_id = ? ORDER BY cv.last_message_at DESC`,
  );
  const possibleMatches = createPossibleMatches(db);

  return {
    /** The detail view of a customer; throws not_found when there is none. */
    get(id: number): CustomerDetail {
      const row = customer.get(id);
      if (!row) throw notFound('customer');
      const ids = identities.all(id).map((i) => ({
        ...i,
        isBusiness: i.isBusiness === null ? null : i.isBusiness === 1,
      }));
      const summary = toSummary(
        row,
        ids,
        tags.all(id).map((t) => t.name),
      );
      return {
        ...summary,
        nameLocked: row.nameLocked === 1,
        metadata: {
          source: row.source,
          channel: row.sourceChannel,
          firstContactAt: summary.firstContactAt,
          originalExternalId: row.originalExternalId,
          lastSeenAt: summary.lastSeenAt,
          profilePictureUrl: row.profilePictureUrl,
        },
        identities: ids,
        notes: notes.all(id).map(toNote),
        conversations: conversations.all(id).map(toConversation),
        possibleMatches: possibleMatches.of(id),
        createdAt: iso(row.createdAt)!,
        updatedAt: iso(row.updatedAt)!,
      };
    },
  };
}
