/**
 * The one module that writes the `customers` table. What a customer shows is decided elsewhere
 * (the profile from its identities in profile.ts, the times from its messages in activity.ts, the
 * search words in search-index.ts, an agent's edits in the editor); this stores it.
 */
import type { Statement, WritableDB } from '../db/access';
import type { Rows } from '../db/rows';
import type { Channel, Source } from '../shared/domain';
import type { Activity } from './activity';

type Customer = Rows['customers'];

/** The columns derived from a customer's identities (profile.ts `deriveProfile`). */
export type ProfileColumns = Pick<
  Customer,
  | 'displayName'
  | 'phone'
  | 'email'
  | 'profilePictureUrl'
  | 'sourceChannel'
  | 'sourceAccount'
  | 'originalExternalId'
  | 'sortName'
>;

/** A customer an agent typed in or a sheet brought. */
export type OwnCustomer = Pick<Customer, 'displayName' | 'sortName' | 'phone' | 'email'> & {
  nameLocked: boolean;
  source: Source;
};

/** What an agent changes by hand; absent fields stay. A typed name is locked. */
export type CustomerEdit = Partial<Pick<Customer, 'phone' | 'email'>> & { displayName?: string };

type AutoCreatedInsert = [
  id: number,
  displayName: string | null,
  sortName: string,
  phone: string | null,
  email: string | null,
  sourceChannel: Channel | null,
  sourceAccount: string | null,
  originalExternalId: string | null,
  profilePictureUrl: string | null,
  firstContactAt: number | null,
  lastSeenAt: number | null,
  lastInteractionAt: number | null,
  createdAt: number,
  updatedAt: number,
  searchWords: string,
  ownContact: number,
];

/** Writes customer rows; every statement is prepared once, here. */
export function createCustomerStore(db: WritableDB) {
  // Positional parameters on the paths that run once per person in a backfill or an import:
  // binding by name costs ~15% more.
  const insertAutoCreated = db.prepare<AutoCreatedInsert>(
    `INSERT INTO customers (id, display_name, sort_name, phone, email, source, source_channel,
       source_account, original_external_id, profile_picture_url, first_contact_at, last_seen_at,
       last_interaction_at, created_at, updated_at, search_words, own_contact)
     VALUES (?, ?, ?, ?, ?, 'auto_created', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOwn = db.prepare<
    [string | null, number, string, string | null, string | null, Source, number, number, number]
  >(
    `INSERT INTO customers (display_name, name_locked, sort_name, phone, email, source, own_contact,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setProfile = db.prepare<[ProfileColumns & { id: number; now: number; own: number }]>(
    `UPDATE customers SET display_name = @displayName, phone = @phone, email = @email,
       own_contact = max(own_contact, @own),
       profile_picture_url = @profilePictureUrl, sort_name = @sortName,
       source_channel = coalesce(@sourceChannel, source_channel),
       source_account = coalesce(@sourceAccount, source_account),
       original_external_id = coalesce(@originalExternalId, original_external_id),
       updated_at = @now
     WHERE id = @id`,
  );
  const mergeActivity = db.prepare<[Activity & { id: number; now: number }]>(
    `UPDATE customers SET
       first_contact_at = CASE WHEN first_contact_at IS NULL OR first_contact_at > @first
                          THEN @first ELSE first_contact_at END,
       last_interaction_at = CASE WHEN last_interaction_at IS NULL OR last_interaction_at < @last
                             THEN @last ELSE last_interaction_at END,
       last_seen_at = CASE WHEN @lastIn IS NOT NULL AND (last_seen_at IS NULL OR last_seen_at < @lastIn)
                      THEN @lastIn ELSE last_seen_at END,
       updated_at = @now
     WHERE id = @id`,
  );
  const recomputeActivity = db.prepare<[{ id: number; now: number }]>(
    `UPDATE customers SET (first_contact_at, last_seen_at, last_interaction_at) = (
       SELECT min(m.timestamp), max(CASE WHEN m.direction = 'in' THEN m.timestamp END), max(m.timestamp)
       FROM identities i
       JOIN conversations c ON c.identity_id = i.id
       JOIN messages m ON m.conversation_id = c.id
       WHERE i.customer_id = @id),
       updated_at = @now
     WHERE id = @id`,
  );
  const setSearchWords = db.prepare<[string, number]>(
    'UPDATE customers SET search_words = ? WHERE id = ?',
  );
  const clearContact = {
    phone: db.prepare<[number]>('UPDATE customers SET phone = NULL WHERE id = ?'),
    email: db.prepare<[number]>('UPDATE customers SET email = NULL WHERE id = ?'),
  };
  const absorb = db.prepare<
    [
      {
        targetId: number;
        sourceId: number;
        phone: string | null;
        email: string | null;
        claimedName: number;
      },
    ]
  >(
    `UPDATE customers SET
       phone = coalesce(phone, @phone), email = coalesce(email, @email),
       own_contact = max(own_contact, (SELECT own_contact FROM customers WHERE id = @sourceId)),
       display_name = CASE WHEN name_locked = 1 THEN display_name
                           ELSE coalesce((SELECT display_name FROM customers WHERE id = @sourceId AND name_locked = 1), display_name) END,
       -- The agent merged into the record whose name they saw: it stays, even when the other
       -- record's profile is newer. A target without a name still takes one from its profiles.
       name_locked = CASE WHEN name_locked = 1 THEN 1
                          WHEN display_name IS NOT NULL AND NOT @claimedName THEN 1
                          ELSE (SELECT name_locked FROM customers WHERE id = @sourceId) END,
       created_at = min(created_at, (SELECT created_at FROM customers WHERE id = @sourceId))
     WHERE id = @targetId`,
  );
  const remove = db.prepare<[number]>('DELETE FROM customers WHERE id = ?');
  /** One statement per set of edited columns, prepared the first time it is needed. */
  const edits = new Map<string, Statement<[Record<string, unknown>]>>();

  return {
    /**
     * A customer made from a conversation, complete (profile, times, search words) in one
     * statement; `ownContact`: see contact-lookup.ts `holdsOwnContact`.
     */
    insertAutoCreated(
      id: number,
      profile: Omit<ProfileColumns, 'sourceChannel'> & { sourceChannel: Channel | null },
      times: Activity | undefined,
      searchWords: string,
      ownContact: boolean,
      at: number,
    ): void {
      insertAutoCreated.run(
        id,
        profile.displayName,
        profile.sortName,
        profile.phone,
        profile.email,
        profile.sourceChannel,
        profile.sourceAccount,
        profile.originalExternalId,
        profile.profilePictureUrl,
        times?.first ?? null,
        times?.lastIn ?? null,
        times?.last ?? null,
        at,
        at,
        searchWords,
        Number(ownContact),
      );
    },

    /** A customer typed in or imported; returns its id. */
    insert(customer: OwnCustomer, now: number): number {
      return Number(
        insertOwn.run(
          customer.displayName,
          customer.nameLocked ? 1 : 0,
          customer.sortName,
          customer.phone,
          customer.email,
          customer.source,
          // The owner's customers hold their contact as their own; one split out of contacts
          // (auto-created, nothing typed) finds it through them.
          Number(customer.source !== 'auto_created' || !!customer.phone || !!customer.email),
          now,
          now,
        ).lastInsertRowid,
      );
    },

    /** Stores an agent's edit (the profile is re-derived after, see profile.ts). */
    edit(id: number, edit: CustomerEdit): void {
      const sets: string[] = [];
      if (edit.displayName !== undefined)
        sets.push('display_name = @displayName', 'name_locked = 1');
      if (edit.phone !== undefined) sets.push('phone = @phone');
      if (edit.email !== undefined) sets.push('email = @email');
      // A typed phone or email is the customer's own: no identity may hold it.
      if (edit.phone !== undefined || edit.email !== undefined) sets.push('own_contact = 1');
      if (sets.length === 0) return;
      const sql = `UPDATE customers SET ${sets.join(', ')} WHERE id = @id`;
      let statement = edits.get(sql);
      if (!statement) edits.set(sql, (statement = db.prepare(sql)));
      statement.run({ ...edit, id });
    },

    /**
     * Stores a re-derived profile; `ownContact` (contact-lookup.ts `holdsOwnContact`) marks a
     * contact no vouched identity holds as the customer's own, and a customer's own stays so.
     */
    setProfile(id: number, profile: ProfileColumns, ownContact: boolean, now: number): void {
      setProfile.run({ ...profile, id, now, own: Number(ownContact) });
    },

    /** Folds new message times into the stored ones. */
    mergeActivity(id: number, activity: Activity, now: number): void {
      mergeActivity.run({ ...activity, id, now });
    },

    /** Recomputes the times from every message, after identities moved between customers. */
    recomputeActivity(id: number, now: number): void {
      recomputeActivity.run({ id, now });
    },

    /** The words the customer is found by (search-index.ts `searchWords`). */
    setSearchWords(id: number, words: string): void {
      setSearchWords.run(words, id);
    },

    /** Forgets the customer's own phone or email (it left with split-out identities). */
    clearContact(id: number, kind: 'phone' | 'email'): void {
      clearContact[kind].run(id);
    },

    /**
     * Takes into `targetId` what a merged `source` had of its own: its phone and email where the
     * target has none, its typed name unless the target's is typed too, its earlier creation.
     * `claimedName`: the target's name came only from web visitors' claims, so it is not locked.
     */
    absorb(
      targetId: number,
      source: { id: number; phone: string | null; email: string | null },
      claimedName: boolean,
    ): void {
      absorb.run({
        targetId,
        sourceId: source.id,
        phone: source.phone,
        email: source.email,
        claimedName: Number(claimedName),
      });
    },

    /** Deletes the customer; its identities, conversations, messages and notes go with it. */
    delete(id: number): void {
      remove.run(id);
    },
  };
}
export type CustomerStore = ReturnType<typeof createCustomerStore>;
