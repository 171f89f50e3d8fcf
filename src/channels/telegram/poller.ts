/**
 * Long polling driven by our own loop rather than the library's, so that the offset is ours:
 * each batch is stored together with its last update id in one transaction, and the next poll
 * asks for what comes after the saved id. Telegram keeps an update until a poll asks past it, so
 * a crash between fetching and storing loses nothing, and a restart repeats nothing.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Api, Update } from 'node-telegram-bot-api';
import type { InboundEvent } from '../../inbox/inbound-event';
import type { ConnectorContext } from '../connector';
import { telegramTexts } from './texts';

export interface PollerOptions {
  /** Seconds Telegram holds a poll open while there is nothing new. */
  pollTimeoutSeconds: number;
  /** The shortest time between polls, so a server that answers at once is not hammered. */
  minIntervalMs: number;
}

export const DEFAULT_POLLER_OPTIONS: PollerOptions = {
  pollTimeoutSeconds: 30,
  minIntervalMs: 1_000,
};

export interface PollerDeps {
  ctx: ConnectorContext<unknown>;
  api: Api;
  /** The update kinds to ask for (Telegram remembers the last list it was given). */
  allowedUpdates: string[];
  /** Turns a batch into the events to store; updates that are not messages give none. */
  toEvents(updates: readonly Update[]): Promise<InboundEvent[]>;
  options: PollerOptions;
}

/** Stores a batch with its cursor; a failure (the database busy or full) says what it stopped. */
function store(ctx: ConnectorContext<unknown>, events: InboundEvent[], cursor: string): void {
  try {
    ctx.deliver(events, cursor);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(telegramTexts().notStored(why), { cause: error });
  }
}

/**
 * Polls until the account is stopped (then it resolves) or a poll or a store fails (then it
 * rejects, and the supervisor restarts the account after a pause; the restart resumes from the
 * saved cursor, so the batch that failed is fetched again).
 */
export async function pollUpdates(deps: PollerDeps): Promise<void> {
  const { ctx, api, options } = deps;
  const saved = ctx.cursor();
  let offset = saved === null ? undefined : Number(saved) + 1;
  while (!ctx.signal.aborted) {
    const startedAt = Date.now();
    let updates: Update[];
    try {
      updates = await api.getUpdates(
        { offset, timeout: options.pollTimeoutSeconds, allowed_updates: deps.allowedUpdates },
        ctx.signal,
      );
    } catch (error) {
      if (ctx.signal.aborted) return;
      throw error;
    }
    if (updates.length === 0) {
      const rest = startedAt + options.minIntervalMs - Date.now();
      if (rest > 0) await sleep(rest, undefined, { signal: ctx.signal }).catch(() => undefined);
      continue;
    }
    // Taken from the batch, never compared with the offset asked for: after a week without
    // updates Telegram numbers the next one at random, lower too, and still hands it out.
    const last = updates.at(-1)!.update_id;
    // Updates that give no event (edits, ignored groups) are stored as a cursor move alone.
    store(ctx, await deps.toEvents(updates), String(last));
    offset = last + 1;
  }
}
