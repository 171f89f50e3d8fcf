import { describe, expect, it } from 'vitest';
import {
  advanceInboxCursor,
  formatInboxCursor,
  inboxKey,
  inboxWindowStart,
  LOOKBACK_MS,
  parseInboxCursor,
} from './inbox-cursor';

const T = Date.parse('2026-11-24T12:00:00.000Z');
const HOUR = 3_600_000;
const keys = (listed: { id: string; at: number }[]) => listed.map(inboxKey);

describe('the inbox cursor', () => {
  it('reads everything on the first run, then looks back a window before the newest stamp', () => {
    expect(inboxWindowStart(null)).toBeNull();
    const { fresh, next } = advanceInboxCursor(null, [
      { id: 'text:1', at: T },
      { id: 'text:2', at: T - HOUR },
    ]);
    expect(keys(fresh)).toEqual([`text:1@${T}`, `text:2@${T - HOUR}`]);
    expect(next.newest).toBe(T);
    expect(inboxWindowStart(next)).toBe(T - LOOKBACK_MS);
  });

  it('takes a late SMS stamped before the newest one, and nothing twice', () => {
    const first = advanceInboxCursor(null, [{ id: 'text:1', at: T }]).next;
    // The phone was off: an SMS sent three hours ago arrives now, older than the newest seen.
    const { fresh, next } = advanceInboxCursor(first, [
      { id: 'text:1', at: T },
      { id: 'text:late', at: T - 3 * HOUR },
    ]);
    expect(keys(fresh)).toEqual([`text:late@${T - 3 * HOUR}`]);
    expect(
      advanceInboxCursor(next, [
        { id: 'text:1', at: T },
        { id: 'text:late', at: T - 3 * HOUR },
      ]).fresh,
    ).toEqual([]);
  });

  it('takes a second SMS listed under an id already seen, when its stamp differs', () => {
    const first = advanceInboxCursor(null, [{ id: 'text:7', at: T }]).next;
    const { fresh } = advanceInboxCursor(first, [
      { id: 'text:7', at: T + 60_000 },
      { id: 'text:7', at: T },
    ]);
    expect(keys(fresh)).toEqual([`text:7@${T + 60_000}`]);
  });

  it('collapses a message listed twice when pages shifted under a new arrival', () => {
    const { fresh } = advanceInboxCursor(null, [
      { id: 'text:1', at: T },
      { id: 'text:1', at: T },
    ]);
    expect(fresh).toHaveLength(1);
  });

  it('forgets messages that fell out of the window, so the cursor stays small', () => {
    const { next } = advanceInboxCursor(null, [
      { id: 'text:old', at: T - LOOKBACK_MS - HOUR },
      { id: 'text:new', at: T },
    ]);
    expect(next.seen).toEqual([`text:new@${T}`]);
  });

  it('survives a round trip through the store, and starts over from a damaged one', () => {
    const cursor = { newest: T, seen: [`text:1@${T}`] };
    expect(parseInboxCursor(formatInboxCursor(cursor))).toEqual(cursor);
    expect(parseInboxCursor('{"offset":12}')).toBeNull();
    expect(parseInboxCursor('not json')).toBeNull();
  });

  it('honours a cursor saved before messages were known by their stamp: nothing comes twice', () => {
    const saved = parseInboxCursor(JSON.stringify({ v: 1, newest: T, seen: ['text:1'] }));
    const { fresh, next } = advanceInboxCursor(saved, [
      { id: 'text:2', at: T + 1_000 },
      { id: 'text:1', at: T },
    ]);
    expect(keys(fresh)).toEqual([`text:2@${T + 1_000}`]);
    expect(next).toEqual({ newest: T + 1_000, seen: [`text:1@${T}`, `text:2@${T + 1_000}`] });
  });
});
