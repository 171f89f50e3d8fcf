import type { ReadableDB } from '../db/access';
import type { Rows } from '../db/rows';
import type { CustomerFilter, CustomerSort } from '../api/contract';
import type { CustomerSummary, Page } from '../api/types';
import { SUMMARY_COLUMNS, toSummary, type IdentityBrief, type SummaryRow } from './mapper';
import { groupBy } from '../shared/collections';
import { createCustomerPager, type Order } from './query';

export interface ListRequest extends CustomerFilter {
  sort: CustomerSort;
  order?: Order;
  cursor?: string;
  limit: number;
}

/** Lists customers page by page, with filters, search and any of the sorts. */
export function createCustomerList(db: ReadableDB) {
  const page = createCustomerPager(db);
  const identitiesOf = db.prepare<[string], IdentityBrief & Pick<Rows['identities'], 'customerId'>>(
    `SELECT customer_id AS customerId, channel, username, external_id AS externalId
     FROM identities WHERE customer_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  );
  const tagsOf = db.prepare<
    [string],
    Pick<Rows['customer_tags'], 'customerId'> & Pick<Rows['tags'], 'name'>
  >(
    `SELECT ct.customer_id AS customerId, t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
     WHERE ct.customer_id IN (SELECT value FROM json_each(?))`,
  );

  /** Summaries for rows already read, with their identities and tags in two queries. */
  function summarize(rows: SummaryRow[]): CustomerSummary[] {
    const ids = JSON.stringify(rows.map((r) => r.id));
    const identities = groupBy(identitiesOf.all(ids), (i) => i.customerId);
    const tags = groupBy(tagsOf.all(ids), (t) => t.customerId);
    return rows.map((row) =>
      toSummary(
        row,
        identities.get(row.id) ?? [],
        (tags.get(row.id) ?? []).map((t) => t.name),
      ),
    );
  }

  return {
    summarize,
    list(request: ListRequest, timeZone: string): Page<CustomerSummary> {
      const { sort, order, cursor, limit, ...filter } = request;
      const { rows, nextCursor } = page<SummaryRow>(SUMMARY_COLUMNS, {
        filter,
        sort,
        order,
        cursor,
        limit,
        timeZone,
      });
      return { items: summarize(rows), nextCursor };
    },
  };
}
