import type { Database } from 'better-sqlite3';
import { customerSearchable, searchBody, searchWords } from '../customers/search-index';

/** name, phone, email, username of one identity, as the migration's JSON gives them. */
type IdentityParts = [string | null, string | null, string | null, string | null];

/**
 * Defines the SQL functions migrations call, for what only the app knows how to compute (the
 * search words: phone forms, folding). Migrations are SQL files; this is their library.
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
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);
