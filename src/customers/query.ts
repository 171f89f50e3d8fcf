import type { ReadableDB, ReadStatement } from '../db/access';
import type { CustomerFilter, CustomerSort } from '../api/contract';
import { decodeKeyset, takePage } from '../db/paging';
import { zonedWallTimeToInstant } from '../shared/time';
import { ownContact } from './contact-lookup';
import { internationalPhonePrefix, matchQuery, searchTerms, wordNeedles } from './search-index';

const SORT_COLUMNS: Record<CustomerSort, string> = {
  lastSeen: 'c.last_seen_at',
  firstContact: 'c.first_contact_at',
  name: 'c.sort_name',
};

export type Order = 'asc' | 'desc';

/** Names go A to Z, dates newest first, unless asked otherwise. */
export const defaultOrder = (sort: CustomerSort): Order => (sort === 'name' ? 'asc' : 'desc');

const isSortValue = (v: unknown): v is number | string | null =>
  typeof v === 'number' || typeof v === 'string' || v === null;

/** A date-only bound ("2026-11-01") means midnight in the user's time zone. */
function toInstant(value: string, timeZone: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    return zonedWallTimeToInstant(Date.UTC(y, m - 1, d), timeZone);
  }
  return Date.parse(value);
}

/**
 * Above this many customers with a tag, a page is read in sort order, checking each row against
 * the set; below it, the tagged customers are fetched and sorted. Fetching and sorting 100,000 of
 * them costs ~35 ms at a million customers; reading in order until 50 match, ~3 ms. For a rare
 * tag it is the other way round.
 */
const MANY_MATCHES = 2_000;

/**
 * `c.id IN (set)`: driven from the set when it is small, checked row by row while reading in sort
 * order when it is large (the unary + stops SQLite from driving from the set; see MANY_MATCHES).
 */
function inSet(db: ReadableDB, set: string, params: Record<string, unknown>): string {
  const count = db
    .prepare(`SELECT count(*) AS n FROM (${set} LIMIT ${MANY_MATCHES + 1})`)
    .get(params) as { n: number };
  return `${count.n > MANY_MATCHES ? '+c.id' : 'c.id'} IN (${set})`;
}

/** About how many customers there are, at no cost: the highest id (deleted ones leave gaps). */
const customerCount = (db: ReadableDB) =>
  db.prepare<[], { n: number }>('SELECT coalesce(max(id), 0) AS n FROM customers').get()!.n;

/**
 * How many full-text matches make a search "broad": answered by reading the list in sort order
 * and checking each row's `search_words` (~0.5 µs a row, so ~25 µs × customers / matches to find
 * 50 when matches are spread over the list), rather than by fetching the matches and sorting them
 * (~2 µs each: a customer row read by id). Both cost the same at sqrt(12.5 × customers) matches:
 * ~3,500 at a million, where either takes ~7 ms; a word most customers share ("m", "98") is then
 * under 2 ms, and a rare one ("xavier") never reads the whole list.
 */
const broadSearch = (customers: number) => Math.ceil(Math.sqrt(12.5 * customers));

/** SQL conditions (on alias `c`) for a typed search other than the start of a phone number. */
function searchConditions(
  db: ReadableDB,
  typed: string,
  params: Record<string, unknown>,
): string[] {
  const terms = searchTerms(typed);
  const match = matchQuery(terms);
  if (!match) return [];
  const matches = 'SELECT rowid FROM customers_fts WHERE customers_fts MATCH @match';
  const broad = broadSearch(customerCount(db));
  const { n } = db
    .prepare<[{ match: string }], { n: number }>(
      `SELECT count(*) AS n FROM (${matches} LIMIT ${broad + 1})`,
    )
    .get({ match })!;
  if (n <= broad) {
    params.match = match;
    return [`c.id IN (${matches})`];
  }
  return wordNeedles(terms).map((needle, i) => {
    params[`word${i}`] = needle;
    return `instr(c.search_words, @word${i}) > 0`;
  });
}

/**
 * Customers with a phone of their own, or on one of their identities, starting with
 * `@phoneFrom` (E.164 text sorts digit by digit, and ":" follows "9"). Three plans, by the share
 * of customers that match, each the cheapest over its range (measured at a million customers,
 * docs/performance.md):
 * - under 0.1%: read the matches through the phone indexes and sort them (669 matches: 0.8 ms;
 *   7,155: 9.6 ms, a customer row each);
 * - under 1%: collect their ids from the phone indexes alone, then read the list in sort order
 *   keeping those (7,155: 4.0 ms; 28,592: 18 ms to collect; 69: 44 ms to find them in order);
 * - above: read the list in sort order and check each row (28,592: 1.7 ms; 669: 77 ms).
 */
function phoneStartsWith(db: ReadableDB, prefix: string, params: Record<string, unknown>): string {
  params.phoneFrom = prefix;
  params.phoneTo = `${prefix}:`;
  const customers = customerCount(db);
  // Counted on the identities, which hold almost every phone: a customer's own index holds only
  // the few typed ones (see ownContact).
  const { n } = db
    .prepare<[string, string, number], { n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM identities WHERE phone >= ? AND phone < ? LIMIT ?)`,
    )
    .get(prefix, `${prefix}:`, Math.ceil(customers / 100) + 1)!;
  const onIdentity = 'i.phone >= @phoneFrom AND i.phone < @phoneTo';
  if (n * 100 > customers)
    return `(c.phone >= @phoneFrom AND c.phone < @phoneTo
      OR EXISTS (SELECT 1 FROM identities i WHERE i.customer_id = c.id AND ${onIdentity}))`;
  const ids = `SELECT id FROM customers c
               WHERE c.phone >= @phoneFrom AND c.phone < @phoneTo AND ${ownContact('c')}
               UNION SELECT i.customer_id FROM identities i WHERE ${onIdentity}`;
  // The unary + keeps SQLite from driving the query from the ids (see inSet).
  return `${n * 1000 > customers ? '+c.id' : 'c.id'} IN (${ids})`;
}

/** SQL conditions (on alias `c`) and their parameters for the list's filters. */
export function filterConditions(
  db: ReadableDB,
  filter: CustomerFilter,
  timeZone: string,
): { conditions: string[]; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  const phone = filter.search ? internationalPhonePrefix(filter.search) : null;
  if (phone) conditions.push(phoneStartsWith(db, phone, params));
  else if (filter.search) conditions.push(...searchConditions(db, filter.search, params));
  if (filter.channel) {
    conditions.push(
      'EXISTS (SELECT 1 FROM identities i WHERE i.customer_id = c.id AND i.channel = @channel)',
    );
    params.channel = filter.channel;
  }
  if (filter.source) {
    conditions.push('c.source = @source');
    params.source = filter.source;
  }
  if (filter.tag) {
    const tag = db
      .prepare<[string], { id: number }>('SELECT id FROM tags WHERE name = ? COLLATE NOCASE')
      .get(filter.tag);
    // A tag nobody has: nothing matches, and SQLite skips the scan for a constant false.
    params.tagId = tag?.id ?? -1;
    conditions.push(
      tag ? inSet(db, 'SELECT customer_id FROM customer_tags WHERE tag_id = @tagId', params) : '0',
    );
  }
  if (filter.activeSince) {
    conditions.push('c.last_seen_at >= @activeSince');
    params.activeSince = toInstant(filter.activeSince, timeZone);
  }
  if (filter.firstContactFrom) {
    conditions.push('c.first_contact_at >= @firstContactFrom');
    params.firstContactFrom = toInstant(filter.firstContactFrom, timeZone);
  }
  if (filter.firstContactTo) {
    conditions.push('c.first_contact_at < @firstContactTo');
    params.firstContactTo = toInstant(filter.firstContactTo, timeZone);
  }
  return { conditions, params };
}

export interface PageRequest {
  filter: CustomerFilter;
  sort: CustomerSort;
  order?: Order;
  cursor?: string;
  limit: number;
  timeZone: string;
}

/**
 * Reads one page of customers in keyset order, selecting `columns` (SQL on alias `c`, which must
 * include `c.id`). Rows without a sort value come last, in id order. Each page is a fresh indexed
 * range scan, so page 10,000 costs what page 1 costs.
 */
export function createCustomerPager(db: ReadableDB) {
  const statements = new Map<string, ReadStatement<[Record<string, unknown>], unknown>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>>(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return function page<Row extends { id: number }>(
    columns: string,
    request: PageRequest,
  ): { rows: Row[]; nextCursor: string | null } {
    const column = SORT_COLUMNS[request.sort];
    const order = request.order ?? defaultOrder(request.sort);
    const cmp = order === 'desc' ? '<' : '>';
    const dir = order.toUpperCase();
    const { conditions, params } = filterConditions(db, request.filter, request.timeZone);
    const cursor = request.cursor ? decodeKeyset(request.cursor, isSortValue) : null;
    const limit = request.limit;
    const select = (extra: string[], orderBy: string) =>
      prepared(
        `SELECT ${columns}, ${column} AS sortValue FROM customers c
         WHERE ${[...conditions, ...extra].join(' AND ') || '1'}
         ORDER BY ${orderBy} LIMIT @limit`,
      );

    let rows: (Row & { sortValue: number | string | null })[] = [];
    if (cursor === null || cursor.value !== null) {
      const keyset = cursor ? [`(${column}, c.id) ${cmp} (@cursorValue, @cursorId)`] : [];
      rows = select([`${column} IS NOT NULL`, ...keyset], `${column} ${dir}, c.id ${dir}`).all({
        ...params,
        cursorValue: cursor?.value,
        cursorId: cursor?.id,
        limit: limit + 1,
      }) as typeof rows;
    }
    if (rows.length <= limit) {
      // The rows with no value for the sort (e.g. never wrote to us): after all the others.
      const afterId = cursor && cursor.value === null ? [`c.id ${cmp} @cursorId`] : [];
      const rest = select([`${column} IS NULL`, ...afterId], `c.id ${dir}`).all({
        ...params,
        cursorId: cursor?.id,
        limit: limit + 1 - rows.length,
      }) as typeof rows;
      rows = rows.concat(rest);
    }
    const { items, nextCursor } = takePage(rows, limit, (last) => [last.sortValue, last.id]);
    return { rows: items, nextCursor };
  };
}
