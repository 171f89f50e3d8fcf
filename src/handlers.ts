/**
 * The handler table: every method of the contract (src/api/contract.ts) answered by the core and
 * the running channels. It stands above both, on the top floor with the transports that serve it
 * (electron/ipc.ts and server/, through api/invoke.ts).
 */
import { createChannelService, type ChannelService } from './channels/service';
import type { Core } from './core';
import { countCustomers } from './customers/export-rows';
import { importCustomersCsv, previewCustomersImport, sheetInput } from './customers/csv-import';
import { LOCAL_ONLY_SETTINGS } from './api/contract';
import { ApiError } from './api/errors';
import type { Handlers } from './api/invoke';
import { localOnlyOf, refuseLocalOnly, refuseOverNetwork, type Caller } from './api/local-only';
import type { AppInfo, RestoreResult } from './api/types';
import { systemLanguage } from './i18n/language';
import { texts } from './i18n/texts';

/** One database's handler tables, by who calls: host mode serves only the `network` one. */
export type HandlerTables = Readonly<Record<Caller, Handlers>>;

/**
 * What the shell around the core adds (src/workspace): whether the demo is open, the switch, and
 * a restore (which closes the database and opens the restored one).
 */
export interface WorkspaceControl {
  demo: boolean;
  enterDemo(): Promise<AppInfo>;
  leaveDemo(): Promise<AppInfo>;
  restore(from: string): Promise<RestoreResult>;
}

/** A core opened on its own (tests, scripts) has no demo to switch to, nor a database to reopen. */
const unavailable = (message: () => string) => async (): Promise<never> => {
  throw new ApiError('conflict', message());
};
const noWorkspace: WorkspaceControl = {
  demo: false,
  enterDemo: unavailable(() => texts().demoUnavailable),
  leaveDemo: unavailable(() => texts().demoUnavailable),
  restore: unavailable(() => texts().restoreUnavailable),
};

/** Which database is open, and whether it holds anything yet: the welcome screen shows until it does. */
export function appInfo(core: Core, channels: ChannelService, demo: boolean): AppInfo {
  const empty =
    core.customers.list.list({ sort: 'lastSeen', limit: 1 }, core.settings.get().timeZone).items
      .length === 0 &&
    core.conversations.list({ limit: 1 }).items.length === 0 &&
    channels.list().length === 0;
  return { databaseFile: core.db.name, demo, empty };
}

/**
 * The one handler table both transports (Electron IPC and host mode HTTP) serve. `channels` is
 * the running channel service; without one, accounts can be managed but none runs. `from` says
 * who calls: host mode is `network` (the default, so a transport that forgets to say is refused
 * what only the computer itself may change), the desktop app's window and the CLI are `local`.
 * `workspace` is the demo's switch, when the core is a workspace's (src/workspace).
 */
export function createHandlers(
  core: Core,
  channels: ChannelService = createChannelService(core),
  { from, workspace = noWorkspace }: { from: Caller; workspace?: WorkspaceControl } = {
    from: 'network',
  },
): Handlers {
  const { customers, conversations, settings } = core;
  const timeZone = () => settings.get().timeZone;
  const fieldsOf = (channel: string) =>
    channels.drivers().find((driver) => driver.channel === channel)?.fields ?? [];
  return {
    'customers.list': (input) => customers.list.list(input, timeZone()),
    'customers.count': (filter) => ({
      count: countCustomers(core.db, filter, timeZone()),
    }),
    'customers.stats': () => customers.stats.stats(core.now(), timeZone()),
    'customers.newPerDay': ({ days }) => customers.stats.newPerDay(core.now(), timeZone(), days),
    'customers.get': ({ id }) => customers.detail.get(id),
    'customers.create': ({ displayName, phone, email, tags, note, identityId }) =>
      customers.detail.get(
        customers.editor.create({ displayName, phone, email, tags, note, identityId }),
      ),
    'customers.update': ({ id, ...patch }) => {
      customers.editor.update(id, patch);
      return customers.detail.get(id);
    },
    'customers.merge': ({ targetId, sourceId }) => {
      customers.editor.merge(targetId, sourceId);
      return customers.detail.get(targetId);
    },
    'customers.split': ({ customerId, identityIds }) => {
      const created = customers.editor.split(customerId, identityIds);
      return { original: customers.detail.get(customerId), created: customers.detail.get(created) };
    },
    'customers.dismissMatch': ({ customerId, otherId }) => {
      customers.editor.dismissMatch(customerId, otherId);
      return customers.detail.get(customerId);
    },
    'customers.delete': ({ id }) => {
      customers.editor.delete(id);
      return { deleted: true };
    },
    'customers.erase': ({ id }) => core.privacy.erase(id, from === 'network' ? 'host' : 'desktop'),
    'dataRequests.list': ({ limit }) => core.privacy.log(limit),
    'customers.addNote': ({ customerId, body }) => customers.editor.addNote(customerId, body),
    'customers.updateNote': ({ noteId, body }) => customers.editor.updateNote(noteId, body),
    'customers.deleteNote': ({ noteId }) => {
      customers.editor.deleteNote(noteId);
      return { deleted: true };
    },
    'customers.importCsv': (sheet) => importCustomersCsv(core, sheetInput(sheet)),
    'customers.importPreview': (sheet) => previewCustomersImport(core, sheetInput(sheet)),
    'tags.list': () => customers.tags.list(),
    'conversations.list': (input) => conversations.list(input),
    'conversations.get': ({ id }) => conversations.get(id),
    'conversations.unreadTotal': () => ({ unread: conversations.unreadTotal() }),
    'conversations.messages': (input) => conversations.messages(input),
    'conversations.start': (input) => conversations.start(input),
    'conversations.send': ({ conversationId, text }) => conversations.send(conversationId, text),
    'conversations.retry': ({ messageId }) => conversations.retry(messageId),
    'conversations.markRead': ({ conversationId }) => conversations.markRead(conversationId),
    'channels.drivers': () => channels.drivers(),
    'channels.list': () => channels.list(),
    'channels.add': (input) => {
      refuseLocalOnly(from, localOnlyOf(fieldsOf(input.channel)), input.fields);
      // An account added to the demo would be thrown away with it, messages and all.
      if (workspace.demo) throw new ApiError('conflict', texts().demoNoChannels);
      return channels.add(input);
    },
    'channels.remove': async ({ channel, account }) => {
      await channels.remove(channel, account);
      return { deleted: true };
    },
    'channels.setEnabled': ({ channel, account, enabled }) =>
      channels.setEnabled(channel, account, enabled),
    'channels.action': ({ channel, account, action }) => channels.action(channel, account, action),
    'app.info': () => appInfo(core, channels, workspace.demo),
    'demo.start': () => workspace.enterDemo(),
    'demo.stop': () => workspace.leaveDemo(),
    'backup.status': () => core.backups.status(),
    'backup.run': () => {
      refuseOverNetwork(from, texts().backupOnThisComputer);
      return core.backups.run();
    },
    'backup.restore': ({ from: backup }) => {
      refuseOverNetwork(from, texts().backupOnThisComputer);
      return workspace.restore(backup);
    },
    'settings.get': () => settings.get(),
    'settings.environment': () => ({
      systemLanguage: systemLanguage(),
      fixedBy: settings.fixedBy(),
    }),
    'settings.update': (patch) => {
      refuseLocalOnly(from, LOCAL_ONLY_SETTINGS, patch);
      return settings.update(patch);
    },
  };
}
