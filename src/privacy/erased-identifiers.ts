/**
 * The one module that writes `erased_identifiers`: what erased people are recognised by, kept
 * as HMAC-SHA-256 hashes under the database's own salt (`erasure_salt`, drawn by its migration),
 * never as text. A hash of a phone number is not anonymous to whoever holds the file and its salt
 * (phone numbers are few enough to try them all); it keeps the number out of sight, out of
 * exports and out of any other database, and lets a history import recognise the person.
 */
import { createHmac } from 'node:crypto';
import type { WritableDB } from '../db/access';
import type { Rows } from '../db/rows';

type Erased = Rows['erased_identifiers'];

/** Whether a person's keys (identifiers.ts) belong to someone erased after `timestamp`. */
export type ErasedMatcher = (keys: readonly string[], timestamp: number) => boolean;

const nobodyErased: ErasedMatcher = () => false;

export function createErasedIdentifiers(db: WritableDB) {
  const { salt } = db
    .prepare<[], { salt: Buffer }>('SELECT salt FROM erasure_salt WHERE id = 1')
    .get()!;
  const hash = (key: string) => createHmac('sha256', salt).update(key).digest();
  const insert = db.prepare<[Buffer, number]>(
    `INSERT INTO erased_identifiers (hash, erased_at) VALUES (?, ?)
     ON CONFLICT (hash) DO UPDATE SET erased_at = max(erased_at, excluded.erased_at)`,
  );
  const all = db.prepare<[], Pick<Erased, 'hash' | 'erasedAt'>>(
    'SELECT hash, erased_at AS erasedAt FROM erased_identifiers',
  );

  return {
    /** Remembers an erased person's keys, erased at `at`. */
    remember(keys: readonly string[], at: number): void {
      for (const key of new Set(keys)) insert.run(hash(key), at);
    },

    /**
     * A matcher over everyone erased so far, read once (a batch's): it hashes nothing while
     * nobody has been erased, so an ordinary import pays nothing for it.
     */
    matcher(): ErasedMatcher {
      const rows = all.all();
      if (rows.length === 0) return nobodyErased;
      const erasedAt = new Map(rows.map((row) => [row.hash.toString('base64'), row.erasedAt]));
      return (keys, timestamp) =>
        keys.some((key) => {
          const at = erasedAt.get(hash(key).toString('base64'));
          return at !== undefined && timestamp <= at;
        });
    },
  };
}
export type ErasedIdentifiers = ReturnType<typeof createErasedIdentifiers>;
