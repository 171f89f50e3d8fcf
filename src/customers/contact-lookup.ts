import type { Database } from 'better-sqlite3';

/** Finds the customer already known by a phone number or an email, on any channel. */
export function createContactLookup(db: Database) {
  const sql = (column: 'phone' | 'email') =>
    db.prepare<[string, string], { id: number | null }>(
      `SELECT min(id) AS id FROM (
         SELECT id FROM customers WHERE ${column} = ?
         UNION ALL
         SELECT customer_id AS id FROM identities WHERE ${column} = ? AND customer_id IS NOT NULL)`,
    );
  const byPhone = sql('phone');
  const byEmail = sql('email');
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

/** Lower-cased email when it looks like one, else null. */
export function normalizeEmail(raw: string | null | undefined): string | null {
  const email = raw?.trim().toLowerCase();
  return email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}
