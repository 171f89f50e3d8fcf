/**
 * The write half of a CSV import: every row of a checked sheet, in one transaction.
 *
 * While it runs, the write lock is held and the event loop is busy (better-sqlite3 is
 * synchronous): other writers in this process wait, and those of another process (the CLI beside
 * the app) fail after the 5 s busy timeout. A person nobody knows yet (a first import: nearly every
 * row) is therefore written in a few statements instead of the editor's twenty and its savepoint:
 * 100,000 new people take about 3.2 s of CPU here (was 21 s of row-by-row commits), a sheet
 * imported again 1 s (bench/import-lock.ts measures it from another process).
 */
import { ApiError } from '../api/errors';
import type { DomainEvent, ImportReport } from '../api/types';
import type { WritableDB } from '../db/access';
import type { Rows } from '../db/rows';
import type { EventBus } from '../events/event-bus';
import type { SettingsStore } from '../settings/store';
import { texts } from '../i18n/texts';
import { preview } from '../shared/text';
import { createContactLookup } from './contact-lookup';
import { createCustomerEditor } from './editor';
import { customerSearchable, searchBody } from './search-index';
import { formatPhone } from './phone';
import { deriveProfile } from './profile';
import { tagKey } from './tags';
import { createCustomerWriters } from './writers';

/** What a row of the sheet will store: every value already in the form the app keeps it. */
export interface PlannedRow {
  line: number;
  name: string | null;
  phones: string[];
  emails: string[];
  tags: string[];
  notes: string[];
  /** Values of the sheet that the row is imported without, and why. */
  leftOut: string[];
}

/**
 * A planned row packed into one string, so that a sheet of millions of rows waits for its
 * transaction in little more memory than its own text: about 115 bytes a typical row, against 500
 * as an object with six arrays (2.5 million rows, a 200 MB sheet: 290 MB instead of 1.2 GB). NUL
 * separates the parts: a sheet holding one is refused when it is read.
 */
export type PackedRow = string & { readonly packed: unique symbol };

export function packRow(row: PlannedRow): PackedRow {
  const list = (values: string[]) => [values.length, ...values];
  return [
    row.line,
    row.name ?? '',
    ...list(row.phones),
    ...list(row.emails),
    ...list(row.tags),
    ...list(row.notes),
    ...list(row.leftOut),
  ].join('\0') as PackedRow;
}

function unpackRow(packed: PackedRow): PlannedRow {
  const parts = packed.split('\0');
  let at = 2;
  const list = () => {
    const values = parts.slice(at + 1, at + 1 + Number(parts[at]));
    at += 1 + values.length;
    return values;
  };
  return {
    line: Number(parts[0]),
    name: parts[1] || null,
    phones: list(),
    emails: list(),
    tags: list(),
    notes: list(),
    leftOut: list(),
  };
}

/** Quoted values in reasons are cut short: a reason repeats the cell, and cells can be huge. */
export const shown = (value: string) => preview(value, 80);

/** A value the import keeps, in a reason as people read it: "+55 11 3333-4444". */
const shownValue = (kind: 'phone' | 'email', value: string) =>
  kind === 'phone' ? formatPhone(value) : value;

/** What an import writes with: the database, its settings, the bus, the clock (a Core has them). */
export interface ImportTarget {
  db: WritableDB;
  settings: SettingsStore;
  bus: EventBus;
  now: () => number;
}

/** Thrown out of a preview's transaction so that SQLite rolls all of it back. */
class RolledBack extends Error {}

/**
 * Writes the planned rows in one transaction, counting them into `report`, and returns the domain
 * events to announce once it has committed. A row the editor refuses refuses the whole import,
 * naming its line: nothing is stored that the report does not tell. A `preview` makes the same
 * writes and rolls them back: its report is the import's, to the row, and it stores nothing.
 */
export function writeImport(
  core: ImportTarget,
  plan: PackedRow[],
  report: ImportReport,
  mode: 'store' | 'preview' = 'store',
): DomainEvent[] {
  const { db } = core;
  const events: DomainEvent[] = [];
  // The editor's events wait for the import's commit.
  const editor = createCustomerEditor(db, {
    settings: core.settings,
    now: core.now,
    bus: { emit: (batch) => void events.push(...batch), subscribe: () => () => undefined },
  });
  const contacts = createContactLookup(db);
  const { customers, notes, tags, index } = createCustomerWriters(db);
  const anyUnassigned = db.prepare<[], { found: number }>(
    'SELECT EXISTS (SELECT 1 FROM identities WHERE customer_id IS NULL) AS found',
  );
  const unassigned = db.prepare<[string | null, string | null], { found: number }>(
    `SELECT EXISTS (SELECT 1 FROM identities WHERE phone = ? AND customer_id IS NULL
                    UNION ALL SELECT 1 FROM identities WHERE email = ? AND customer_id IS NULL)
       AS found`,
  );
  const customerRow = db.prepare<
    [number],
    Pick<Rows['customers'], 'displayName' | 'nameLocked' | 'phone' | 'email'>
  >(
    `SELECT display_name AS displayName, name_locked AS nameLocked, phone, email
     FROM customers WHERE id = ?`,
  );
  const contactsOf = db.prepare<[number], Pick<Rows['identities'], 'phone' | 'email'>>(
    'SELECT phone, email FROM identities WHERE customer_id = ?',
  );
  const tagsOf = db.prepare<[number], Pick<Rows['tags'], 'name'>>(
    `SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.customer_id = ?`,
  );
  const notesOf = db.prepare<[number], Pick<Rows['notes'], 'body'>>(
    'SELECT body FROM notes WHERE customer_id = ?',
  );
  const owner = (kind: 'phone' | 'email', value: string) =>
    kind === 'phone' ? contacts.find(value, null) : contacts.find(null, value);

  /** A customer with no identity to attach: the editor's `create`, in the fewest statements. */
  function createFresh(row: PlannedRow): number {
    const now = core.now();
    const profile = deriveProfile(
      {
        id: 0,
        displayName: row.name,
        nameLocked: row.name !== null,
        phone: row.phones[0] ?? null,
        email: row.emails[0] ?? null,
        source: 'import',
      },
      [],
    );
    const id = customers.insert(
      {
        displayName: profile.displayName,
        nameLocked: row.name !== null,
        sortName: profile.sortName,
        phone: profile.phone,
        email: profile.email,
        source: 'import',
      },
      now,
    );
    tags.add(id, row.tags);
    for (const note of row.notes) notes.insert(id, note, now);
    index.write(id, searchBody(customerSearchable(profile, [], row.notes)), true);
    events.push({ type: 'customer.created', customerId: id });
    return id;
  }

  /** A new customer; returns the row's values it could not keep. */
  function create(row: PlannedRow, attach: boolean): string[] {
    if (attach) {
      const [note, ...more] = row.notes;
      const id = editor.create({
        displayName: row.name,
        phone: row.phones[0],
        email: row.emails[0],
        tags: row.tags,
        note,
        source: 'import',
      });
      for (const body of more) editor.addNote(id, body);
    } else createFresh(row);
    return [
      ...row.phones.slice(1).map((p) => texts().csvOnlyOne(formatPhone(p), 'phone')),
      ...row.emails.slice(1).map((e) => texts().csvOnlyOne(e, 'email')),
    ];
  }

  /** Fills what the customer lacks and adds tags and notes; returns what it could not keep. */
  function update(id: number, row: PlannedRow): string[] {
    const current = customerRow.get(id)!;
    const identities = contactsOf.all(id);
    const currentTags = tagsOf.all(id).map((t) => t.name);
    const notKept: string[] = [];
    /** The first of the sheet's values the customer can take, when it has none of that kind. */
    const contact = (kind: 'phone' | 'email', values: string[]) => {
      const own = new Set([current[kind], ...identities.map((i) => i[kind])]);
      const added = current[kind] ? undefined : values.find((v) => owner(kind, v) === null);
      for (const value of values)
        if (!own.has(value) && value !== added)
          notKept.push(
            owner(kind, value) === null
              ? texts().csvOnlyOne(shownValue(kind, value), kind)
              : texts().csvTaken(shownValue(kind, value)),
          );
      return added;
    };
    const phone = contact('phone', row.phones);
    const email = contact('email', row.emails);
    // A name from the owner's sheet beats a channel profile name, never one typed in the app.
    const name = current.nameLocked || row.name === current.displayName ? undefined : row.name;
    if (current.nameLocked && row.name !== null && row.name !== current.displayName)
      notKept.push(texts().csvNameKept(shown(row.name)));
    const known = new Set(currentTags.map(tagKey));
    const newTags = row.tags.filter((tag) => !known.has(tagKey(tag)));
    // Re-importing the same sheet changes nothing, and writes nothing.
    if (name != null || phone || email || newTags.length > 0)
      editor.update(id, {
        displayName: name ?? undefined,
        phone,
        email,
        tags: newTags.length > 0 ? [...currentTags, ...newTags] : undefined,
      });
    // The customer's notes, counted: a note already there is not added again, twice is twice.
    const notes = new Map<string, number>();
    for (const { body } of notesOf.all(id)) notes.set(body, (notes.get(body) ?? 0) + 1);
    for (const note of row.notes) {
      const left = notes.get(note) ?? 0;
      if (left > 0) notes.set(note, left - 1);
      else editor.addNote(id, note);
    }
    return notKept;
  }

  const write = db.transaction(() => {
    const mayAttach = anyUnassigned.get()!.found === 1;
    for (const packed of plan) {
      const row = unpackRow(packed);
      const existing =
        row.phones.map((p) => owner('phone', p)).find((id) => id !== null) ??
        row.emails.map((e) => owner('email', e)).find((id) => id !== null) ??
        null;
      let notKept: string[];
      try {
        if (existing !== null) notKept = update(existing, row);
        else {
          const attach =
            mayAttach && unassigned.get(row.phones[0] ?? null, row.emails[0] ?? null)!.found === 1;
          notKept = create(row, attach);
        }
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        throw new ApiError(error.code, texts().csvBadLine(row.line, error.message), {
          line: row.line,
        });
      }
      if (existing === null) report.created++;
      else report.updated++;
      const leftOut = [...row.leftOut, ...notKept];
      if (leftOut.length > 0)
        report.warnings.push({
          line: row.line,
          reason: texts().csvImportedWithout(leftOut.join('; ')),
        });
    }
    if (mode === 'preview') throw new RolledBack();
  });
  try {
    write.immediate();
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
    return [];
  }
  return events;
}
