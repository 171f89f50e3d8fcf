/**
 * Where reading the phone's inbox stands. GET /inbox filters and sorts by the SMS's own time stamp
 * (the time the sender's network stamped it), not by arrival: an SMS that reaches a phone which
 * was off or out of coverage arrives late with an older stamp. So each read looks back a whole
 * window before the newest stamp seen, and remembers the ids already taken from that window.
 */
import { z } from 'zod';

/** How late an SMS may arrive and still be picked up: a phone off overnight, with margin. */
export const LOOKBACK_MS = 24 * 3_600_000;

export interface InboxCursor {
  /** The newest time stamp seen (epoch ms). */
  newest: number;
  /** Ids of the messages seen with a stamp inside the look-back window before `newest`. */
  seen: string[];
}

const CursorSchema = z.object({
  v: z.literal(1),
  newest: z.number().int().nonnegative(),
  seen: z.array(z.string()),
});

/** Reads a saved cursor; an unreadable one starts over (the store ignores repeated messages). */
export function parseInboxCursor(raw: string | null): InboxCursor | null {
  if (raw === null) return null;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { newest: parsed.data.newest, seen: parsed.data.seen } : null;
  } catch {
    return null;
  }
}

/** The cursor as saved beside the messages. */
export function formatInboxCursor(cursor: InboxCursor): string {
  return JSON.stringify({ v: 1, newest: cursor.newest, seen: cursor.seen });
}

/** The earliest stamp the next read must ask for; null reads everything the phone keeps. */
export function inboxWindowStart(cursor: InboxCursor | null): number | null {
  return cursor ? Math.max(0, cursor.newest - LOOKBACK_MS) : null;
}

/**
 * Given everything the phone listed from `inboxWindowStart(cursor)` on, returns the messages not
 * taken before and the cursor after taking them.
 */
export function advanceInboxCursor<T extends { id: string; at: number }>(
  cursor: InboxCursor | null,
  listed: readonly T[],
): { fresh: T[]; next: InboxCursor } {
  const seen = new Set(cursor?.seen);
  // Pages shift when an SMS arrives mid-read, so one message can be listed twice.
  const fresh = listed.filter((message) => !seen.has(message.id) && seen.add(message.id));
  const newest = listed.reduce((max, message) => Math.max(max, message.at), cursor?.newest ?? 0);
  const keepFrom = newest - LOOKBACK_MS;
  const kept = new Set(listed.filter((m) => m.at >= keepFrom).map((m) => m.id));
  return { fresh, next: { newest, seen: [...kept].sort() } };
}
