/**
 * The one module that writes the `identities` table: a person as one channel knows them, and
 * which customer they belong to.
 */
import type { WritableDB } from '../db/access';
import type { Rows } from '../db/rows';
import type { Channel } from '../shared/domain';
import { VOUCHED_CHANNELS } from './claims';

type Identity = Rows['identities'];

/** The profile fields a message brings (the newest message that carries one wins), and when. */
export type IdentityProfileFields = Pick<
  Identity,
  'displayName' | 'phone' | 'email' | 'username' | 'language' | 'profilePictureUrl' | 'profileAt'
> & { isBusiness: boolean | null };

/** A new identity: who, on which channel, whose it is, as of which message. */
export type NewIdentity = IdentityProfileFields &
  Pick<Identity, 'id' | 'customerId' | 'channel' | 'account' | 'externalId'>;

const bool = (value: boolean | null) => (value === null ? null : Number(value));

type IdentityInsert = [
  id: number,
  customerId: number | null,
  channel: Channel,
  account: string,
  externalId: string,
  displayName: string | null,
  phone: string | null,
  email: string | null,
  username: string | null,
  language: string | null,
  profilePictureUrl: string | null,
  isBusiness: number | null,
  profileAt: number,
  createdAt: number,
];

/** Writes identity rows; every statement is prepared once, here. */
export function createIdentityStore(db: WritableDB) {
  // Positional: this runs once per new person, a million times in a backfill.
  const insert = db.prepare<IdentityInsert>(
    `INSERT INTO identities (id, customer_id, channel, account, external_id, display_name, phone, email,
                             username, language, profile_picture_url, is_business, profile_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const attach = db.prepare<[number, number]>('UPDATE identities SET customer_id = ? WHERE id = ?');
  const setProfile = db.prepare<
    [Omit<Identity, 'customerId' | 'channel' | 'account' | 'externalId' | 'createdAt'>]
  >(
    `UPDATE identities SET display_name = @displayName, phone = @phone, email = @email,
       username = @username, language = @language, profile_picture_url = @profilePictureUrl,
       is_business = @isBusiness, profile_at = @profileAt
     WHERE id = @id`,
  );
  const attachUnassigned = db.prepare<
    [{ customerId: number; identityId: number | null; phone: string | null; email: string | null }]
  >(
    // The identity the agent picked, and whoever a channel vouches for with that phone or email;
    // never a visitor who only typed it (customers/claims.ts).
    `UPDATE identities SET customer_id = @customerId
     WHERE customer_id IS NULL AND (id = @identityId
       OR ((phone = @phone OR email = @email) AND channel IN ${VOUCHED_CHANNELS}))`,
  );
  const moveAll = db.prepare<[number, number]>(
    'UPDATE identities SET customer_id = ? WHERE customer_id = ?',
  );
  const removeOfCustomer = db.prepare<[number]>('DELETE FROM identities WHERE customer_id = ?');

  return {
    /** A new identity, with the id the caller gave it (the inbox allocates ids per batch). */
    insert(identity: NewIdentity, createdAt: number): void {
      insert.run(
        identity.id,
        identity.customerId,
        identity.channel,
        identity.account,
        identity.externalId,
        identity.displayName,
        identity.phone,
        identity.email,
        identity.username,
        identity.language,
        identity.profilePictureUrl,
        bool(identity.isBusiness),
        identity.profileAt,
        createdAt,
      );
    },

    /** Gives the identity (with its conversation) to a customer. */
    attach(identityId: number, customerId: number): void {
      attach.run(customerId, identityId);
    },

    /** Stores the newest profile a message brought. */
    setProfile(id: number, p: IdentityProfileFields): void {
      setProfile.run({
        id,
        displayName: p.displayName,
        phone: p.phone,
        email: p.email,
        username: p.username,
        language: p.language,
        profilePictureUrl: p.profilePictureUrl,
        isBusiness: bool(p.isBusiness),
        profileAt: p.profileAt,
      });
    },

    /**
     * Gives a new customer the identity an agent picked and the unassigned ones a channel vouches
     * for with its phone or email; returns how many it got.
     */
    attachUnassigned(
      customerId: number,
      identityId: number | null,
      contact: { phone: string | null; email: string | null },
    ): number {
      return attachUnassigned.run({ customerId, identityId, ...contact }).changes;
    },

    /** Moves every identity of `sourceId` to `targetId` (a merge). */
    moveAll(targetId: number, sourceId: number): void {
      moveAll.run(targetId, sourceId);
    },

    /** Deletes every identity of the customer (an erasure; their conversations first). */
    deleteByCustomer(customerId: number): void {
      removeOfCustomer.run(customerId);
    },
  };
}
export type IdentityStore = ReturnType<typeof createIdentityStore>;
