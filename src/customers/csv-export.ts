import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { CustomerFilter, CustomerSort, Settings } from '../api/contract';
import type { ReadableDB, ReaderConnection } from '../db/access';
import type { Rows } from '../db/rows';
import { effectiveCsvDelimiter, effectiveLanguage, type SettingsStore } from '../settings/store';
import type { Source } from '../shared/domain';
import { localDateTimeFormatter } from '../shared/time';
import { BOM, csvCell, VALUE_SEPARATOR } from './csv';
import { createCustomerPager, filterConditions, type Order } from './query';

const HEADERS = {
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

const SOURCE_LABELS: Record<'pt-BR' | 'en', Record<Source, string>> = {
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
  language?: 'pt-BR' | 'en';
}

export interface ExportOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Rows read per query; each page is a fresh query, so the connection stays free between them. */
  pageSize?: number;
}

/** The file name an export is offered under: clientela-clientes-2026-11-24.csv. */
export function exportFileName(now: number): string {
  return `clientela-clientes-${new Date(now).toISOString().slice(0, 10)}.csv`;
}

/** Counts the customers an export (or the list) with these filters covers. */
export function countCustomers(db: ReadableDB, filter: CustomerFilter, timeZone: string): number {
  const { conditions, params } = filterConditions(db, filter, timeZone);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return (db.prepare(`SELECT count(*) AS n FROM customers c ${where}`).get(params) as { n: number })
    .n;
}

/** Where an export reads from: a snapshot connection of its own, and the settings (a Core has both). */
export interface ExportSource {
  openReader(): ReaderConnection;
  settings: SettingsStore;
}

/**
 * Streams the customers matching the list's filters as CSV, in the list's order: UTF-8 with BOM,
 * ";" for Portuguese (Excel's expectation there) or ",", dates as local "YYYY-MM-DD HH:MM:SS".
 * Reads one snapshot on its own connection, so messages arriving meanwhile neither block nor
 * shift it; memory stays flat: one page of rows at a time, waiting for the output to drain.
 */
export async function exportCustomersCsv(
  core: ExportSource,
  request: ExportRequest,
  output: Writable | NodeJS.WritableStream,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  const reader = core.openReader();
  try {
    return await reader.snapshot(() =>
      writeCsv(reader, core.settings.get(), request, output, options),
    );
  } finally {
    reader.close();
  }
}

async function writeCsv(
  db: ReadableDB,
  settings: Settings,
  request: ExportRequest,
  output: Writable | NodeJS.WritableStream,
  options: ExportOptions,
): Promise<{ rows: number }> {
  const language = request.language ?? effectiveLanguage(settings);
  const delimiter = request.delimiter ?? effectiveCsvDelimiter({ ...settings, language });
  const date = localDateTimeFormatter(settings.timeZone);
  const sources = SOURCE_LABELS[language];
  const when = (ms: number | null) => (ms === null ? '' : date(ms));
  const page = createCustomerPager(db);
  const pageSize = options.pageSize ?? 2_000;
  const total = options.onProgress ? countCustomers(db, request.filter, settings.timeZone) : 0;
  const write = async (chunk: string) => {
    if (!output.write(chunk)) await once(output as Writable, 'drain', { signal: options.signal });
  };

  await write(BOM + HEADERS[language].join(delimiter) + '\r\n');
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
    let chunk = '';
    for (const r of result.rows) {
      chunk +=
        [
          r.id,
          csvCell(r.name),
          csvCell(r.phones),
          csvCell(r.emails),
          csvCell(r.usernames),
          csvCell(r.channels),
          csvCell(sources[r.source]),
          when(r.firstContactAt),
          when(r.lastSeenAt),
          csvCell(r.tags),
          csvCell(r.notes),
        ].join(delimiter) + '\r\n';
    }
    rows += result.rows.length;
    if (chunk) await write(chunk);
    options.onProgress?.(rows, total);
    cursor = result.nextCursor ?? undefined;
  } while (cursor);
  return { rows };
}
