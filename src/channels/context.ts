/**
 * The ConnectorContext the core gives each running account: the only door from a channel into
 * the store. The supervisor builds one per start; tests build one around a real core.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../core';
import { AVATAR_PREFIX, avatarFileName } from '../shared/avatar-cache';
import { ownerOnlyFolder } from '../shared/owner-only';
import type { Channel, MessageStatus } from '../shared/domain';
import type { ConnectorContext, Log } from './connector';

/** Pictures larger than this are not kept: a profile picture is tens of kilobytes. */
const MAX_AVATAR_BYTES = 5 * 1024 * 1024;

export { AVATAR_PREFIX, avatarFileName } from '../shared/avatar-cache';

/** How far an outbound message has got: receipts arrive out of order and must not undo this. */
const STAGE: Record<MessageStatus, number> = {
  pending: 0,
  failed: 1,
  sent: 2,
  received: 2,
  delivered: 3,
  read: 4,
};

/** Whether a receipt moves a message forward (a late "sent" after "read" changes nothing). */
export function isProgress(current: MessageStatus, next: MessageStatus): boolean {
  // "failed" stands only for a message the channel never confirmed as sent.
  if (next === 'failed') return current === 'pending' || current === 'sent';
  return STAGE[next] > STAGE[current];
}

export interface ContextOptions<Config> {
  channel: Channel;
  account: string;
  config: Config;
  secrets: Record<string, string>;
  /** This account's own folder (session files). */
  dataDir: string;
  /** The shared avatar cache folder. */
  avatarDir: string;
  log: Log;
  signal: AbortSignal;
}

/** Builds the context of one account around the core. */
export function createConnectorContext<Config>(
  core: Core,
  options: ContextOptions<Config>,
): ConnectorContext<Config> {
  const { channel, account } = options;
  ownerOnlyFolder(options.dataDir);

  return {
    channel,
    account,
    config: options.config,
    secrets: options.secrets,
    dataDir: options.dataDir,
    log: options.log,
    signal: options.signal,
    deliver: (events, cursor) =>
      core.inbox.ingestBatch(
        events,
        cursor === undefined ? {} : { cursor: { channel, account, value: cursor } },
      ),
    importHistory: (events) => core.inbox.ingestBatch(events, { backfill: true }),
    cursor: () => core.inbox.cursor(channel, account),
    history(externalUserId, limit) {
      const conversationId = core.conversations.idOf(channel, account, externalUserId);
      if (conversationId === null) return [];
      return core.conversations.messages({ conversationId, limit }).items;
    },
    setStatus: (status, detail) =>
      core.bus.emit([{ type: 'channel.status', channel, account, status, detail }]),
    messageStatus(externalMessageId: string, status: MessageStatus, error?: string) {
      const row = core.conversations.byExternalId(channel, account, externalMessageId);
      // A receipt for a message sent from the phone before we knew of it: nothing to update.
      if (!row || !isProgress(row.status, status)) return;
      core.conversations.setStatus(row.id, status, { error: error ?? null });
    },
    async saveAvatar(externalUserId, download) {
      if (!core.settings.get().fetchProfilePictures) return null;
      try {
        const bytes = await download();
        if (bytes.byteLength === 0 || bytes.byteLength > MAX_AVATAR_BYTES) return null;
        ownerOnlyFolder(options.avatarDir);
        const name = avatarFileName(channel, account, externalUserId);
        writeFileSync(join(options.avatarDir, name), bytes, { mode: 0o600 });
        return `${AVATAR_PREFIX}${name}`;
      } catch (error) {
        // A picture is a nicety: its failure must never stop a message from being stored.
        options.log.error(`${channel}/${account}: profile picture not fetched`, error);
        return null;
      }
    },
    progress: (update) =>
      core.bus.emit([{ type: 'channel.progress', channel, account, ...update }]),
    settings: () => core.settings.get(),
  };
}
