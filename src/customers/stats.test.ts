import { afterEach, describe, expect, it } from 'vitest';
import { tempCore, whatsapp, type TestCore } from '../testing/fixtures';

let core: TestCore;
afterEach(() => core?.dispose());

/** One customer per entry: a first message at `first`, then (optionally) one more at `last`. */
function seed(c: TestCore, people: { first: string; last?: string; direction?: 'in' | 'out' }[]) {
  c.inbox.ingestBatch(
    people.flatMap((p, i) => {
      const digits = `55119${String(80000000 + i).padStart(8, '0')}`;
      const events = [whatsapp(digits, { timestamp: p.first, direction: p.direction ?? 'in' })];
      if (p.last)
        events.push(whatsapp(digits, { timestamp: p.last, direction: p.direction ?? 'in' }));
      return events;
    }),
  );
}

describe('customer stats', () => {
  it('counts new customers by calendar month in the user time zone', () => {
    // 1 December 2026, 01:30 UTC is still 30 November (22:30) in São Paulo.
    const now = Date.parse('2026-12-01T01:30:00.000Z');
    core = tempCore({ now: () => now });
    seed(core, [
      { first: '2026-11-30T23:00:00.000Z' }, // November everywhere
      { first: '2026-12-01T00:30:00.000Z' }, // December in UTC, 30 November 21:30 in São Paulo
      { first: '2026-10-31T23:59:59.000Z' }, // October in UTC, 31 October in São Paulo
      { first: '2026-11-01T02:59:00.000Z' }, // November in UTC, still 31 October (23:59) in São Paulo
      { first: '2026-11-01T03:00:00.000Z' }, // the first minute of November in São Paulo
    ]);
    const saoPaulo = core.customers.stats.stats(now, 'America/Sao_Paulo');
    const utc = core.customers.stats.stats(now, 'UTC');
    expect(saoPaulo).toEqual({
      totalCustomers: 5,
      newCustomersThisMonth: 3,
      activeCustomersThisWeek: 2,
    });
    expect(utc.newCustomersThisMonth).toBe(1);
  });

  it('counts as new this month only people whose first contact is this month, even if they write again', () => {
    const now = Date.parse('2026-11-24T12:00:00.000Z');
    core = tempCore({ now: () => now });
    seed(core, [
      { first: '2026-05-10T12:00:00.000Z', last: '2026-11-20T12:00:00.000Z' },
      { first: '2026-11-02T12:00:00.000Z' },
    ]);
    expect(core.customers.stats.stats(now, 'America/Sao_Paulo')).toEqual({
      totalCustomers: 2,
      newCustomersThisMonth: 1,
      activeCustomersThisWeek: 1,
    });
  });

  it('counts as active this week people who wrote within the last seven days, not those we wrote to', () => {
    const now = Date.parse('2026-11-24T12:00:00.000Z');
    core = tempCore({ now: () => now });
    seed(core, [
      { first: '2026-11-17T12:00:00.000Z' }, // exactly seven days ago: in
      { first: '2026-11-17T11:59:00.000Z' }, // a minute earlier: out
      { first: '2026-11-23T12:00:00.000Z', direction: 'out' }, // we wrote; they did not
      { first: '2026-11-24T11:00:00.000Z' },
    ]);
    expect(core.customers.stats.stats(now, 'America/Sao_Paulo').activeCustomersThisWeek).toBe(2);
  });

  it('gives the same answer whatever order the history arrived in', () => {
    const now = Date.parse('2026-11-24T12:00:00.000Z');
    core = tempCore({ now: () => now });
    // The newest message first, then an old one: the first contact is still the old one.
    core.inbox.ingest(whatsapp('5511912345678', { timestamp: '2026-11-20T12:00:00.000Z' }));
    core.inbox.ingest(whatsapp('5511912345678', { timestamp: '2025-01-05T12:00:00.000Z' }));
    expect(core.customers.stats.stats(now, 'UTC').newCustomersThisMonth).toBe(0);
  });

  it('lists new customers per local day for the chart', () => {
    const now = Date.parse('2026-11-24T12:00:00.000Z');
    core = tempCore({ now: () => now });
    seed(core, [
      { first: '2026-11-24T02:00:00.000Z' }, // 23 November 23:00 in São Paulo
      { first: '2026-11-24T10:00:00.000Z' },
      { first: '2026-11-22T15:00:00.000Z' },
    ]);
    const days = core.customers.stats.newPerDay(now, 'America/Sao_Paulo', 3);
    expect(days).toEqual([
      { date: '2026-11-22', count: 1 },
      { date: '2026-11-23', count: 1 },
      { date: '2026-11-24', count: 1 },
    ]);
  });
});
