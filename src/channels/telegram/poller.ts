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
import { describeError, isUnauthorized } from './bot-api';

export interface PollerOptions {
  /** Seconds Telegram holds a poll open while there is nothing new. */
  pollTimeoutSeconds: number;
  /** The shortest time between polls, so a server that answers at once is not hammered. */
  minIntervalMs: number;
  /** The wait after the first failed poll, doubling up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
}

export const DEFAULT_POLLER_OPTIONS: PollerOptions = {
  pollTimeoutSeconds: 30,
  minIntervalMs: 1_000,
  firstRetryMs: 1_000,
  maxRetryMs: 60_000,
};

export interface PollerDeps {
  ctx: ConnectorContext<unknown>;
  api: Api;
  apiRoot: string | undefined;
  /** The update kinds to ask for (Telegram remembers the last list it was given). */
  allowedUpdates: string[];
  /** Turns a batch into the events to store; updates that are not messages give none. */
  toEvents(updates: readonly Update[]): Promise<InboundEvent[]>;
  options: PollerOptions;
}

/** Resolves after `ms`, or false at once when the signal aborts first. */
async function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return !signal.aborted;
  return sleep(ms, true, { signal }).catch(() => false);
}

/** Stores a batch with its cursor; a failure (the database busy or full) says what it stopped. */
function store(ctx: ConnectorContext<unknown>, events: InboundEvent[], cursor: string): void {
  try {
    ctx.deliver(events, cursor);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`The messages could not be stored (${why})`, { cause: error });
  }
}

/**
 * Polls until the account is stopped. A failure (network, server, database) is shown as the
 * account's error and retried after a growing pause; a refused token ends the loop, since only a
 * new token can fix it.
 */
export async function pollUpdates(deps: PollerDeps): Promise<void> {
  const { ctx, api, options } = deps;
  const saved = ctx.cursor();
  let offset = saved === null ? undefined : Number(saved) + 1;
  let failures = 0;

  while (!ctx.signal.aborted) {
    const startedAt = Date.now();
    try {
      const updates = await api.getUpdates(
        { offset, timeout: options.pollTimeoutSeconds, allowed_updates: deps.allowedUpdates },
        ctx.signal,
      );
      if (updates.length > 0) {
        const last = updates.at(-1)!.update_id;
        // Updates that give no event (edits, ignored groups) are stored as a cursor move alone.
        store(ctx, await deps.toEvents(updates), String(last));
        offset = last + 1;
      }
      if (failures > 0) ctx.setStatus('connected');
      failures = 0;
      if (
        updates.length === 0 &&
        !(await wait(startedAt + options.minIntervalMs - Date.now(), ctx.signal))
      )
        return;
    } catch (error) {
      if (ctx.signal.aborted) return;
      const reason = describeError(error, deps.apiRoot);
      ctx.log.error(`telegram/${ctx.account}: ${reason}`);
      if (isUnauthorized(error)) {
        ctx.setStatus('error', reason);
        return;
      }
      failures++;
      const pause = Math.min(options.firstRetryMs * 2 ** (failures - 1), options.maxRetryMs);
      ctx.setStatus('error', `${reason}; trying again in ${Math.ceil(pause / 1000)} s`);
      if (!(await wait(pause, ctx.signal))) return;
    }
  }
}
