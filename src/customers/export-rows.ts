/**
 * What a customer export reads, whatever file it writes (csv-export.ts, xlsx-export.ts): the
 * list's filters and order over one snapshot, one page at a time, and each row's values in the
 * export's columns and language.
 */
import type { CustomerFilter, CustomerSort, Settings } from '../api/contract';
import type { ReadableDB, ReaderConnection } from '../db/access';
import type { Rows } from '../db/rows';
import { effectiveLanguage, type SettingsStore } from '../settings/store';
import type { Source } from '../shared/domain';
import { VALUE_SEPARATOR } from './csv';
import { formatPhone } from './phone';
import { createCustomerPager, filterConditions, type Order } from './query';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportLanguage = 'pt-BR' | 'en';

export const EXPORT_HEADERS = {
  'pt-BR': [
    'id',
    'nome',
    'telefones',
    'emails',
    'usuários',
    'canais',
    'origem',
    'primeiro contato',
    'visto por último',
    'tags',
    'notas',
  ],
  en: [
    'id',
    'name',
    'phones',
    'emails',
    'usernames',
    'channels',
    'source',
    'first contact',
    'last seen',
    'tags',
    'notes',
  ],
} as const;

const SOURCE_LABELS: Record<ExportLanguage, Record<Source, string>> = {
  'pt-BR': { auto_created: 'criado automaticamente', manual: 'manual', import: 'importado' },
  en: { auto_created: 'auto-created', manual: 'manual', import: 'imported' },
};

/** The values of one column of the customer's rows as one cell (see `VALUE_SEPARATOR`). */
const values = (column: string) =>
  `group_concat(replace(${column}, '|', '||'), '${VALUE_SEPARATOR}')`;

/** One row per customer; multi-valued columns gathered by correlated subqueries on indexes. */
export const EXPORT_COLUMNS = `c.id, c.display_name AS name,
  (SELECT ${values('v')} FROM (
     SELECT c.phone AS v WHERE c.phone IS NOT NULL
     UNION SELECT phone FROM identities WHERE customer_id = c.id AND phone IS NOT NULL)) AS phones,
  (SELECT ${values('v')} FROM (
     SELECT c.email AS v WHERE c.email IS NOT NULL
     UNION SELECT email FROM identities WHERE customer_id = c.id AND email IS NOT NULL)) AS emails,
  (SELECT ${values('v')} FROM (
     SELECT DISTINCT username AS v FROM identities WHERE customer_id = c.id AND username IS NOT NULL)) AS usernames,
  (SELECT ${values('v')} FROM (
     SELECT DISTINCT channel AS v FROM identities WHERE customer_id = c.id ORDER BY channel)) AS channels,
  c.source, c.first_contact_at AS firstContactAt, c.last_seen_at AS lastSeenAt,
  (SELECT ${values('v')} FROM (
     SELECT t.name AS v FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
     WHERE ct.customer_id = c.id ORDER BY t.name COLLATE NOCASE)) AS tags,
  (SELECT ${values('body')} FROM (
     SELECT body FROM notes WHERE customer_id = c.id ORDER BY created_at, id)) AS notes`;

/** EXPORT_COLUMNS: the customer's own columns, and its many-valued ones each in one cell. */
type ExportRow = Pick<Rows['customers'], 'id' | 'source' | 'firstContactAt' | 'lastSeenAt'> & {
  name: Rows['customers']['displayName'];
} & Record<'phones' | 'emails' | 'usernames' | 'channels' | 'tags' | 'notes', string | null>;

export interface ExportRequest {
  filter: CustomerFilter;
  sort?: CustomerSort;
  order?: Order;
  delimiter?: ',' | ';';
  /** The settings' (or the system's) language when absent. */
  language?: ExportLanguage;
}

export interface ExportOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Rows read per query; each page is a fresh query, so the connection stays free between them. */
  pageSize?: number;
}

/** Where an export reads from: a snapshot connection of its own, and the settings (a Core has both). */
export interface ExportSource {
  openReader(): ReaderConnection;
  settings: SettingsStore;
  now(): number;
}

/** One customer as an export writes it; phones as people write them ("+55 11 99999-8888"). */
export interface ExportedCustomer {
  id: number;
  /** Name, phones, emails, usernames, channels and source: EXPORT_HEADERS' columns 2 to 7. */
  text: (string | null)[];
  firstContactAt: number | null;
  lastSeenAt: number | null;
  /** Tags and notes: the last two columns. */
  tail: (string | null)[];
}

/** What a file format is handed: the export's language, the settings, and the rows page by page. */
export interface ExportRun {
  language: ExportLanguage;
  settings: Settings;
  pages: AsyncGenerator<ExportedCustomer[]>;
}

/** The file name an export is offered under: clientela-clientes-2026-11-24.csv (or .xlsx). */
export function exportFileName(now: number, format: ExportFormat = 'csv'): string {
  return `clientela-clientes-${new Date(now).toISOString().slice(0, 10)}.${format}`;
}

/** Counts the customers an export (or the list) with these filters covers. */
export function countCustomers(db: ReadableDB, filter: CustomerFilter, timeZone: string): number {
  const { conditions, params } = filterConditions(db, filter, timeZone);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return (db.prepare(`SELECT count(*) AS n FROM customers c ${where}`).get(params) as { n: number })
    .n;
}

/** Each phone of a cell as people write it, "+55 11 99999-8888 | +55 21 98888-7777". */
const writtenPhones = (cell: string | null) =>
  cell === null ? null : cell.split(VALUE_SEPARATOR).map(formatPhone).join(VALUE_SEPARATOR);

/**
 * Runs `write` over the customers matching the list's filters, in the list's order, read from one
 * snapshot on a connection of its own: messages arriving meanwhile neither block nor shift it, and
 * memory holds one page of rows at a time.
 */
export async function readExport<T>(
  core: ExportSource,
  request: ExportRequest,
  options: ExportOptions,
  write: (run: ExportRun) => Promise<T>,
): Promise<T> {
  const reader = core.openReader();
  try {
    return await reader.snapshot(() => {
      const settings = core.settings.get();
      const language = request.language ?? effectiveLanguage(settings);
      return write({
        language,
        settings,
        pages: pagesOf(reader, settings, language, request, options),
      });
    });
  } finally {
    reader.close();
  }
}

async function* pagesOf(
  db: ReadableDB,
  settings: Settings,
  language: ExportLanguage,
  request: ExportRequest,
  options: ExportOptions,
): AsyncGenerator<ExportedCustomer[]> {
  const sources = SOURCE_LABELS[language];
  const page = createCustomerPager(db);
  const pageSize = options.pageSize ?? 2_000;
  const total = options.onProgress ? countCustomers(db, request.filter, settings.timeZone) : 0;
  let rows = 0;
  let cursor: string | undefined;
  do {
    options.signal?.throwIfAborted();
    const result = page<ExportRow>(EXPORT_COLUMNS, {
      filter: request.filter,
      sort: request.sort ?? 'lastSeen',
      order: request.order,
      cursor,
      limit: pageSize,
      timeZone: settings.timeZone,
    });
    yield result.rows.map((r) => ({
      id: r.id,
      text: [r.name, writtenPhones(r.phones), r.emails, r.usernames, r.channels, sources[r.source]],
      firstContactAt: r.firstContactAt,
      lastSeenAt: r.lastSeenAt,
      tail: [r.tags, r.notes],
    }));
    rows += result.rows.length;
    options.onProgress?.(rows, total);
    cursor = result.nextCursor ?? undefined;
  } while (cursor);
}
