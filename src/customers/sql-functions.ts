import type { MigrationFunctions } from '../db/migrate';
import { deriveProfile, type CustomerBase, type IdentityProfile } from './profile';
import { customerSearchable, searchBody, searchWords } from './search-index';

/** name, phone, email, username of one identity, as the migration's JSON gives them. */
type IdentityParts = [string | null, string | null, string | null, string | null];

/**
 * The SQL functions migrations call, for what only the app knows how to compute (the search
 * words: phone forms, folding; a customer's shown profile). Migrations are SQL files; this is
 * their library, handed to db/ by the core when it opens a database.
 */
export const customerSqlFunctions = {
  clientela_search_words: (
    name: unknown,
    phone: unknown,
    email: unknown,
    identities: unknown,
    notes: unknown,
  ) =>
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
  // A customer (its columns) and its identities as JSON, in; the derived profile as JSON, out.
  clientela_profile: (customer: unknown, identities: unknown) => {
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
} satisfies MigrationFunctions;

const text = (value: unknown) => (typeof value === 'string' ? value : null);
