import type { Database } from 'better-sqlite3';
import { deriveProfile, type CustomerBase, type IdentityProfile } from './profile';
import { customerSearchable, searchBody, searchWords } from './search-index';

/** name, phone, email, username of one identity, as the migration's JSON gives them. */
type IdentityParts = [string | null, string | null, string | null, string | null];

/**
 * Defines the SQL functions migrations call, for what only the app knows how to compute (the
 * search words: phone forms, folding; a customer's shown profile). Migrations are SQL files; this
 * is their library.
 */
export function defineMigrationFunctions(db: Database): void {
  db.function(
    'clientela_search_words',
    { deterministic: true },
    (name: unknown, phone: unknown, email: unknown, identities: unknown, notes: unknown) =>
      searchWords(
        searchBody(
          customerSearchable(
            { displayName: text(name), phone: text(phone), email: text(email) },
            (JSON.parse(String(identities)) as IdentityParts[]).map(
              ([displayName, phone, email, username]) => ({ displayName, phone, email, username }),
            ),
            JSON.parse(String(notes)) as string[],
          ),
        ),
      ),
  );
  // A customer (its columns) and its identities as JSON, in; the derived profile as JSON, out.
  db.function(
    'clientela_profile',
    { deterministic: true },
    (customer: unknown, identities: unknown) => {
      const base = JSON.parse(String(customer)) as Omit<CustomerBase, 'nameLocked'> & {
        nameLocked: number;
      };
      return JSON.stringify(
        deriveProfile(
          { ...base, nameLocked: base.nameLocked === 1 },
          JSON.parse(String(identities)) as IdentityProfile[],
        ),
      );
    },
  );
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);
