/**
 * One person as the database holds them: their whole record for an export (customer, identities,
 * every message, notes, tags) and, for an erasure, what recognises them and which pictures are
 * theirs. Reads only.
 */
import type { ReadableDB } from '../db/access';
import type { IdentityProfileFields } from '../customers/identity-store';
import { SUMMARY_COLUMNS, type SummaryRow } from '../customers/mapper';
import type { Rows } from '../db/rows';
import { avatarFileName, avatarFileOf } from '../shared/avatar-cache';
import { storedKeys } from './identifiers';

type CustomerRow = SummaryRow &
  Pick<Rows['customers'], 'sourceChannel' | 'createdAt' | 'updatedAt'>;
export type IdentityRow = Pick<Rows['identities'], 'channel' | 'account' | 'externalId'> &
  Omit<IdentityProfileFields, 'profileAt' | 'isBusiness'> &
  Pick<Rows['identities'], 'isBusiness'>;
export type MessageRow = Pick<
  Rows['messages'],
  'timestamp' | 'direction' | 'channel' | 'account' | 'text' | 'status' | 'error'
>;
export type NoteRow = Pick<Rows['notes'], 'body' | 'createdAt' | 'updatedAt'>;

/** Everything stored about one customer. */
export interface PersonRecord {
  customer: CustomerRow;
  identities: IdentityRow[];
  messages: MessageRow[];
  notes: NoteRow[];
  tags: string[];
}

/** The picture files of a person: each identity's cache file, and whatever a profile names. */
export function pictureFiles(
  customer: Pick<CustomerRow, 'profilePictureUrl'>,
  identities: Pick<IdentityRow, 'channel' | 'account' | 'externalId' | 'profilePictureUrl'>[],
): string[] {
  const files = new Set<string>();
  for (const url of [customer.profilePictureUrl, ...identities.map((i) => i.profilePictureUrl)]) {
    const file = avatarFileOf(url);
    if (file) files.add(file);
  }
  // A picture saved before the "fetch profile pictures" setting was switched off stays on disk
  // though no profile names it any more: its name says whose it is.
  for (const i of identities) files.add(avatarFileName(i.channel, i.account, i.externalId));
  return [...files];
}

export function createPersonReader(db: ReadableDB) {
  const customer = db.prepare<[number], CustomerRow>(
    `SELECT ${SUMMARY_COLUMNS}, c.source_channel AS sourceChannel, c.created_at AS createdAt,
       c.updated_at AS updatedAt
     FROM customers c WHERE c.id = ?`,
  );
  const identities = db.prepare<[number], IdentityRow>(
    `SELECT channel, account, external_id AS externalId, display_name AS displayName, phone, email,
       username, language, is_business AS isBusiness, profile_picture_url AS profilePictureUrl
     FROM identities WHERE customer_id = ? ORDER BY id`,
  );
  const messages = db.prepare<[number], MessageRow>(
    `SELECT m.timestamp, m.direction, m.channel, m.account, m.text, m.status, m.error
     FROM identities i
     JOIN conversations c ON c.identity_id = i.id
     JOIN messages m ON m.conversation_id = c.id
     WHERE i.customer_id = ? ORDER BY m.timestamp, m.id`,
  );
  const notes = db.prepare<[number], NoteRow>(
    `SELECT body, created_at AS createdAt, updated_at AS updatedAt FROM notes
     WHERE customer_id = ? ORDER BY created_at, id`,
  );
  const tags = db.prepare<[number], { name: string }>(
    `SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
     WHERE ct.customer_id = ? ORDER BY t.name COLLATE NOCASE`,
  );

  return {
    /** The whole record; null when there is no such customer. */
    record(id: number): PersonRecord | null {
      const row = customer.get(id);
      if (!row) return null;
      return {
        customer: row,
        identities: identities.all(id),
        messages: messages.all(id),
        notes: notes.all(id),
        tags: tags.all(id).map((t) => t.name),
      };
    },

    /** What recognises the person again (identifiers.ts) and their picture files; null: no one. */
    traces(id: number): { keys: string[]; pictures: string[] } | null {
      const row = customer.get(id);
      if (!row) return null;
      const ids = identities.all(id);
      return {
        keys: storedKeys({
          phones: [row.phone, ...ids.map((i) => i.phone)],
          emails: [row.email, ...ids.map((i) => i.email)],
          ids,
        }),
        pictures: pictureFiles(row, ids),
      };
    },
  };
}
export type PersonReader = ReturnType<typeof createPersonReader>;
