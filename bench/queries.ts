/**
 * Read-side figures: stats against a naive full scan, the first page of the list in every sort,
 * prefix searches and a few filters, each with the query plan of the SQL the core actually ran.
 */
import { CUSTOMER_SORTS, type CustomerSort } from '../src/api/contract';
import { createConversations } from '../src/conversations/service';
import type { Core } from '../src/core';
import { createCustomerList, type ListRequest } from '../src/customers/list';
import { SUMMARY_COLUMNS } from '../src/customers/mapper';
import { filterConditions } from '../src/customers/query';
import { createCustomerStats } from '../src/customers/stats';
import { startOfZonedMonth } from '../src/shared/time';
import { int, ms, time } from './measure';
import { explain, helperTitle, indexesOf, oneLine, recording } from './plans';
import type { Report } from './report';

const WEEK = 7 * 86_400_000;
const LIST_TARGET_MS = 20;
const STATS_TARGET_MS = 5;

/** The sorts the brief asks for; ones the list API does not offer are measured as plain SQL. */
const WANTED_SORTS = ['lastSeen', 'firstContact', 'lastInteraction', 'name'] as const;

/**
 * What an owner types: the first letters or digits of something (the list searches as they type),
 * a first-name prefix, full names, phone fragments, an email, a username.
 */
const searches = (known: { email: string; username: string }) => [
  'm',
  'x',
  '9',
  'ma',
  '98',
  '(11) 9',
  'mar',
  'maria sou',
  'joão silva',
  'conceição',
  '99999',
  '(11) 98',
  '+55 21 9',
  '+55 21 98',
  '+55',
  known.email,
  known.username,
  'zzzz',
];

function planOf(
  core: Core,
  report: Report,
  title: string,
  run: (db: Core['db']) => unknown,
  pick: (sql: string) => boolean = (sql) => /^\s*SELECT/i.test(sql),
) {
  const { db, log } = recording(core.db);
  run(db);
  // Each SQL text once in the report, under the first request that ran it.
  const seen = new Set(report.plans.map((p) => p.sql));
  for (const executed of log) {
    if (!pick(executed.sql) || seen.has(oneLine(executed.sql))) continue;
    seen.add(oneLine(executed.sql));
    const plan = explain(core.db, executed);
    report.plans.push({
      title: helperTitle(executed.sql) ?? title,
      indexes: indexesOf(plan),
      plan,
      sql: oneLine(executed.sql),
    });
  }
}

export function measureStats(core: Core, report: Report, now: number, zone: string): void {
  const stats = core.customers.stats.stats(now, zone);
  const t = time(() => core.customers.stats.stats(now, zone), 50);
  const monthStart = startOfZonedMonth(now, zone);
  const weekStart = now - WEEK;
  const scan = core.db.prepare<[], { f: number | null; l: number | null }>(
    'SELECT first_contact_at AS f, last_seen_at AS l FROM customers',
  );
  let naive = { total: 0, month: 0, week: 0 };
  const js = time(() => {
    naive = { total: 0, month: 0, week: 0 };
    for (const c of scan.iterate()) {
      naive.total++;
      if (c.f !== null && c.f >= monthStart) naive.month++;
      if (c.l !== null && c.l >= weekStart) naive.week++;
    }
  }, 5);
  const sumCase = core.db.prepare<[number, number], { total: number; month: number; week: number }>(
    `SELECT count(*) AS total,
            SUM(CASE WHEN first_contact_at >= ? THEN 1 ELSE 0 END) AS month,
            SUM(CASE WHEN last_seen_at >= ? THEN 1 ELSE 0 END) AS week
     FROM customers`,
  );
  const sql = time(() => sumCase.get(monthStart, weekStart), 5);
  const same =
    naive.total === stats.totalCustomers &&
    naive.month === stats.newCustomersThisMonth &&
    naive.week === stats.activeCustomersThisWeek;
  report.add({
    measure: 'Stats (totals, new this month, active this week)',
    figure: `median ${ms(t.median)}, p95 ${ms(t.p95)} (${t.runs} runs)`,
    reference: `naive full scan: JS ${ms(js.median)}, SQL SUM(CASE) ${ms(sql.median)}`,
    target: `median < ${STATS_TARGET_MS} ms`,
    met: t.median < STATS_TARGET_MS,
  });
  report.note(
    `Stats at ${new Date(now).toISOString()} (${zone}): ${int(stats.totalCustomers)} customers, ` +
      `${int(stats.newCustomersThisMonth)} new this month, ${int(stats.activeCustomersThisWeek)} active this week; ` +
      `the naive scan ${same ? 'agrees' : `DISAGREES (${JSON.stringify(naive)})`}.`,
  );
  planOf(core, report, 'Stats', (db) => createCustomerStats(db).stats(now, zone));
}

/**
 * The navigation's unread badge over every conversation. In the data set nobody ever reads, so
 * three quarters of the conversations are unread: the partial index's worst case.
 */
export function measureUnreadTotal(core: Core, report: Report): void {
  const t = time(() => core.conversations.unreadTotal(), 50);
  const scan = core.db.prepare('SELECT coalesce(sum(unread_count), 0) AS n FROM conversations');
  const naive = time(() => scan.get(), 5);
  const { conversations, unread } = core.db
    .prepare<[], { conversations: number; unread: number }>(
      'SELECT count(*) AS conversations, count(*) FILTER (WHERE unread_count > 0) AS unread FROM conversations',
    )
    .get()!;
  report.add({
    measure: `Unread total (${int(unread)} of ${int(conversations)} conversations unread)`,
    figure: `median ${ms(t.median)}, p95 ${ms(t.p95)} (${t.runs} runs)`,
    reference: `summing every conversation: ${ms(naive.median)}`,
    target: 'none set',
    met: null,
  });
  planOf(core, report, 'Unread total', (db) => createConversations(db, core).unreadTotal());
}

const offered = (sort: string): sort is CustomerSort =>
  (CUSTOMER_SORTS as readonly string[]).includes(sort);

export function measureLists(
  core: Core,
  report: Report,
  zone: string,
  known: { email: string; username: string },
): void {
  const list = (request: Partial<ListRequest>) =>
    core.customers.list.list({ sort: 'lastSeen', limit: 50, ...request }, zone);
  const planList = (title: string, request: Partial<ListRequest>) =>
    planOf(core, report, title, (db) =>
      createCustomerList(db).list({ sort: 'lastSeen', limit: 50, ...request }, zone),
    );

  for (const sort of WANTED_SORTS) {
    for (const order of ['desc', 'asc'] as const) {
      const title = `First page (50), ${sort} ${order}`;
      if (offered(sort)) {
        const t = time(() => list({ sort, order }), 30);
        report.add({
          measure: title,
          figure: `median ${ms(t.median)}`,
          reference: `p95 ${ms(t.p95)}`,
          target: `< ${LIST_TARGET_MS} ms`,
          met: t.median < LIST_TARGET_MS,
        });
        planList(title, { sort, order });
        continue;
      }
      // Not in the API: what the same keyset query would cost on today's schema.
      const column = 'c.last_interaction_at';
      const statement = core.db.prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM customers c WHERE ${column} IS NOT NULL
         ORDER BY ${column} ${order.toUpperCase()}, c.id ${order.toUpperCase()} LIMIT 51`,
      );
      const t = time(() => statement.all(), 5);
      report.add({
        measure: `${title} — not offered by the list API`,
        figure: `equivalent SQL: median ${ms(t.median)}`,
        reference: `CUSTOMER_SORTS = ${CUSTOMER_SORTS.join(', ')}`,
        target: `< ${LIST_TARGET_MS} ms`,
        met: null,
      });
      planOf(core, report, `${title} (equivalent SQL, not in the API)`, (db) =>
        db.prepare(statement.source).all(),
      );
    }
  }

  // Counted with the list's own conditions: full-text matches, or phones for "+55 …".
  const countMatches = (search: string) => {
    const { conditions, params } = filterConditions(core.db, { search }, zone);
    return (
      core.db
        .prepare(`SELECT count(*) AS n FROM customers c WHERE ${conditions.join(' AND ') || '1'}`)
        .get(params) as { n: number }
    ).n;
  };
  for (const search of searches(known)) {
    const matches = countMatches(search);
    const shown = list({ search }).items.length;
    const t = time(() => list({ search }), 30);
    const title = `Search "${search}" (${int(matches)} match, ${shown} on page 1)`;
    report.add({
      measure: title,
      figure: `median ${ms(t.median)}`,
      reference: `p95 ${ms(t.p95)}`,
      target: `< ${LIST_TARGET_MS} ms`,
      met: t.median < LIST_TARGET_MS,
    });
    planList(`Search "${search}", by last seen`, { search });
  }

  for (const [title, request] of [
    ['Filter channel=telegram, by last seen', { channel: 'telegram' }],
    ['Filter channel=sms, by name', { channel: 'sms', sort: 'name' }],
    ['Filter tag "vip" (nobody has it), by last seen', { tag: 'vip' }],
  ] as const) {
    const t = time(() => list(request), 10);
    report.add({
      measure: `${title} (first page)`,
      figure: `median ${ms(t.median)}`,
      reference: `p95 ${ms(t.p95)}`,
      target: 'none set',
      met: null,
    });
    planList(title, request);
  }
}
