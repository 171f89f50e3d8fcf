/**
 * Keeps one account's connector running: builds it, starts it, and when it fails (its start
 * rejects, or it reports the status `error`) stops it and starts a fresh one after a pause that
 * doubles on each failure, up to a ceiling, and starts over after a run that lasted.
 */
import type { ChannelStatus } from '../api/types';
import type { Core } from '../core';
import type { Connector, ConnectorContext, Log } from './connector';
import { createConnectorContext } from './context';
import type { AnyChannelDriver } from './registry';
import { texts } from '../i18n/texts';

export interface Backoff {
  /** The pause after the first failure. */
  firstMs: number;
  /** The longest pause. */
  maxMs: number;
  /** A run this long counts as healthy: the next failure waits `firstMs` again. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 60_000, stableMs: 60_000 };

/** How long a connector may take to stop before shutdown goes on without it. */
const STOP_TIMEOUT_MS = 10_000;

/** The pause before attempt `failures` (1 = after the first failure). */
export function backoffDelay(backoff: Backoff, failures: number): number {
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, failures - 1));
}

export interface RunnerOptions {
  core: Core;
  driver: AnyChannelDriver;
  account: string;
  config: Record<string, unknown>;
  /** Read at every start, so a fixed secret is picked up by the next attempt. */
  loadSecrets(): Promise<Record<string, string>>;
  dataDir: string;
  avatarDir: string;
  log: Log;
  backoff: Backoff;
  /** Every status change, the supervisor's and the connector's own. */
  onStatus(status: ChannelStatus, detail: string | null): void;
  /** Called each time a connector has started: the moment to hand it the waiting messages. */
  onStarted(connector: Connector): void;
}

export interface Runner {
  /** The connector while it is started and healthy; null while connecting or waiting. */
  connector(): Connector | null;
  /** The connector of the attempt under way, started or still starting (for its actions). */
  current(): Connector | null;
  /** Stops for good: aborts the context's signal and awaits the connector's stop. */
  stop(): Promise<void>;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Starts running one account at once; returns the handle that stops it. */
export function startRunner(options: RunnerOptions): Runner {
  const { core, driver, account, log } = options;
  const name = `${driver.channel}/${account}`;
  const stopping = new AbortController();
  let active: Connector | null = null;
  let current: Connector | null = null;

  /** Resolves when stop() is called, so every wait in the loop can end early. */
  const stopped = new Promise<'stopped'>((resolve) =>
    stopping.signal.addEventListener('abort', () => resolve('stopped'), { once: true }),
  );

  /** One run: start a connector and wait for it to fail. Returns why it ended. */
  async function runOnce(): Promise<{ reason: string | null; ranMs: number }> {
    const run = new AbortController();
    let connector: Connector | undefined;
    let reported = false;
    let failWith: (reason: string) => void = () => undefined;
    const failed = new Promise<{ failed: string }>(
      (resolve) => (failWith = (reason) => resolve({ failed: reason })),
    );
    let startedAt = 0;
    try {
      const secrets = await options.loadSecrets();
      const base = createConnectorContext(core, {
        channel: driver.channel,
        account,
        config: options.config,
        secrets,
        dataDir: options.dataDir,
        avatarDir: options.avatarDir,
        log,
        signal: run.signal,
      });
      const context: ConnectorContext = {
        ...base,
        setStatus(status, detail) {
          // A connector already replaced must not speak for the account any more.
          if (run.signal.aborted) return;
          reported = true;
          options.onStatus(status, detail ?? null);
          if (status === 'error') failWith(detail ?? texts().connectionFailed);
        },
      };
      connector = driver.create(context);
      current = connector;
      const starting = connector.start().then(() => 'started' as const);
      // Stopped or failed while starting: the start's outcome no longer matters, but must not
      // go unhandled.
      starting.catch(() => undefined);
      const first = await Promise.race([starting, stopped, failed]);
      if (first === 'stopped') return { reason: null, ranMs: 0 };
      if (first !== 'started') return { reason: first.failed, ranMs: 0 };
      startedAt = Date.now();
      active = connector;
      if (!reported) options.onStatus('connected', null);
      options.onStarted(connector);
      const outcome = await Promise.race([failed, stopped]);
      return {
        reason: outcome === 'stopped' ? null : outcome.failed,
        ranMs: Date.now() - startedAt,
      };
    } catch (error) {
      return { reason: reasonOf(error), ranMs: startedAt ? Date.now() - startedAt : 0 };
    } finally {
      active = null;
      current = null;
      run.abort();
      if (connector) await stopConnector(connector);
    }
  }

  async function stopConnector(connector: Connector): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log.error(`${name}: did not stop within ${STOP_TIMEOUT_MS / 1000} s; going on without it`);
        resolve();
      }, STOP_TIMEOUT_MS);
    });
    try {
      await Promise.race([connector.stop(), timeout]);
    } catch (error) {
      log.error(`${name}: error while stopping`, error);
    } finally {
      clearTimeout(timer);
    }
  }

  async function loop(): Promise<void> {
    let failures = 0;
    // While it tries again, the account still says why the last attempt failed: a card that
    // flips between "error" and a bare "connecting" would hide the reason half of the time.
    let lastFailure: string | null = null;
    while (!stopping.signal.aborted) {
      options.onStatus('connecting', lastFailure);
      const { reason, ranMs } = await runOnce();
      if (stopping.signal.aborted) break;
      if (ranMs >= options.backoff.stableMs) failures = 0;
      failures += 1;
      const delay = backoffDelay(options.backoff, failures);
      const why = reason ?? texts().connectionEnded;
      lastFailure = why;
      options.onStatus('error', why);
      log.error(`${name}: ${why}; trying again in ${Math.round(delay / 1000)} s`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, delay))), stopped]);
      clearTimeout(timer);
    }
    options.onStatus('stopped', null);
  }

  const done = loop().catch((error: unknown) =>
    log.error(`${name}: supervisor loop failed`, error),
  );

  return {
    connector: () => active,
    current: () => current,
    async stop() {
      stopping.abort();
      await done;
    },
  };
}
