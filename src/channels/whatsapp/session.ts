/**
 * The life of one account's WhatsApp Web session: a client is built, paired by QR code, kept
 * connected; when WhatsApp drops it, it is thrown away and a fresh one is built after a pause that
 * grows with each failure. A client's listeners are attached once, when it is built, and removed
 * when it is dropped, so an old client can never deliver into the new one's place.
 */
import { rm } from 'node:fs/promises';
import type { ConnectorContext } from '../connector';
import type { ClientFactory, WhatsAppClient } from './client';
import { isRefusal, refusalRecord, type Refusal } from './refusal';
import type { Texts } from './texts';

/** Pauses before the 1st, 2nd, ... attempt to reconnect; the last repeats. */
export const RECONNECT_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000] as const;

export interface SessionOptions {
  ctx: Pick<ConnectorContext, 'setStatus' | 'log' | 'account'>;
  createClient: ClientFactory;
  /** This account's LocalAuth folder: wiped when WhatsApp refuses the saved session. */
  sessionDir: string;
  /** Where a refusal of the number or the app by WhatsApp is written down (refusal.ts). */
  refusalFile: string;
  texts: () => Texts;
  reconnectDelays?: readonly number[];
  /** Attaches the message listeners to a freshly built client. */
  onClient(client: WhatsAppClient): void;
  /** The client is connected and its chats are loaded. */
  onReady(client: WhatsAppClient): void;
  /** The client is going away (disconnected, refused, stopped). */
  onLost(client: WhatsAppClient): void;
}

/** Disconnection reasons that mean the phone no longer knows this computer. */
const UNLINKED = new Set(['LOGOUT', 'UNPAIRED', 'UNPAIRED_IDLE']);

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

/** The WhatsApp Web session of one account: started, kept connected, stopped. */
export function createSession(options: SessionOptions) {
  const { ctx } = options;
  const delays = options.reconnectDelays ?? RECONNECT_DELAYS_MS;
  let client: WhatsAppClient | null = null;
  let ready = false;
  let failures = 0;
  let restarting: Promise<void> | null = null;
  let stopper = new AbortController();
  /** Sends waiting for the connection; answered on `ready`, or refused on stop. */
  const waiters: { resolve(client: WhatsAppClient): void; reject(): void }[] = [];

  const label = `whatsapp/${ctx.account}`;
  const refusals = refusalRecord(options.refusalFile);
  const refused = (reason: Refusal) => options.texts().refused[reason];

  /** Lets go of the current client: no more events from it, and its browser closed. */
  async function drop(): Promise<void> {
    const old = client;
    if (!old) return;
    client = null;
    ready = false;
    old.removeAllListeners();
    options.onLost(old);
    await old.destroy().catch((error: unknown) => ctx.log.error(`${label}: closing`, error));
  }

  function listen(current: WhatsAppClient): void {
    const mine = () => current === client;
    current.on('qr', (qr: string) => {
      // The library refreshes the code every ~20 s: each one replaces the last on the page.
      if (mine()) ctx.setStatus('needs_qr', qr);
    });
    current.on('authenticated', () => {
      if (mine()) ctx.setStatus('connecting');
    });
    current.on('ready', () => {
      if (!mine()) return;
      ready = true;
      failures = 0;
      refusals.clear();
      ctx.setStatus('connected');
      for (const waiter of waiters.splice(0)) waiter.resolve(current);
      options.onReady(current);
    });
    current.on('auth_failure', (message: string) => {
      if (!mine()) return;
      ctx.log.error(`${label}: saved session refused (${message}); pairing again`);
      void restart({ wipe: true });
    });
    current.on('disconnected', (reason: string) => {
      if (!mine()) return;
      if (isRefusal(reason)) {
        void refuse(reason);
        return;
      }
      ctx.log.info(`${label}: disconnected (${reason}); reconnecting`);
      // Unlinked from the phone: the saved session is worthless, so pair again straight away.
      void restart({ wipe: UNLINKED.has(reason) });
    });
    options.onClient(current);
  }

  /** Builds a client, listens to it, and starts it. */
  async function launch(): Promise<void> {
    const fresh = await options.createClient();
    if (stopper.signal.aborted) {
      await fresh.destroy().catch(() => undefined);
      return;
    }
    client = fresh;
    listen(fresh);
    ctx.setStatus('connecting');
    try {
      await fresh.initialize();
    } catch (error) {
      // Unless an event has already replaced it, a client that failed to start is let go.
      if (client === fresh) await drop();
      throw error;
    }
  }

  /** WhatsApp refused the number or the app: written down and said, and no reconnection. */
  async function refuse(reason: Refusal): Promise<void> {
    ctx.log.error(`${label}: WhatsApp refused the connection (${reason})`);
    refusals.record(reason);
    await drop();
    ctx.setStatus('error', refused(reason));
  }

  /**
   * Replaces the client by a fresh one, one replacement at a time: at once for a refused session
   * (it pairs again), after a pause growing with each failure for a dropped connection. A fresh
   * client that cannot start is reported as an error: the supervisor then restarts the account.
   */
  function restart(how: { wipe: boolean }): Promise<void> {
    restarting ??= (async () => {
      try {
        ctx.setStatus('connecting');
        await drop();
        if (how.wipe) {
          // The browser is closed by now, but Chrome on Windows may hold its profile's files a
          // moment longer (EBUSY): removal is retried for about ten seconds.
          await rm(options.sessionDir, {
            recursive: true,
            force: true,
            maxRetries: 10,
            retryDelay: 200,
          });
        } else {
          await sleep(delays[Math.min(failures, delays.length - 1)] ?? 0, stopper.signal);
          failures++;
        }
        if (stopper.signal.aborted) return;
        await launch();
      } catch (error) {
        ctx.log.error(`${label}: reconnecting failed`, error);
        ctx.setStatus('error', error instanceof Error ? error.message : String(error));
      } finally {
        restarting = null;
      }
    })();
    return restarting;
  }

  return {
    /** Builds and starts the first client; rejects (with the reason to show) when it cannot. */
    async start(): Promise<void> {
      // Within an hour of a refusal the answer is known: WhatsApp is not asked again yet.
      const standing = refusals.standing();
      if (standing) throw new Error(refused(standing));
      stopper = new AbortController();
      failures = 0;
      await launch();
    },

    /** Stops reconnecting and closes the client. */
    async stop(): Promise<void> {
      stopper.abort();
      for (const waiter of waiters.splice(0)) waiter.reject();
      // Closing the browser first makes a reconnection under way fail fast instead of pairing.
      await drop();
      await restarting?.catch(() => undefined);
      await drop();
    },

    /** The connected client, or null while pairing, connecting or stopped. */
    readyClient: (): WhatsAppClient | null => (ready ? client : null),

    /** The connected client, once there is one; rejects with `reason` when stopped first. */
    whenReady(reason: () => string): Promise<WhatsAppClient> {
      if (ready && client) return Promise.resolve(client);
      if (stopper.signal.aborted) return Promise.reject(new Error(reason()));
      return new Promise((resolve, reject) => {
        waiters.push({ resolve, reject: () => reject(new Error(reason())) });
      });
    },
  };
}
