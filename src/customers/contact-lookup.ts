import type { ReadableDB } from '../db/access';
import { isVouched, type Channel } from '../shared/domain';
import { isVouchedCustomer, VOUCHED_CHANNELS } from './claims';

/**
 * Finds the customer a phone number or an email belongs to, on any channel: the one holding it on
 * an identity a channel vouches for, or as its own when the customer is vouched for (customers/
 * claims.ts). What a web visitor typed is found by nobody here: a claim links no one, it is only
 * offered as a possible match (customers/possible-matches.ts).
 */
export function createContactLookup(db: ReadableDB) {
  const byPhone = db.prepare<[string, string], { id: number | null }>(ownerSql('phone'));
  const byEmail = db.prepare<[string, string], { id: number | null }>(ownerSql('email'));
  return {
    /** Phone first (it is what WhatsApp and SMS share), then email. */
    find(phone: string | null, email: string | null): number | null {
      return (
        (phone ? byPhone.get(phone, phone)?.id : null) ??
        (email ? byEmail.get(email, email)?.id : null) ??
        null
      );
    },
  };
}

/**
 * SQL condition on the customers row `c`: its phone or email is its own (typed by a person, or
 * kept from an identity that no longer has it), so its row is where they are found: the partial
 * indexes customers_phone and customers_email hold only these. Otherwise both are copies of what
 * an identity of it that a channel vouches for holds, and are found through that identity.
 */
export const ownContact = (c: string) => `${c}.own_contact = 1`;

/**
 * Whether a customer showing `contact` must be found by its own row (`ownContact`): its phone or
 * email is on none of its identities that a channel vouches for.
 */
export function holdsOwnContact(
  contact: { phone: string | null; email: string | null },
  identities: readonly { channel: Channel; phone: string | null; email: string | null }[],
): boolean {
  const vouched = identities.filter((i) => isVouched(i.channel));
  return (
    (contact.phone !== null && !vouched.some((i) => i.phone === contact.phone)) ||
    (contact.email !== null && !vouched.some((i) => i.email === contact.email))
  );
}

/** The customer holding a phone or email (the value bound twice) in a way that links people. */
export const ownerSql = (column: 'phone' | 'email') =>
  `SELECT min(id) AS id FROM (
     SELECT c.id FROM customers c
     WHERE c.${column} = ? AND ${ownContact('c')} AND ${isVouchedCustomer('c')}
     UNION ALL
     SELECT customer_id AS id FROM identities
     WHERE ${column} = ? AND customer_id IS NOT NULL AND channel IN ${VOUCHED_CHANNELS})`;

/** Lower-cased email when it looks like one, else null. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const email = raw?.trim().toLowerCase();
  return email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}
