/** Helpers for the CSV tests: a database's customer data as one value, and an export as text. */
import type { Database } from 'better-sqlite3';
import { PassThrough } from 'node:stream';
import { exportCustomersCsv } from '../csv-export';
import type { ExportRequest, ExportSource } from '../export-rows';

/** Every row of the tables an import may write, in a fixed order: equal before and after. */
export function customerData(db: Database) {
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

/** All that `write` writes to a stream, as bytes. */
export async function written(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(out);
  out.end();
  return Buffer.concat(chunks);
}

/** The whole export of `core` as text. */
export async function exportText(core: ExportSource, request: Partial<ExportRequest> = {}) {
  const bytes = await written((out) => exportCustomersCsv(core, { filter: {}, ...request }, out));
  return bytes.toString('utf8');
}

/**
 * The cells of a CSV text as a lenient spreadsheet reads them (Excel, LibreOffice, Sheets): a
 * cell that starts with a quote runs to its closing quote ("" being a quote) or to the end of the
 * file, and what follows up to the separator is added as it is; a quote anywhere else is a
 * character; CRLF, LF and CR end a row. It never refuses a file, as those readers do not.
 */
export function lenientCells(text: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (atStart && c === '"') {
      for (i++; i < text.length; i++) {
        if (text[i] !== '"') cell += text[i];
        else if (text[i + 1] === '"') cell += text[++i];
        else break;
      }
      atStart = false;
    } else if (c === separator || c === '\r' || c === '\n') {
      cells.push(cell);
      cell = '';
      atStart = true;
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else {
      cell += c;
      atStart = false;
    }
  }
  cells.push(cell);
  return cells;
}
