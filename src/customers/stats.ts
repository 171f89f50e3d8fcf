import type { ReadableDB } from '../db/access';
import type { CustomerStats } from '../api/types';
import { startOfZonedDay, startOfZonedMonth } from '../shared/time';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** The seed's three numbers, and new customers per day for the chart. */
export function createCustomerStats(db: ReadableDB) {
  const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers');
  const firstContactBetween = db.prepare<[number, number], { n: number }>(
    'SELECT count(*) AS n FROM customers WHERE first_contact_at >= ? AND first_contact_at < ?',
  );
  const seenSince = db.prepare<[number], { n: number }>(
    'SELECT count(*) AS n FROM customers WHERE last_seen_at >= ?',
  );

  return {
    /**
     * totalCustomers; newCustomersThisMonth: first contact in the current calendar month of
     * `timeZone`; activeCustomersThisWeek: a message from the person in the last 7 days.
     */
    stats(now: number, timeZone: string): CustomerStats {
      const monthStart = startOfZonedMonth(now, timeZone);
      return {
        totalCustomers: total.get()!.n,
        newCustomersThisMonth: firstContactBetween.get(monthStart, Number.MAX_SAFE_INTEGER)!.n,
        activeCustomersThisWeek: seenSince.get(now - WEEK)!.n,
      };
    },

    /** Customers whose first contact fell on each of the last `days` local days, oldest first. */
    newPerDay(now: number, timeZone: string, days: number): { date: string; count: number }[] {
      const result: { date: string; count: number }[] = [];
      let end = Infinity;
      let dayStart = startOfZonedDay(now, timeZone);
      for (let i = 0; i < days; i++) {
        // Local noon names the day safely even across a daylight-saving change.
        const date = new Date(dayStart + 12 * 3_600_000).toLocaleDateString('en-CA', { timeZone });
        result.push({
          date,
          count: firstContactBetween.get(dayStart, Math.min(end, Number.MAX_SAFE_INTEGER))!.n,
        });
        end = dayStart;
        dayStart = startOfZonedDay(dayStart - 1, timeZone);
      }
      return result.reverse();
    },
  };
}
