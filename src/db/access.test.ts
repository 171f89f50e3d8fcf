import type { Database } from 'better-sqlite3';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { dumpDatabase } from '../testing/database-dump';
import { tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import {
  readOnly,
  WriteOnReaderError,
  type ReadableDB,
  type ReaderConnection,
  type WritableDB,
} from './access';

let core: TestCore;
afterEach(() => core?.dispose());

/** Statements a reader must refuse, one of each way SQL writes. */
const WRITES = [
  "INSERT INTO settings (key, value) VALUES ('language', '\"en\"')",
  'UPDATE customers SET display_name = NULL',
  'DELETE FROM customers',
  "REPLACE INTO settings (key, value) VALUES ('language', '\"en\"')",
  'WITH gone AS (SELECT id FROM customers) DELETE FROM notes WHERE customer_id IN gone',
  "INSERT INTO customers_fts (customers_fts) VALUES ('optimize')",
  'CREATE TABLE stolen (x)',
  'DROP TABLE notes',
  'PRAGMA user_version = 99',
];

describe('a reader', () => {
  it('refuses to prepare any statement that writes, on its own connection and as a view of the writer', () => {
    core = tempCore();
    core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria' }));
    const before = dumpDatabase(core.db);
    const connection = core.openReader();
    try {
      for (const reader of [connection, readOnly(core.db)]) {
        for (const sql of WRITES) {
          expect(() => reader.prepare(sql), sql).toThrow(WriteOnReaderError);
        }
        const count = reader.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers');
        expect(count.get()).toEqual({ n: 1 });
      }
    } finally {
      connection.close();
    }
    expect(dumpDatabase(core.db)).toEqual(before);
  });

  it('has no run() and no exec() in its type; the writer is a reader too, a bare connection is neither', () => {
    expectTypeOf<ReturnType<ReadableDB['prepare']>>().not.toHaveProperty('run');
    expectTypeOf<ReadableDB>().not.toHaveProperty('exec');
    expectTypeOf<ReadableDB>().not.toHaveProperty('transaction');
    expectTypeOf<WritableDB>().toExtend<ReadableDB>();
    expectTypeOf<Database>().not.toExtend<ReadableDB>();
    expectTypeOf<Database>().not.toExtend<WritableDB>();
  });

  it('sees one snapshot for as long as its read lasts, while the writer goes on', async () => {
    core = tempCore();
    core.inbox.ingest(whatsapp('5511999998888'));
    const reader: ReaderConnection = core.openReader();
    const customers = reader.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers');
    try {
      const seen = await reader.snapshot(async () => {
        const first = customers.get()!.n;
        core.inbox.ingest(whatsapp('5511988887777'));
        await new Promise((resolve) => setTimeout(resolve, 10));
        return [first, customers.get()!.n];
      });
      expect(seen).toEqual([1, 1]);
      expect(customers.get()!.n).toBe(2);
    } finally {
      reader.close();
    }
  });
});
