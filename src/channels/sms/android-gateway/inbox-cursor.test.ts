import { describe, expect, it } from 'vitest';
import {
  advanceInboxCursor,
  formatInboxCursor,
  inboxWindowStart,
  LOOKBACK_MS,
  parseInboxCursor,
} from './inbox-cursor';

const T = Date.parse('2026-11-24T12:00:00.000Z');
const HOUR = 3_600_000;

describe('the inbox cursor', () => {
  it('reads everything on the first run, then looks back a window before the newest stamp', () => {
    expect(inboxWindowStart(null)).toBeNull();
    const { fresh, next } = advanceInboxCursor(null, [
      { id: 'text:1', at: T },
      { id: 'text:2', at: T - HOUR },
    ]);
    expect(fresh.map((m) => m.id)).toEqual(['text:1', 'text:2']);
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
    expect(fresh.map((m) => m.id)).toEqual(['text:late']);
    expect(
      advanceInboxCursor(next, [
        { id: 'text:1', at: T },
        { id: 'text:late', at: T - 3 * HOUR },
      ]).fresh,
    ).toEqual([]);
  });

  it('collapses a message listed twice when pages shifted under a new arrival', () => {
    const { fresh } = advanceInboxCursor(null, [
      { id: 'text:1', at: T },
      { id: 'text:1', at: T },
    ]);
    expect(fresh).toHaveLength(1);
  });

  it('forgets ids that fell out of the window, so the cursor stays small', () => {
    const { next } = advanceInboxCursor(null, [
      { id: 'text:old', at: T - LOOKBACK_MS - HOUR },
      { id: 'text:new', at: T },
    ]);
    expect(next.seen).toEqual(['text:new']);
  });

  it('survives a round trip through the store, and starts over from a damaged one', () => {
    const cursor = { newest: T, seen: ['text:1'] };
    expect(parseInboxCursor(formatInboxCursor(cursor))).toEqual(cursor);
    expect(parseInboxCursor('{"offset":12}')).toBeNull();
    expect(parseInboxCursor('not json')).toBeNull();
  });
});
