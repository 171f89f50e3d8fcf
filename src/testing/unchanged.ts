/** For the attack tests: a refused attack leaves every row of every table as it was. */
import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';
import { dumpDatabase } from './database-dump';

/** Runs `attack`, then expects the database unchanged; returns what the attack got. */
export async function unchangedBy<T>(db: Database, attack: () => Promise<T>): Promise<T> {
  const before = dumpDatabase(db);
  const result = await attack();
  expect(dumpDatabase(db)).toEqual(before);
  return result;
}
