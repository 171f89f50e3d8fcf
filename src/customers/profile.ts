import type { WritableDB } from '../db/access';
import type { Rows } from '../db/rows';
import { isVouched } from '../shared/domain';
import { foldText } from '../shared/text';
import { holdsOwnContact } from './contact-lookup';
import type { CustomerStore, ProfileColumns } from './customer-store';
import { formatPhone } from './phone';
import { customerSearchable, searchBody, type SearchIndexWriter } from './search-index';

/** The columns of a customer that the profile is derived from. */
export type CustomerBase = Pick<
  Rows['customers'],
  'id' | 'displayName' | 'phone' | 'email' | 'source'
> & { nameLocked: boolean };

/**
 * One channel identity of the customer, as far as the profile cares: its profile as of its
 * newest message (`profileAt`), and its conversation's earliest message.
 */
export type IdentityProfile = Pick<
  Rows['identities'],
  | 'channel'
  | 'account'
  | 'externalId'
  | 'displayName'
  | 'phone'
  | 'email'
  | 'username'
  | 'profilePictureUrl'
  | 'profileAt'
> &
  Pick<Rows['conversations'], 'firstMessageAt'>;

/** What a customer shows, derived from its identities: the customer row's profile columns. */
export type DerivedProfile = ProfileColumns;

/** What to call a person who has no name yet. */
export function fallbackLabel(p: {
  phone: string | null;
  email: string | null;
  username?: string | null;
  externalId?: string | null;
}): string {
  if (p.phone) return formatPhone(p.phone);
  if (p.email) return p.email;
  if (p.username) return `@${p.username}`;
  return p.externalId ?? '?';
}

const byIdentityKey = (a: IdentityProfile, b: IdentityProfile) =>
  a.channel.localeCompare(b.channel) ||
  a.account.localeCompare(b.account) ||
  a.externalId.localeCompare(b.externalId);

/**
 * A customer's shown profile from its identities. Depends only on the set of identities and
 * message timestamps, never on arrival order: the newest profile wins for names and pictures, the
 * earliest conversation names the channel the person came from.
 *
 * Once a channel vouches for one of the identities (shared/domain.ts `isVouched`), only those
 * identities name the person and give their picture, phone and email: what a web visitor typed,
 * however newer, never overrides them. A customer made only of claims shows what was typed.
 */
export function deriveProfile(
  customer: CustomerBase,
  identities: IdentityProfile[],
): DerivedProfile {
  const vouched = identities.filter((i) => isVouched(i.channel));
  const shown = vouched.length > 0 ? vouched : identities;
  const newest = [...shown].sort((a, b) => b.profileAt - a.profileAt || byIdentityKey(a, b));
  const byFirstMessage = (a: IdentityProfile, b: IdentityProfile) =>
    (a.firstMessageAt ?? Infinity) - (b.firstMessageAt ?? Infinity) || byIdentityKey(a, b);
  const earliest = [...shown].sort(byFirstMessage);
  // The stored name is kept while no identity gives one, unless it may be a claim's that a
  // vouched identity now outranks.
  const displayName = customer.nameLocked
    ? customer.displayName
    : (newest.find((i) => i.displayName)?.displayName ??
      (vouched.length > 0 ? null : customer.displayName));
  const phone = customer.phone ?? earliest.find((i) => i.phone)?.phone ?? null;
  const email = customer.email ?? earliest.find((i) => i.email)?.email ?? null;
  // Where the person first wrote from is a fact, whoever vouches for it.
  const origin =
    customer.source === 'auto_created' ? [...identities].sort(byFirstMessage)[0] : undefined;
  const label =
    displayName ??
    fallbackLabel({
      phone,
      email,
      username: earliest.find((i) => i.username)?.username,
      externalId: earliest[0]?.externalId,
    });
  return {
    displayName,
    phone,
    email,
    profilePictureUrl: newest.find((i) => i.profilePictureUrl)?.profilePictureUrl ?? null,
    sourceChannel: origin?.channel ?? null,
    sourceAccount: origin?.account ?? null,
    originalExternalId: origin?.externalId ?? null,
    // Unnamed people sort after every name ("~" follows the letters once accents are folded).
    sortName: displayName ? foldText(displayName) : `~${foldText(label)}`,
  };
}

type CustomerRow = Pick<
  Rows['customers'],
  'id' | 'displayName' | 'nameLocked' | 'phone' | 'email' | 'source'
>;

/**
 * Re-derives stored customer profiles and their search entries after identities, names or notes
 * change. Timestamps are not touched: they come from messages (see the inbox).
 */
export function createProfileRefresher(
  db: WritableDB,
  customers: CustomerStore,
  index: Pick<SearchIndexWriter, 'write'>,
) {
  const selectCustomer = db.prepare<[number], CustomerRow>(
    `SELECT id, display_name AS displayName, name_locked AS nameLocked, phone, email, source
     FROM customers WHERE id = ?`,
  );
  const selectIdentities = db.prepare<[number], IdentityProfile>(
    `SELECT i.channel, i.account, i.external_id AS externalId, i.display_name AS displayName,
            i.phone, i.email, i.username, i.profile_picture_url AS profilePictureUrl,
            i.profile_at AS profileAt, c.first_message_at AS firstMessageAt
     FROM identities i LEFT JOIN conversations c ON c.identity_id = i.id
     WHERE i.customer_id = ?`,
  );
  const selectNotes = db.prepare<[number], { body: string }>(
    'SELECT body FROM notes WHERE customer_id = ?',
  );

  return {
    /**
     * Re-derives one customer; `isNew` skips removing a search entry that cannot exist yet.
     * `into` receives the search entry instead of the index (a batch writes its entries at once).
     */
    refresh(
      customerId: number,
      now: number,
      isNew = false,
      into: Pick<SearchIndexWriter, 'write'> = index,
    ): void {
      const row = selectCustomer.get(customerId);
      if (!row) return;
      const identities = selectIdentities.all(customerId);
      const profile = deriveProfile({ ...row, nameLocked: row.nameLocked === 1 }, identities);
      customers.setProfile(customerId, profile, holdsOwnContact(profile, identities), now);
      const body = searchBody(
        customerSearchable(
          profile,
          identities,
          selectNotes.all(customerId).map((n) => n.body),
        ),
      );
      into.write(customerId, body, isNew);
    },
  };
}
export type ProfileRefresher = ReturnType<typeof createProfileRefresher>;
