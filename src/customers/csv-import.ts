import { setImmediate as nextTurn } from 'node:timers/promises';
import type { z } from 'zod';
import { contract, CreateCustomerSchema, MAX_TAGS, type ImportSheet } from '../api/contract';
import { ApiError, describeZodError, fieldName } from '../api/errors';
import type { ImportReport } from '../api/types';
import { decodeSheet, looksLikeZip } from '../shared/sheet-text';
import { normalizeEmail } from './contact-lookup';
import { unguard } from './csv';
import { readSheet, type SheetRow } from './csv-read';
import { fieldOf, identifies, valuesOf, type Field } from './import-columns';
import {
  packRow,
  shown,
  writeImport,
  type ImportTarget,
  type PackedRow,
  type PlannedRow,
} from './csv-write';
import { tagKey } from './tags';
import { normalizePhone } from './phone';
import { texts } from '../i18n/texts';
import { readXlsx } from './xlsx-read';

/** The app's own rules for what an agent types, so a sheet cannot store what the form refuses. */
const RULES = {
  displayName: CreateCustomerSchema.shape.displayName,
  email: CreateCustomerSchema.shape.email,
  tags: CreateCustomerSchema.shape.tags.unwrap(),
  body: contract['customers.addNote'].input.shape.body,
};

/** Rows read between two turns of the event loop, so a large sheet does not stall the server. */
const ROWS_PER_TURN = 1_000;

/**
 * Adds or updates customers from a sheet: our own export, or any sheet with name / phone /
 * email columns (tags and notes too), as CSV or XLSX, the exports of Google Contacts, Chatwoot
 * and the WhatsApp exporters included (import-columns.ts). A row matching a known phone or email
 * updates that customer (filling what is missing, adding tags and notes); otherwise it becomes a
 * customer with source "import". All or nothing: the whole sheet is read and checked first,
 * without holding the database, and a sheet that cannot be read is refused naming the line to
 * fix; then every row is written in one transaction (csv-write.ts). A row that cannot be stored
 * as it is, is reported with its line (skipped, or imported without the values that could not be
 * kept), never silently changed. `input` is a CSV's text, or a file's bytes: an XLSX, or a CSV
 * decoded as Excel may have written it.
 */
export function importCustomersCsv(
  core: ImportTarget,
  input: string | Uint8Array,
): Promise<ImportReport> {
  return runImport(core, input, 'store');
}

/**
 * What `importCustomersCsv` would do with this sheet, to the row: the customers it would create
 * and update, the rows it would skip and the values it would leave out, each with its reason;
 * the same writes are made and rolled back, so nothing is stored and nothing announced.
 */
export function previewCustomersImport(
  core: ImportTarget,
  input: string | Uint8Array,
): Promise<ImportReport> {
  return runImport(core, input, 'preview');
}

/** A sheet as the API carries it, as the import reads it: a CSV's text or an XLSX's bytes. */
export function sheetInput(sheet: ImportSheet): string | Uint8Array {
  if (sheet.csv !== undefined) return sheet.csv;
  const bytes = Buffer.from(sheet.xlsx ?? '', 'base64');
  if (!looksLikeZip(bytes)) throw new ApiError('bad_input', texts().xlsxUnreadable);
  return bytes;
}

async function runImport(
  core: ImportTarget,
  input: string | Uint8Array,
  mode: 'store' | 'preview',
): Promise<ImportReport> {
  const rows =
    typeof input !== 'string' && looksLikeZip(input)
      ? readXlsx(input)
      : readSheet(typeof input === 'string' ? input : decodeSheet(input)).rows;
  const report: ImportReport = { rows: 0, created: 0, updated: 0, skipped: [], warnings: [] };
  const plan = await planRows(rows, core.settings.get().defaultRegion, report);
  const events = writeImport(core, plan, report, mode);
  if (mode === 'store') core.bus.emit(events);
  const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
  report.skipped.sort(byLine);
  report.warnings.sort(byLine);
  return report;
}

/** Reads every row into the values it will store; refuses the sheet at its first unreadable line. */
async function planRows(
  rows: Iterable<SheetRow>,
  region: string,
  report: ImportReport,
): Promise<PackedRow[]> {
  let columns: (Field | undefined)[] | undefined;
  const plan: PackedRow[] = [];
  for (const row of rows) {
    if (!columns) {
      columns = row.cells.map(fieldOf);
      if (!columns.some(identifies)) throw new ApiError('bad_input', texts().csvHeader);
      continue;
    }
    report.rows++;
    const planned = planRow(row, columns, region);
    if (planned.name === null && planned.phones.length === 0 && planned.emails.length === 0)
      report.skipped.push({
        line: row.line,
        reason: planned.leftOut.join('; ') || texts().csvNothingUsable,
      });
    else plan.push(packRow(planned));
    if (report.rows % ROWS_PER_TURN === 0) await nextTurn();
  }
  if (!columns) throw new ApiError('bad_input', texts().fileEmpty);
  return plan;
}

/**
 * A number written with its country code but no "+" (5511999998888), as WhatsApp exporters take
 * it from the chat's id: read as international when it is no number of the region.
 */
const withCountryCode = (value: string, region: string) =>
  /^\d{11,15}$/.test(value.replace(/[\s().-]/g, '')) ? normalizePhone(`+${value}`, region) : null;

function planRow(row: SheetRow, columns: (Field | undefined)[], region: string): PlannedRow {
  const raw: Record<Field, string[]> = {
    name: [],
    givenName: [],
    middleName: [],
    familyName: [],
    phones: [],
    emails: [],
    tags: [],
    notes: [],
  };
  row.cells.forEach((cell, i) => {
    const field = columns[i];
    if (field) raw[field].push(...valuesOf(field, unguard(cell.trim())));
  });
  // Google Contacts and the like give the name in parts.
  const parts = [...raw.givenName, ...raw.middleName, ...raw.familyName];
  if (raw.name.length === 0 && parts.length > 0) raw.name.push(parts.join(' '));
  const leftOut: string[] = [];
  /** The value as the app keeps it, or undefined (and the reason noted) when it breaks a rule. */
  const checked = <T>(schema: z.ZodType<T>, key: keyof typeof RULES, value: unknown) => {
    const result = schema.safeParse(value);
    if (!result.success) leftOut.push(`${fieldName(key)}: ${describeZodError(result.error)}`);
    return result.success ? result.data : undefined;
  };
  const valid = <T>(values: T[], check: (value: T) => string | null | undefined) =>
    values.map(check).filter((v): v is string => typeof v === 'string');
  const keep = <T>(values: T[], check: (value: T) => string | null | undefined) => [
    ...new Set(valid(values, check)),
  ];

  const name =
    raw.name[0] === undefined ? null : checked(RULES.displayName, 'displayName', raw.name[0]);
  const phones = keep(raw.phones, (value) => {
    const phone = normalizePhone(value, region) ?? withCountryCode(value, region);
    if (!phone) leftOut.push(texts().csvNotAPhone(shown(value)));
    return phone;
  });
  const emails = keep(raw.emails, (value) => {
    const email = normalizeEmail(value);
    if (!email) leftOut.push(texts().notAnEmail(shown(value)));
    return email && checked(RULES.email, 'email', email);
  });
  // One of each tag as the database tells them apart; past the form's limit, the rest are left out.
  const keys = new Set<string>();
  let tags = valid(raw.tags, (tag) => checked(RULES.tags.element, 'tags', tag)).filter(
    (tag) => keys.size < keys.add(tagKey(tag)).size,
  );
  if (checked(RULES.tags, 'tags', tags) === undefined) tags = tags.slice(0, MAX_TAGS);
  // Every note, the same text twice included: an export keeps a customer's notes as they are.
  const notes = valid(raw.notes, (note) => checked(RULES.body, 'body', note));
  return { line: row.line, name: name ?? null, phones, emails, tags, notes, leftOut };
}
