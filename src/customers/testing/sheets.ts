/** Helpers for the CSV tests: a database's customer data as one value, and an export as text. */
import type { Database } from 'better-sqlite3';
import { PassThrough } from 'node:stream';
import type { Core } from '../../core';
import { exportCustomersCsv, type ExportRequest } from '../csv-export';

/** Every row of the tables an import may write, in a fixed order: equal before and after. */
export function customerData(db: Database): Record<string, unknown[]> {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    customers: all('SELECT * FROM customers ORDER BY id'),
    identities: all('SELECT * FROM identities ORDER BY id'),
    notes: all('SELECT * FROM notes ORDER BY id'),
    tags: all('SELECT * FROM tags ORDER BY id'),
    customerTags: all('SELECT * FROM customer_tags ORDER BY customer_id, tag_id'),
    search: all('SELECT rowid, body FROM customers_fts ORDER BY rowid'),
  };
}

/** The whole export of `core` as text. */
export async function exportText(core: Core, request: Partial<ExportRequest> = {}) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportCustomersCsv(core, { filter: {}, ...request }, out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}
