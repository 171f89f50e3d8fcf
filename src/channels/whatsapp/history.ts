/**
 * History import: every existing private chat of the phone becomes a customer, with its recent
 * messages, so the customer list is full from the day WhatsApp is connected. It runs in the
 * background, in batches, reporting progress, and can be cancelled. Running it again adds only
 * what is missing: each message is stored once by its WhatsApp id.
 *
 * It runs on the first connection; once more when the phone has finished syncing its older chats
 * to this newly linked device (the chat list stops growing), since the first run sees only what
 * had arrived by then; and on each later connection for the chats with messages since the account
 * was last connected, so what arrived while the app was closed is filled in.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Chat, Message } from 'whatsapp-web.js';
import type { ConnectorContext } from '../connector';
import type { InboundEvent } from '../../inbox/inbound-event';
import type { WhatsAppClient } from './client';
import { historyRecord } from './history-record';
import { chatKind, keyChat } from './ids';
import type { People } from './people';
import { chatOf, toInboundEvent, type TranslateOptions } from './translate';

export const HISTORY_TASK = 'history';
/** Recent messages fetched per chat: enough to see what the conversation was about. */
export const MESSAGES_PER_CHAT = 50;
/** Events per transaction: large enough to be fast, small enough not to hold the database long. */
export const EVENTS_PER_BATCH = 500;
/** How often the chat list is counted while the phone syncs, to see it has stopped growing. */
export const SETTLE_CHECK_MS = 60_000;
/** After this many counts (half an hour) the import runs again even if the list still grows. */
const SETTLE_CHECKS = 30;
/** Chats active this long before the account was last connected are read again (clocks differ). */
const CATCH_UP_MARGIN_S = 5 * 60;
/** The most messages read back in one chat to fill a gap. */
const CATCH_UP_MAX = 2_000;

type Ctx = Pick<ConnectorContext, 'importHistory' | 'progress' | 'log' | 'dataDir' | 'account'>;

/** Why an import was stopped: the user's cancel is respected; an interruption is retried. */
type StopReason = 'cancelled' | 'interrupted';

/** Which chats a run reads: all of them, or those with messages since a time (unix seconds). */
type Scope = { since?: number; settles?: boolean };

export interface HistoryOptions {
  ctx: Ctx;
  people: People;
  translate: () => TranslateOptions;
  messagesPerChat?: number;
  eventsPerBatch?: number;
  settleCheckMs?: number;
}

/** The chats to import: the ones whose messages the app keeps. */
function chatsToImport(chats: Chat[], o: TranslateOptions, since: number | undefined) {
  return chats.filter((chat) => {
    const id = chat.id._serialized;
    const kind = chatKind(id);
    if (id === o.selfId) return false;
    if (since !== undefined && chat.timestamp < since - CATCH_UP_MARGIN_S) return false;
    return kind === 'user' || kind === 'lid' || (kind === 'group' && o.includeGroups);
  });
}

/** A chat's recent messages, reaching back past `since` when a gap is longer than `limit`. */
async function messagesOf(chat: Chat, limit: number, since: number | undefined) {
  let messages: Message[] = await chat.fetchMessages({ limit });
  while (
    since !== undefined &&
    messages.length >= limit &&
    (messages[0]?.timestamp ?? 0) > since &&
    limit < CATCH_UP_MAX
  ) {
    limit = Math.min(limit * 4, CATCH_UP_MAX);
    messages = await chat.fetchMessages({ limit });
  }
  return messages;
}

/** Runs one import to its end, its cancellation, or its failure, and says which. */
async function runImport(
  client: WhatsAppClient,
  options: HistoryOptions,
  signal: AbortSignal,
  scope: Scope,
): Promise<{ outcome: 'done' | StopReason; done: number; total: number }> {
  const { ctx, people } = options;
  const translate = options.translate();
  const limit = options.messagesPerChat ?? MESSAGES_PER_CHAT;
  const batchSize = options.eventsPerBatch ?? EVENTS_PER_BATCH;
  const report = (done: number, total: number, state: 'running' | 'done') =>
    ctx.progress({ task: HISTORY_TASK, done, total, state });

  const chats = chatsToImport(await client.getChats(), translate, scope.since);
  // Nothing happened while the app was closed: nothing to show either.
  if (chats.length === 0 && scope.since !== undefined)
    return { outcome: 'done', done: 0, total: 0 };
  let pending: InboundEvent[] = [];
  const flush = () => {
    if (pending.length > 0) ctx.importHistory(pending);
    pending = [];
  };
  let done = 0;
  report(0, chats.length, 'running');
  for (const chat of chats) {
    if (signal.aborted) break;
    const chatId = chat.id._serialized;
    try {
      const person = await people.resolve(client, chatId);
      // The owner's "message yourself" chat, which on a `@lid` account only its contact names.
      const messages = person.isMe ? [] : await messagesOf(chat, limit, scope.since);
      for (const message of messages) {
        // The chat's own messages, by the chat WhatsApp files them under: a chat that moved to
        // `@lid` keeps older messages whose from and to still name the number. Status replies
        // and notes to oneself are left alone.
        if (keyChat(message.id) !== chatId || !chatOf(message, translate)) continue;
        const event = toInboundEvent(message, { kind: chatKind(chatId) }, person, translate);
        if (event) pending.push(event);
      }
    } catch (error) {
      // One unreadable chat must not cost the others theirs.
      if (signal.aborted) break;
      ctx.log.error(`whatsapp/${ctx.account}: history of one chat not read`, error);
    }
    if (pending.length >= batchSize) flush();
    report(++done, chats.length, 'running');
  }
  // What was gathered before a cancel is kept: it is as true as the rest.
  flush();
  const total = chats.length;
  if (signal.aborted) {
    return { outcome: signal.reason === 'cancelled' ? 'cancelled' : 'interrupted', done, total };
  }
  report(done, total, 'done');
  return { outcome: 'done', done, total };
}

/** The history imports of one account: on connection, on demand, and once the phone settles. */
export function createHistoryImporter(options: HistoryOptions) {
  const { ctx } = options;
  const record = historyRecord(join(ctx.dataDir, 'history-imported.json'));
  let running: {
    controller: AbortController;
    finished: Promise<StopReason | 'done' | null>;
  } | null = null;
  /** The current connection's plan (first import, waiting for the sync to settle, catching up). */
  let connection: { controller: AbortController; plan: Promise<void> } | null = null;

  /** Starts an import; while one runs, returns that one. Resolves with how it ended. */
  function start(
    client: WhatsAppClient,
    interruptedText: () => string,
    scope: Scope = {},
  ): Promise<StopReason | 'done' | null> {
    if (running && !running.controller.signal.aborted) return running.finished;
    // An import still winding down after a cancel finishes first; then the new one begins.
    const previous = running?.finished ?? Promise.resolve(null);
    const controller = new AbortController();
    const finished = (async () => {
      await previous;
      const startedAt = Math.floor(Date.now() / 1000);
      let result: Awaited<ReturnType<typeof runImport>>;
      try {
        result = await runImport(client, options, controller.signal, scope);
      } catch (error) {
        ctx.log.error(`whatsapp/${ctx.account}: history import failed`, error);
        ctx.progress({
          task: HISTORY_TASK,
          done: 0,
          total: 0,
          state: 'failed',
          detail: error instanceof Error ? error.message : String(error),
        });
        return null;
      } finally {
        if (running?.controller === controller) running = null;
      }
      const { outcome, done, total } = result;
      if (outcome === 'done' || outcome === 'cancelled') {
        // Either way the owner has had the import: it is not started again by itself.
        record.finished(outcome, startedAt, Boolean(scope.settles));
      }
      if (outcome === 'cancelled' || outcome === 'interrupted') {
        ctx.progress({
          task: HISTORY_TASK,
          done,
          total,
          state: outcome === 'cancelled' ? 'cancelled' : 'failed',
          detail: outcome === 'interrupted' ? interruptedText() : undefined,
        });
      }
      return outcome;
    })();
    running = { controller, finished };
    return finished;
  }

  /** Waits until the phone's chat list stops growing; false when the connection ends first. */
  async function settling(client: WhatsAppClient, signal: AbortSignal): Promise<boolean> {
    const every = options.settleCheckMs ?? SETTLE_CHECK_MS;
    let count = (await client.getChats()).length;
    for (let check = 0; check < SETTLE_CHECKS; check++) {
      await sleep(every, undefined, { signal }).catch(() => undefined);
      if (signal.aborted) return false;
      const now = (await client.getChats()).length;
      if (now === count) break;
      count = now;
    }
    return true;
  }

  /** What a connection does: the first import and its re-run once synced, or the catch-up. */
  async function plan(client: WhatsAppClient, interruptedText: () => string, signal: AbortSignal) {
    const before = record.read();
    if (before?.settled) {
      await start(client, interruptedText, { since: before.seenUntil });
      return;
    }
    if (!before && (await start(client, interruptedText)) !== 'done') return;
    if (await settling(client, signal)) await start(client, interruptedText, { settles: true });
  }

  return {
    /** The account is connected: runs what this connection owes, in the background. */
    connected(client: WhatsAppClient, interruptedText: () => string): void {
      connection?.controller.abort();
      const controller = new AbortController();
      const planned = plan(client, interruptedText, controller.signal).catch((error: unknown) =>
        ctx.log.error(`whatsapp/${ctx.account}: history import not run`, error),
      );
      connection = { controller, plan: planned };
    },
    /** The connection ended: what follows is a gap for the next connection to fill. */
    disconnected(): void {
      connection?.controller.abort();
      running?.controller.abort('interrupted');
      record.seen();
    },
    /** Starts an import of every chat in the background; while one runs, returns that one. */
    async start(client: WhatsAppClient, interruptedText: () => string): Promise<void> {
      await start(client, interruptedText);
    },
    /** Cancels the import under way, if any (the owner's cancel). */
    cancel(): void {
      running?.controller.abort('cancelled');
    },
    /** Resolves when no import is running or planned. */
    async settled(): Promise<void> {
      await connection?.plan;
      await running?.finished;
    },
  };
}
export type HistoryImporter = ReturnType<typeof createHistoryImporter>;
