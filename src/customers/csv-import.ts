import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import type { ImportReport } from '../api/types';
import { ApiError } from '../api/errors';
import type { Core } from '../core';
import { foldText } from '../shared/text';
import { createContactLookup, normalizeEmail } from './contact-lookup';
import { unguard } from './csv';
import { normalizePhone } from './phone';
import { texts } from '../i18n/texts';

type Field = 'name' | 'phones' | 'emails' | 'tags';

/** Column names we understand, in Portuguese and English, compared without accents or case. */
const HEADER_FIELDS: Record<string, Field> = {
  nome: 'name',
  name: 'name',
  'nome completo': 'name',
  cliente: 'name',
  telefone: 'phones',
  telefones: 'phones',
  celular: 'phones',
  whatsapp: 'phones',
  fone: 'phones',
  phone: 'phones',
  phones: 'phones',
  mobile: 'phones',
  email: 'emails',
  emails: 'emails',
  'e-mail': 'emails',
  'e-mails': 'emails',
  tags: 'tags',
  etiquetas: 'tags',
};

const split = (cell: string | undefined) =>
  (cell ?? '')
    .split('|')
    .map((v) => unguard(v.trim()))
    .filter((v) => v !== '');

/** The delimiter of a sheet: whichever of ";" and "," its header line has more of. */
function detectDelimiter(firstLine: string): ';' | ',' {
  const count = (c: string) => firstLine.split(c).length;
  return count(';') >= count(',') ? ';' : ',';
}

/**
 * Adds or updates customers from a CSV sheet: our own export, or any sheet with name / phone /
 * email columns. A row matching a known phone or email updates that customer (filling what is
 * missing, adding tags); otherwise it becomes a customer with source "import". Each row commits on
 * its own: a bad row is reported with its line number and the others still land.
 */
export async function importCustomersCsv(
  core: Core,
  input: string | NodeJS.ReadableStream,
): Promise<ImportReport> {
  const text = typeof input === 'string' ? input : await readAll(input);
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(body.slice(0, body.search(/\r?\n|$/)));
  const parser = Readable.from([body]).pipe(
    parse({ delimiter, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }),
  );
  const contacts = createContactLookup(core.db);
  const { defaultRegion } = core.settings.get();
  const report: ImportReport = { rows: 0, created: 0, updated: 0, skipped: [], warnings: [] };
  let columns: (Field | undefined)[] | undefined;

  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>) {
    if (!columns) {
      columns = record.map((h) => HEADER_FIELDS[foldText(h.trim())]);
      if (!columns.some((c) => c === 'name' || c === 'phones' || c === 'emails')) {
        throw new ApiError('bad_input', texts().csvHeader);
      }
      continue;
    }
    report.rows++;
    const line = info.lines;
    const row: Record<Field, string[]> = { name: [], phones: [], emails: [], tags: [] };
    record.forEach((cell, i) => {
      const field = columns![i];
      if (field)
        row[field].push(
          ...(field === 'name' ? [unguard(cell.trim())].filter(Boolean) : split(cell)),
        );
    });
    const problems: string[] = [];
    const phones = row.phones.flatMap((raw) => {
      const phone = normalizePhone(raw, defaultRegion);
      if (!phone) problems.push(texts().csvNotAPhone(raw));
      return phone ? [phone] : [];
    });
    const emails = row.emails.flatMap((raw) => {
      const email = normalizeEmail(raw);
      if (!email) problems.push(texts().notAnEmail(raw));
      return email ? [email] : [];
    });
    const name = row.name[0] ?? null;
    if (!name && phones.length === 0 && emails.length === 0) {
      report.skipped.push({ line, reason: problems.join('; ') || texts().csvNothingUsable });
      continue;
    }
    try {
      const existing =
        phones.map((p) => contacts.find(p, null)).find((id) => id !== null) ??
        emails.map((e) => contacts.find(null, e)).find((id) => id !== null) ??
        null;
      if (existing === null) {
        core.customers.editor.create({
          displayName: name,
          phone: phones[0],
          email: emails[0],
          tags: row.tags,
          source: 'import',
        });
        report.created++;
      } else {
        const current = core.customers.detail.get(existing);
        const free = (value: string | undefined, kind: 'phone' | 'email') =>
          value !== undefined &&
          (kind === 'phone' ? contacts.find(value, null) : contacts.find(null, value)) === null
            ? value
            : undefined;
        core.customers.editor.update(existing, {
          // A name from the owner's sheet beats a channel profile name, never one an agent typed.
          displayName: current.nameLocked ? undefined : (name ?? undefined),
          phone: current.phone ? undefined : free(phones[0], 'phone'),
          email: current.email ? undefined : free(emails[0], 'email'),
          tags: row.tags.length > 0 ? [...new Set([...current.tags, ...row.tags])] : undefined,
        });
        report.updated++;
      }
      if (problems.length > 0)
        report.warnings.push({ line, reason: texts().csvImportedWithout(problems.join('; ')) });
    } catch (error) {
      report.skipped.push({ line, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  if (!columns) throw new ApiError('bad_input', texts().fileEmpty);
  return report;
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
