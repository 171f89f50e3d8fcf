/**
 * Where reading the phone's inbox stands. GET /inbox filters and sorts by the SMS's own time stamp
 * (the time the sender's network stamped it), not by arrival: an SMS that reaches a phone which
 * was off or out of coverage arrives late with an older stamp. So each read looks back a whole
 * window before the newest stamp seen, and remembers the messages already taken from that window.
 *
 * A message is known by the app's id together with its stamp: the id is a 32-bit hash, which
 * apps 1.63.0 to 1.66.1 made without the date (the same "ok" from the same sender came back
 * under one id, with a new stamp), and which two different SMS may share by chance.
 */
import { z } from 'zod';

/** How late an SMS may arrive and still be picked up: a phone off overnight, with margin. */
export const LOOKBACK_MS = 24 * 3_600_000;

export interface InboxCursor {
  /** The newest time stamp seen (epoch ms). */
  newest: number;
  /** Keys (`inboxKey`) of the messages seen with a stamp inside the look-back window. */
  seen: string[];
  /** Bare ids, from a cursor saved before messages were keyed with their stamp (version 1). */
  legacyIds?: string[];
}

/** One listed message as the cursor knows it. */
export interface ListedSms {
  /** The app's id. */
  id: string;
  /** Its stamp (epoch ms). */
  at: number;
}

/** How an SMS of the phone's inbox is known, here and in the store: the app's id and its stamp. */
export const inboxKey = (sms: ListedSms) => `${sms.id}@${sms.at}`;

const CursorSchema = z.object({
  v: z.union([z.literal(1), z.literal(2)]),
  newest: z.number().int().nonnegative(),
  seen: z.array(z.string()),
});

/** Reads a saved cursor; an unreadable one starts over (the store ignores repeated messages). */
export function parseInboxCursor(raw: string | null): InboxCursor | null {
  if (raw === null) return null;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const { v, newest, seen } = parsed.data;
    return v === 1 ? { newest, seen: [], legacyIds: seen } : { newest, seen };
  } catch {
    return null;
  }
}

/** The cursor as saved beside the messages. */
export function formatInboxCursor(cursor: InboxCursor): string {
  return JSON.stringify({ v: 2, newest: cursor.newest, seen: cursor.seen });
}

/** The earliest stamp the next read must ask for; null reads everything the phone keeps. */
export function inboxWindowStart(cursor: InboxCursor | null): number | null {
  return cursor ? Math.max(0, cursor.newest - LOOKBACK_MS) : null;
}

/**
 * Given everything the phone listed from `inboxWindowStart(cursor)` on, returns the messages not
 * taken before and the cursor after taking them.
 */
export function advanceInboxCursor<T extends ListedSms>(
  cursor: InboxCursor | null,
  listed: readonly T[],
): { fresh: T[]; next: InboxCursor } {
  const seen = new Set(cursor?.seen);
  const legacy = new Set(cursor?.legacyIds);
  // Pages shift when an SMS arrives mid-read, so one message can be listed twice.
  const fresh = listed.filter((message) => {
    const key = inboxKey(message);
    return !seen.has(key) && !legacy.has(message.id) && seen.add(key);
  });
  const newest = listed.reduce((max, message) => Math.max(max, message.at), cursor?.newest ?? 0);
  const keepFrom = newest - LOOKBACK_MS;
  // Every listed message in the window, taken now or before: legacy ids are not needed again.
  const kept = new Set(listed.filter((m) => m.at >= keepFrom).map(inboxKey));
  return { fresh, next: { newest, seen: [...kept].sort() } };
}
