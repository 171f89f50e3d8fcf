/**
 * The one module that writes the `dismissed_matches` table: pairs an agent said are not the same
 * person, no longer offered as a possible match (possible-matches.ts reads them).
 */
import type { WritableDB } from '../db/access';

export function createDismissedMatchStore(db: WritableDB) {
  const insert = db.prepare<[number, number, number]>(
    'INSERT OR IGNORE INTO dismissed_matches (customer_id, other_id, created_at) VALUES (?, ?, ?)',
  );
  const removeOfCustomer = db.prepare<[number, number]>(
    'DELETE FROM dismissed_matches WHERE customer_id = ? OR other_id = ?',
  );
  return {
    /** Records the pair once, whichever way round it is given. */
    dismiss(customerId: number, otherId: number, now: number): void {
      insert.run(Math.min(customerId, otherId), Math.max(customerId, otherId), now);
    },
    /** Forgets every pair the customer is in (an erasure). */
    deleteByCustomer(customerId: number): void {
      removeOfCustomer.run(customerId, customerId);
    },
  };
}
