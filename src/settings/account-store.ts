/**
 * The one module that writes the `channel_accounts` table: the accounts this installation
 * connects, with their non-secret settings (channels/accounts.ts checks them with their driver
 * first; the secrets live in the secret store).
 */
import type { WritableDB } from '../db/access';
import type { Rows } from '../db/rows';
import type { Channel } from '../shared/domain';

export type AccountRow = Rows['channel_accounts'];

const COLUMNS =
  'id, channel, account, label, config, enabled, created_at AS createdAt FROM channel_accounts';

export function createAccountStore(db: WritableDB) {
  const all = db.prepare<[], AccountRow>(`SELECT ${COLUMNS} ORDER BY channel, created_at, id`);
  const one = db.prepare<[Channel, string], AccountRow>(
    `SELECT ${COLUMNS} WHERE channel = ? AND account = ?`,
  );
  const insert = db.prepare<
    [Pick<AccountRow, 'channel' | 'account' | 'label' | 'config' | 'createdAt'>]
  >(
    `INSERT INTO channel_accounts (channel, account, label, config, enabled, created_at)
     VALUES (@channel, @account, @label, @config, 1, @createdAt)`,
  );
  const remove = db.prepare<[Channel, string]>(
    'DELETE FROM channel_accounts WHERE channel = ? AND account = ?',
  );
  const setEnabled = db.prepare<[number, Channel, string]>(
    'UPDATE channel_accounts SET enabled = ? WHERE channel = ? AND account = ?',
  );

  return {
    /** Every account, by channel, oldest first. */
    list: (): AccountRow[] => all.all(),
    get: (channel: Channel, account: string): AccountRow | null =>
      one.get(channel, account) ?? null,
    /**
     * Adds an account, switched on; the unique index refuses a second of one name
     * (`SQLITE_CONSTRAINT_UNIQUE`), so of two adds racing, one wins whole.
     */
    insert(row: Pick<AccountRow, 'channel' | 'account' | 'label' | 'config' | 'createdAt'>): void {
      insert.run(row);
    },
    /** Deletes the account's row; false when there was none. */
    remove: (channel: Channel, account: string): boolean =>
      remove.run(channel, account).changes > 0,
    /** Switches the account on or off; false when there is none. */
    setEnabled: (channel: Channel, account: string, enabled: boolean): boolean =>
      setEnabled.run(enabled ? 1 : 0, channel, account).changes > 0,
  };
}
export type AccountStore = ReturnType<typeof createAccountStore>;
