/**
 * The one module that writes the `connector_cursors` table: where each account's connector
 * resumes (e.g. Telegram's update offset), saved in the transaction of the messages it covers.
 */
import type { WritableDB } from '../db/access';
import type { Channel } from '../shared/domain';
import type { ConnectorCursor } from './inbound-event';

export function createCursorStore(db: WritableDB) {
  const read = db.prepare<[Channel, string], { cursor: string }>(
    'SELECT cursor FROM connector_cursors WHERE channel = ? AND account = ?',
  );
  const save = db.prepare<[Channel, string, string, number]>(
    `INSERT INTO connector_cursors (channel, account, cursor, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (channel, account) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  );
  return {
    /** The account's resume point; null before its first save. */
    get(channel: Channel, account: string): string | null {
      return read.get(channel, account)?.cursor ?? null;
    },
    save(cursor: ConnectorCursor, at: number): void {
      save.run(cursor.channel, cursor.account, cursor.value, at);
    },
  };
}
export type CursorStore = ReturnType<typeof createCursorStore>;
