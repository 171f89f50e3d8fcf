/**
 * The outbox: what agents type is already stored as `pending` (conversations/service.ts); this
 * hands each pending message to its account's connector, one at a time per account so a
 * conversation keeps its order, and records the outcome: `sent` or `delivered` with the channel's
 * id, or `failed` with the reason (conversations.retry puts it back to `pending`, and it goes
 * again). A message whose account is connecting or waiting to restart stays pending and leaves
 * when the account is running; one whose account does not exist or is paused fails at once with
 * the reason, so nobody waits on a message that cannot leave. Nothing typed is ever deleted here.
 */
import type { DomainEvent } from '../api/types';
import type { OutgoingMessage } from '../conversations/outgoing';
import type { Core } from '../core';
import type { Channel } from '../shared/domain';
import type { Connector, Log } from './connector';
import { texts } from '../i18n/texts';

export interface OutboxOptions {
  /** The account's connector while it runs, else null. */
  connectorFor(channel: Channel, account: string): Connector | null;
  /** Whether the account exists and is switched on (`enabled`), is paused, or is gone. */
  accountState(channel: Channel, account: string): 'enabled' | 'paused' | 'missing';
  log: Log;
}

/** Why a message cannot leave, in the app's language: said beside the message, so it names what to do. */
export const noAccountReason = (channel: Channel, account: string) =>
  texts().sendNoAccount(channel, account);

/** Why a message to a paused account cannot leave: it names where to resume it. */
export const pausedReason = (channel: Channel, account: string) =>
  texts().sendPaused(channel, account);

/** The outbox of one core; the supervisor feeds it events and account starts. */
export function createOutbox(core: Core, options: OutboxOptions) {
  const outgoing = core.conversations.outgoing;
  /** Messages handed to a connector and not yet answered: never handed twice. */
  const inFlight = new Set<number>();
  /** Per account, the chain that sends its messages one after the other. */
  const queues = new Map<string, Promise<void>>();

  /** Records an outcome; a later receipt or echo may already name the same channel id. */
  function record(id: number, status: 'sent' | 'delivered' | 'failed', detail: object): void {
    try {
      core.conversations.setStatus(id, status, detail);
    } catch (error) {
      options.log.error(`message ${id}: could not record its status ${status}`, error);
      core.conversations.setStatus(id, status, {});
    }
  }

  async function deliver(id: number): Promise<void> {
    // Read again: a retry or another path may have settled it while it waited in the queue.
    const row = outgoing.get(id);
    if (!row || row.status !== 'pending') return;
    // The connector it was queued for may have failed meanwhile: then it waits for the next one.
    const connector = options.connectorFor(row.channel, row.account);
    if (!connector) return;
    try {
      const result = await connector.send({
        messageId: row.id,
        externalUserId: row.externalUserId,
        phone: row.phone,
        text: row.text,
        // The row id alone repeats in another database (a backup restored, a fresh install).
        idempotencyKey: `${row.id}-${row.createdAt.toString(36)}`,
      });
      record(id, result.status ?? 'sent', { externalId: result.externalId });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      options.log.error(`${row.channel}/${row.account}: message ${id} not sent: ${reason}`);
      record(id, 'failed', { error: reason || texts().channelRefused });
    }
  }

  /**
   * Hands one pending message to its connector when it runs; fails it when its account is gone
   * or paused (waiting would look like "sending…" until someone happens to resume it).
   */
  function offer(row: OutgoingMessage): void {
    if (row.direction !== 'out' || row.status !== 'pending' || inFlight.has(row.id)) return;
    const state = options.accountState(row.channel, row.account);
    if (state !== 'enabled') {
      const why = state === 'paused' ? pausedReason : noAccountReason;
      record(row.id, 'failed', { error: why(row.channel, row.account) });
      return;
    }
    if (!options.connectorFor(row.channel, row.account)) return;
    inFlight.add(row.id);
    const key = `${row.channel}/${row.account}`;
    const next = (queues.get(key) ?? Promise.resolve())
      .then(() => deliver(row.id))
      .finally(() => inFlight.delete(row.id));
    queues.set(key, next);
  }

  return {
    /** Bus listener: a new pending message, or one put back to pending by a retry. */
    onEvents(events: readonly DomainEvent[]): void {
      for (const event of events) {
        if (event.type === 'message.created' && event.direction !== 'out') continue;
        if (event.type !== 'message.created' && event.type !== 'message.updated') continue;
        const row = outgoing.get(event.messageId);
        if (row) offer(row);
      }
    },

    /**
     * Hands over every message waiting for this account (it has just started), or fails them
     * with the reason (it has just been paused or removed).
     */
    flush(channel: Channel, account: string): void {
      for (const row of outgoing.pending(channel, account)) offer(row);
    },

    /** Looks at every pending message: the ones of missing or paused accounts fail with the reason. */
    flushAll(): void {
      for (const row of outgoing.pending()) offer(row);
    },

    /** Resolves once every message handed over so far has its outcome recorded. */
    async idle(): Promise<void> {
      await Promise.all(queues.values());
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
