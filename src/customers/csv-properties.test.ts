/**
 * Properties of the CSV import and export over generated sheets and customers (fast-check): any
 * sheet is stored row by row as the app keeps values, or refused whole naming a line and changing
 * nothing; an export imported elsewhere gives the same customers back; and no cell of an export
 * is a formula, whichever separator it is opened with. `RUNS` cases each.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateCustomerSchema } from '../api/contract';
import type { ApiError } from '../api/errors';
import { event, tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import { csvCell, unguard } from './csv';
import { importCustomersCsv } from './csv-import';
import {
  cellText,
  email,
  phone,
  PROPERTY_TIMEOUT,
  RUNS,
  sheet,
  type SheetCase,
  type Value,
} from './testing/sheet-arbitraries';
import { customerData, exportText, lenientCells } from './testing/sheets';

let shop: TestCore;
let source: TestCore;
let other: TestCore;
beforeAll(() => {
  shop = tempCore();
  source = tempCore();
  other = tempCore();
  // What a shop already has: people from two channels, tags, a note (area 48, seed.test).
  shop.inbox.ingestBatch([
    whatsapp('5548999990001', { displayName: 'Cliente Antiga' }),
    event({ channel: 'telegram', externalUserId: '31', username: 'conceicao' }),
  ]);
  const id = shop.customers.editor.create({
    displayName: 'VIP da casa',
    phone: '+55 48 99999-0002',
    email: 'vip@seed.test',
    tags: ['VIP', 'atacado'],
  });
  shop.customers.editor.addNote(id, 'paga em dia');
});
afterAll(() => {
  for (const core of [shop, source, other]) core.dispose();
});

/** Runs `work`, then undoes all it stored, so that every case starts from the same database. */
async function undone<T>(core: TestCore, work: () => Promise<T>): Promise<T> {
  core.db.exec('SAVEPOINT property_case');
  try {
    return await work();
  } finally {
    core.db.exec('ROLLBACK TO property_case');
    core.db.exec('RELEASE property_case');
  }
}

/**
 * Runs `work` and then deletes every customer and tag: for a database an export reads, which it
 * does on a connection of its own that sees only what was committed.
 */
async function forgotten<T>(core: TestCore, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    core.db.exec('DELETE FROM customers; DELETE FROM tags; DELETE FROM customers_fts');
  }
}

/** Tags are one when SQLite's NOCASE says so: A to Z folded, nothing else. */
const tagKey = (tag: string) => tag.replace(/[A-Z]/g, (c) => c.toLowerCase());

interface Canonical {
  name: string | null;
  phone: string | null;
  email: string | null;
  tags: string[];
  notes: string[];
}
const order = (list: Canonical[]) => list.map((c) => JSON.stringify(c)).sort();

/** The customers from `firstId` on, as the comparisons see them. */
function customersFrom(core: TestCore, firstId: number): Canonical[] {
  const { db } = core;
  const tags = db.prepare<[number], { name: string }>(
    'SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = ?',
  );
  const notes = db.prepare<[number], { body: string }>(
    'SELECT body FROM notes WHERE customer_id = ? ORDER BY id',
  );
  return db
    .prepare<
      [number],
      { id: number; name: string | null; phone: string | null; email: string | null }
    >('SELECT id, display_name AS name, phone, email FROM customers WHERE id >= ? ORDER BY id')
    .all(firstId)
    .map((c) => ({
      name: c.name,
      phone: c.phone,
      email: c.email,
      tags: tags
        .all(c.id)
        .map((t) => tagKey(t.name))
        .sort(),
      notes: notes.all(c.id).map((n) => n.body),
    }));
}

const nextId = (core: TestCore) =>
  (core.db.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM customers').get() as { id: number })
    .id;

/** What a well-formed sheet must leave: per row, the customer, or the line reported. */
function expectedOf(sheetCase: SheetCase) {
  const kept = (v: Value) => (typeof v.stored === 'string' ? v.stored : null);
  const customers: Canonical[] = [];
  const skipped: number[] = [];
  const warned: number[] = [];
  sheetCase.rows.forEach((row, i) => {
    const line = sheetCase.lines[i]!;
    if (!kept(row.name) && !kept(row.phone) && !kept(row.email)) return skipped.push(line);
    const keys = new Set<string>();
    const tags = row.tags
      .map(kept)
      .filter((t): t is string => t !== null && keys.size < keys.add(tagKey(t)).size);
    const values = [row.name, row.phone, row.email, ...row.tags, ...row.notes];
    if (values.some((v) => v.stored === null) || tags.length > 50) warned.push(line);
    customers.push({
      name: kept(row.name),
      phone: kept(row.phone),
      email: kept(row.email),
      tags: tags.slice(0, 50).map(tagKey).sort(),
      notes: row.notes.map(kept).filter((n): n is string => n !== null),
    });
  });
  return { customers, skipped, warned };
}

describe('CSV import, over generated sheets', () => {
  it(
    `stores each row as the app keeps it, or refuses the sheet naming a line and changes nothing (${RUNS} sheets)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(sheet, (sheetCase) =>
          undone(shop, async () => {
            const before = customerData(shop.db);
            const firstId = nextId(shop);
            const outcome = await importCustomersCsv(shop, sheetCase.text).catch(
              (error: ApiError) => error,
            );
            if (sheetCase.damage !== 'none') {
              expect(outcome).toMatchObject({ code: 'bad_input' });
              const line = Number(/^Line (\d+): /.exec((outcome as ApiError).message)?.[1]);
              const lastLine = sheetCase.text.split(/\r\n|\r|\n/).length;
              expect(line).toBeGreaterThanOrEqual(1);
              expect(line).toBeLessThanOrEqual(lastLine);
              if (sheetCase.damagedLine !== null) expect(line).toBe(sheetCase.damagedLine);
              expect(customerData(shop.db)).toEqual(before);
              return;
            }
            if (outcome instanceof Error) throw outcome;
            const expected = expectedOf(sheetCase);
            expect(outcome).toMatchObject({
              rows: sheetCase.rows.length,
              created: expected.customers.length,
              updated: 0,
            });
            expect(outcome.skipped.map((s) => s.line)).toEqual(expected.skipped);
            expect(outcome.warnings.map((w) => w.line)).toEqual(expected.warned);
            expect(order(customersFrom(shop, firstId))).toEqual(order(expected.customers));
            // What was there before is as it was.
            const after = customerData(shop.db);
            const old = (rows: unknown[], key: string) =>
              rows.filter((r) => (r as Record<string, number>)[key]! < firstId);
            expect(old(after.customers, 'id')).toEqual(before.customers);
            expect(after.identities).toEqual(before.identities);
            expect(old(after.notes, 'customer_id')).toEqual(before.notes);
            expect(old(after.customerTags, 'customer_id')).toEqual(before.customerTags);
          }),
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

/** Customers as an agent would add them through the API: the contract's schema, then the editor. */
const customers = fc
  .array(
    fc.record({
      name: cellText,
      phone: fc.option(phone, { nil: undefined }),
      email: fc.option(email, { nil: undefined }),
      tags: fc.array(cellText, { maxLength: 4 }),
      notes: fc.array(cellText, { maxLength: 3 }),
    }),
    { maxLength: 8 },
  )
  .map((list) => {
    // One customer per phone and per e-mail, as the editor insists.
    const seen = new Set<string>();
    const once = (v: Value | undefined) =>
      v && !seen.has(String(v.stored)) && seen.add(String(v.stored)) ? v.text : undefined;
    return list.map((c) => ({ ...c, phone: once(c.phone), email: once(c.email) }));
  });

describe('CSV export, then import', () => {
  it(
    `gives back names, phones, e-mails, tags and notes (${RUNS} customer lists)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          customers,
          fc.constantFrom(';', ',' as const),
          fc.constantFrom('pt-BR', 'en' as const),
          fc.boolean(),
          (list, delimiter, language, asBytes) =>
            forgotten(source, () =>
              undone(other, async () => {
                for (const c of list) {
                  const input = CreateCustomerSchema.safeParse({
                    displayName: c.name,
                    phone: c.phone,
                    email: c.email,
                    tags: c.tags,
                  });
                  if (!input.success) continue;
                  const id = source.customers.editor.create(input.data);
                  for (const note of c.notes.map((n) => n.trim()))
                    if (note !== '') source.customers.editor.addNote(id, note);
                }
                const text = await exportText(source, { filter: {}, delimiter, language });
                const report = await importCustomersCsv(other, asBytes ? Buffer.from(text) : text);
                expect(report).toMatchObject({ skipped: [], warnings: [] });
                expect(order(customersFrom(other, 1))).toEqual(order(customersFrom(source, 1)));
              }),
            ),
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('CSV cells', () => {
  it(
    `are never a formula, whichever separator reads the file, and read back as written (${RUNS * 10} rows)`,
    () => {
      fc.assert(
        fc.property(
          fc.array(cellText, { minLength: 1, maxLength: 4 }),
          fc.constantFrom(';', ','),
          (values, delimiter) => {
            const line = values.map(csvCell).join(delimiter);
            for (const separator of [';', ',', '\t'])
              expect(lenientCells(line, separator).filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
            const read = parse(line, {
              delimiter,
              record_delimiter: ['\r\n', '\n', '\r'],
            }) as string[][];
            // A row of one empty cell is an empty line.
            expect((read[0] ?? ['']).map(unguard)).toEqual(values);
          },
        ),
        { numRuns: RUNS * 10 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
