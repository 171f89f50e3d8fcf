/**
 * History import: every existing private chat of the phone becomes a customer, with its recent
 * messages, so the customer list is full from the day WhatsApp is connected. It runs in the
 * background, in batches, reporting progress, and can be cancelled. Running it twice adds nothing:
 * each message is stored once by its WhatsApp id.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectorContext } from '../connector';
import type { InboundEvent } from '../../inbox/inbound-event';
import type { WhatsAppClient } from './client';
import type { People } from './people';
import { chatOf, toInboundEvent, type TranslateOptions } from './translate';
import { chatKind } from './ids';

export const HISTORY_TASK = 'history';
/** Recent messages fetched per chat: enough to see what the conversation was about. */
export const MESSAGES_PER_CHAT = 50;
/** Events per transaction: large enough to be fast, small enough not to hold the database long. */
export const EVENTS_PER_BATCH = 500;

type Ctx = Pick<ConnectorContext, 'deliver' | 'progress' | 'log' | 'dataDir' | 'account'>;

/** Why an import was stopped: the user's cancel is respected; an interruption is retried. */
type StopReason = 'cancelled' | 'interrupted';

export interface HistoryOptions {
  ctx: Ctx;
  people: People;
  translate: () => TranslateOptions;
  messagesPerChat?: number;
  eventsPerBatch?: number;
}

/** The chats to import: the ones whose messages the app keeps. */
function chatsToImport(
  chats: Awaited<ReturnType<WhatsAppClient['getChats']>>,
  o: TranslateOptions,
) {
  return chats.filter((chat) => {
    const id = chat.id._serialized;
    const kind = chatKind(id);
    if (id === o.selfId) return false;
    return kind === 'user' || kind === 'lid' || (kind === 'group' && o.includeGroups);
  });
}

/** Runs one import to its end, its cancellation, or its failure, and says which. */
async function runImport(
  client: WhatsAppClient,
  options: HistoryOptions,
  signal: AbortSignal,
): Promise<{ outcome: 'done' | StopReason; done: number; total: number }> {
  const { ctx, people } = options;
  const translate = options.translate();
  const limit = options.messagesPerChat ?? MESSAGES_PER_CHAT;
  const batchSize = options.eventsPerBatch ?? EVENTS_PER_BATCH;
  const report = (done: number, total: number, state: 'running' | 'done') =>
    ctx.progress({ task: HISTORY_TASK, done, total, state });

  const chats = chatsToImport(await client.getChats(), translate);
  let pending: InboundEvent[] = [];
  const flush = () => {
    if (pending.length > 0) ctx.deliver(pending);
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
      const messages = person.isMe ? [] : await chat.fetchMessages({ limit });
      for (const message of messages) {
        // Only the chat's own messages: a status reply or a note to oneself is left alone.
        if (chatOf(message, translate)?.id !== chatId) continue;
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

/** The history import of one account: started once on first connection, and on demand. */
export function createHistoryImporter(options: HistoryOptions) {
  const { ctx } = options;
  const marker = join(ctx.dataDir, 'history-imported.json');
  let running: { controller: AbortController; finished: Promise<void> } | null = null;

  function start(client: WhatsAppClient, interruptedText: () => string): Promise<void> {
    if (running && !running.controller.signal.aborted) return running.finished;
    // An import still winding down after a cancel finishes first; then the new one begins.
    const previous = running?.finished ?? Promise.resolve();
    const controller = new AbortController();
    const finished = (async () => {
      await previous;
      let result: Awaited<ReturnType<typeof runImport>>;
      try {
        result = await runImport(client, options, controller.signal);
      } catch (error) {
        ctx.log.error(`whatsapp/${ctx.account}: history import failed`, error);
        ctx.progress({
          task: HISTORY_TASK,
          done: 0,
          total: 0,
          state: 'failed',
          detail: error instanceof Error ? error.message : String(error),
        });
        return;
      } finally {
        if (running?.controller === controller) running = null;
      }
      const { outcome, done, total } = result;
      if (outcome === 'done' || outcome === 'cancelled') {
        // Either way the owner has had the import: it is not started again by itself.
        writeFileSync(marker, JSON.stringify({ at: new Date().toISOString(), outcome }));
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
    })();
    running = { controller, finished };
    return finished;
  }

  return {
    /** Whether this account has had its import (done, or cancelled by the owner). */
    hasRun: () => existsSync(marker),
    /** Starts an import in the background; while one runs, returns that one. */
    start,
    /** Cancels the import under way, if any. */
    cancel(reason: StopReason = 'cancelled'): void {
      running?.controller.abort(reason);
    },
    /** Resolves when no import is running. */
    settled: (): Promise<void> => running?.finished ?? Promise.resolve(),
  };
}
export type HistoryImporter = ReturnType<typeof createHistoryImporter>;
