import { backupBeforeMigration } from './backup/take';
import { createBackups, type Backups } from './backup/service';
import { createConversations, type Conversations } from './conversations/service';
import { createCustomerDetail } from './customers/detail';
import { createCustomerEditor, type CustomerEditor } from './customers/editor';
import { createCustomerList } from './customers/list';
import { customerSqlFunctions } from './customers/sql-functions';
import { createCustomerStats } from './customers/stats';
import { createTagStore } from './customers/tags';
import { readOnly } from './db/access';
import {
  openDatabase,
  openReader,
  type OpenOptions,
  type ReaderConnection,
  type WritableDB,
} from './db/open';
import { createEventBus, type EventBus } from './events/event-bus';
import { createInbox, type Inbox } from './inbox/ingest';
import { createPrivacy, type Privacy } from './privacy/service';
import { createAccountStore, type AccountStore } from './settings/account-store';
import type { SettingsOverrides } from './settings/environment';
import { createSettingsStore, type SettingsStore } from './settings/store';
import { avatarDirFor } from './shared/avatar-cache';

/** Everything one open Clientela database offers; Electron and host mode each hold one. */
export interface Core {
  /** The connection that writes; the list, stats and detail read through a read-only view of it. */
  db: WritableDB;
  /** A read-only snapshot connection for long reads such as exports; close it when done. */
  openReader(): ReaderConnection;
  settings: SettingsStore;
  /** The channel accounts' stored settings (channels/accounts.ts checks and runs them). */
  channelAccounts: AccountStore;
  bus: EventBus;
  inbox: Inbox;
  customers: {
    list: ReturnType<typeof createCustomerList>;
    stats: ReturnType<typeof createCustomerStats>;
    detail: ReturnType<typeof createCustomerDetail>;
    editor: CustomerEditor;
    tags: ReturnType<typeof createTagStore>;
  };
  conversations: Conversations;
  /** One person's data under the LGPD: its export, its erasure, and their log. */
  privacy: Privacy;
  /** Backups of this database: taken now or daily, their state, and a restore's checked copy. */
  backups: Backups;
  /** The clock, replaceable in tests so that "this month" and "this week" are fixed. */
  now: () => number;
  close(): void;
}

export interface CoreOptions extends OpenOptions {
  now?: () => number;
  /** Settings the environment fixed at start-up (settings/environment.ts); never stored. */
  settingsOverrides?: SettingsOverrides;
}

/** Opens the database file and assembles the core around it. */
export function openCore(file: string, options: CoreOptions = {}): Core {
  const now = options.now ?? Date.now;
  const db = openDatabase(file, customerSqlFunctions, {
    ...options,
    // A copy of the database as it was, in case the new version's changes go wrong.
    beforeMigration: (ahead) => void backupBeforeMigration(file, ahead, new Date(now())),
  });
  // What only reads is given a view that cannot write (db/access.ts).
  const reader = readOnly(db);
  const settings = createSettingsStore(db, options.settingsOverrides);
  const bus = createEventBus();
  const inbox = createInbox(db, { settings, bus, now });
  const backups = createBackups({
    file,
    db: reader,
    settings,
    bus,
    now,
    nativeBinding: options.nativeBinding,
  });
  return {
    db,
    openReader: () => openReader(file, options),
    settings,
    channelAccounts: createAccountStore(db),
    bus,
    inbox,
    customers: {
      list: createCustomerList(reader),
      stats: createCustomerStats(reader),
      detail: createCustomerDetail(reader),
      editor: createCustomerEditor(db, { settings, bus, now }),
      tags: createTagStore(db),
    },
    conversations: createConversations(db, { inbox, settings, bus, now }),
    privacy: createPrivacy(db, { bus, now, avatarDir: avatarDirFor(file) }),
    backups,
    now,
    close() {
      backups.stop();
      if (db.open) db.close();
    },
  };
}
