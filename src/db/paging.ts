import { badInput } from '../api/errors';
import { texts } from '../i18n/texts';

/** Where the next page starts: the sort value and id of the last row shown. */
export interface Keyset<V> {
  value: V;
  id: number;
}

/** An opaque, URL-safe cursor. */
export function encodeKeyset(value: unknown, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/** Reads a cursor back; a forged or stale one is a readable bad-input error. */
export function decodeKeyset<V>(raw: string, isValue: (value: unknown) => value is V): Keyset<V> {
  try {
    const [value, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (isValue(value) && Number.isInteger(id)) return { value, id: id as number };
  } catch {
    // fall through to the error below
  }
  throw badInput(texts().pageLinkExpired);
}

/** Turns rows read with `LIMIT limit + 1` into a page and the cursor of the next one. */
export function takePage<R>(
  rows: R[],
  limit: number,
  keyOf: (last: R) => [value: unknown, id: number],
): { items: R[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return { items, nextCursor: hasMore && last ? encodeKeyset(...keyOf(last)) : null };
}
