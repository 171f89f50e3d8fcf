import type { ReadableDB } from '../db/access';
import type { Rows } from '../db/rows';
import type { PossibleMatch } from '../api/types';
import { isVouchedCustomer } from './claims';
import { ownContact } from './contact-lookup';
import { SUMMARY_COLUMNS, toSummary, type IdentityBrief, type SummaryRow } from './mapper';

/** A detail shows this many at most: a made-up email typed by hundreds of visitors is no list. */
const MAX_MATCHES = 10;

export type ContactKind = 'phone' | 'email';
const REASONS: Record<ContactKind, PossibleMatch['reason']> = {
  phone: 'same_phone',
  email: 'same_email',
};

/** Customers holding `@value` as their own phone or email or on an identity: two index look-ups. */
export const holdingSql = (kind: ContactKind) =>
  `SELECT id FROM customers c WHERE ${kind} = @value AND ${ownContact('c')}
   UNION SELECT customer_id AS id FROM identities WHERE ${kind} = @value AND customer_id IS NOT NULL`;

/**
 * Customers who may be the same person as a given one: they share a phone or email that was not
 * enough to join them (a web visitor's claim, see customers/claims.ts). Computed when a detail is
 * opened, a few index look-ups, so neither the list nor the ingest pays for it.
 */
export function createPossibleMatches(db: ReadableDB) {
  const contactsOf = db.prepare<[number, number], Pick<Rows['customers'], 'phone' | 'email'>>(
    `SELECT phone, email FROM customers WHERE id = ?
     UNION SELECT phone, email FROM identities WHERE customer_id = ?`,
  );
  const byKind = <T>(make: (kind: ContactKind) => T): Record<ContactKind, T> => ({
    phone: make('phone'),
    email: make('email'),
  });
  const holders = byKind((kind) =>
    db.prepare<{ value: string }, { id: number }>(`${holdingSql(kind)} LIMIT ${MAX_MATCHES}`),
  );
  /** The same, but for customer `id`: itself and those dismissed for it are left out. */
  const sharing = byKind((kind) =>
    db.prepare<{ id: number; value: string }, { id: number }>(
      `SELECT id FROM (${holdingSql(kind)})
       WHERE id <> @id AND id NOT IN (
         SELECT other_id FROM dismissed_matches WHERE customer_id = @id
         UNION ALL SELECT customer_id FROM dismissed_matches WHERE other_id = @id)
       ORDER BY id LIMIT ${MAX_MATCHES}`,
    ),
  );
  const customer = db.prepare<[number], SummaryRow & { vouched: number }>(
    `SELECT ${SUMMARY_COLUMNS}, ${isVouchedCustomer('c')} AS vouched FROM customers c WHERE c.id = ?`,
  );
  const identitiesOf = db.prepare<[number], IdentityBrief>(
    `SELECT channel, username, external_id AS externalId FROM identities
     WHERE customer_id = ? ORDER BY id`,
  );

  return {
    /** Customers holding a phone or email (at most as many as a detail shows). */
    holders(kind: ContactKind, value: string): number[] {
      return holders[kind].all({ value }).map((row) => row.id);
    },

    /** The possible matches of a customer, phones first, each customer once. */
    of(id: number): PossibleMatch[] {
      const self = customer.get(id);
      if (!self) return [];
      const contacts = contactsOf.all(id, id);
      const found = new Map<number, PossibleMatch['reason']>();
      for (const kind of ['phone', 'email'] as const) {
        for (const value of new Set(contacts.map((c) => c[kind]))) {
          if (value === null) continue;
          for (const match of sharing[kind].all({ id, value })) {
            if (!found.has(match.id)) found.set(match.id, REASONS[kind]);
          }
        }
      }
      return [...found].slice(0, MAX_MATCHES).map(([otherId, reason]) => {
        const other = customer.get(otherId)!;
        return {
          customerId: otherId,
          label: toSummary(other, identitiesOf.all(otherId), []).label,
          reason,
          keepId: keeps(self, other),
        };
      });
    },
  };
}

/** Which of two records a merge keeps: the vouched one, else the older. */
function keeps(a: { id: number; vouched: number }, b: { id: number; vouched: number }): number {
  if (a.vouched !== b.vouched) return a.vouched ? a.id : b.id;
  return Math.min(a.id, b.id);
}
