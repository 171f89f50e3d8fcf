/**
 * The SMS connector over any SmsProvider: reads the inbox at a steady pace, hands agents' messages
 * to the provider and follows them until delivered or failed. Nothing here knows which provider
 * carries the messages.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connector, ConnectorContext } from '../connector';
import { PermanentSendError } from '../connector';
import { createDeliveryTracker } from './delivery-tracker';
import { translateSms } from './translate';
import { SmsProviderError, type SmsProvider } from './provider';
import { smsTexts } from './texts';

export interface SmsTiming {
  /** Pause between two reads of the inbox. */
  inboxEveryMs: number;
  /** Pause between two rounds of asking the state of messages in flight. */
  statusEveryMs: number;
  /** Pause between two looks at the provider's health (a phone's battery). */
  healthEveryMs: number;
  /** How long a sent message without a final state is still asked about. */
  giveUpAfterMs: number;
}

/** A reply reads as instant when it shows within a few seconds; a phone on the LAN takes that easily. */
export const DEFAULT_SMS_TIMING: SmsTiming = {
  inboxEveryMs: 5_000,
  statusEveryMs: 5_000,
  healthEveryMs: 60_000,
  giveUpAfterMs: 3 * 24 * 3_600_000,
};

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Waits `everyMs`, then runs `task`, over and over until the signal aborts. */
async function repeat(everyMs: number, signal: AbortSignal, task: () => Promise<void>) {
  for (;;) {
    await sleep(everyMs, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return;
    await task();
  }
}

/** Builds the connector of one SMS account. */
export function createSmsConnector(
  context: ConnectorContext<unknown>,
  provider: SmsProvider,
  timing: SmsTiming = DEFAULT_SMS_TIMING,
): Connector {
  const stopping = new AbortController();
  const signal = AbortSignal.any([context.signal, stopping.signal]);
  const loops: Promise<void>[] = [];
  const tracker = createDeliveryTracker({
    provider,
    dataDir: context.dataDir,
    giveUpAfterMs: timing.giveUpAfterMs,
    now: Date.now,
    log: context.log,
    report(id, delivery) {
      // "Queued on the phone" and "sent" are one state to the agent: out of our hands.
      if (delivery.state === 'queued') return;
      context.messageStatus(id, delivery.state, delivery.error);
    },
  });
  /** The last state announced, so that a poll every few seconds announces only changes. */
  let announced: { status: 'connected' | 'error'; detail?: string } | null = null;
  /** What the owner should know of a provider that works (a battery running low). */
  let warning: string | undefined;

  function announce(status: 'connected' | 'error', detail?: string) {
    if (announced?.status === status && announced.detail === detail) return;
    announced = { status, detail };
    context.setStatus(status, detail);
  }

  /** Looks at the provider's health; a new warning, or its end, shows at once while connected. */
  async function checkHealth(): Promise<void> {
    try {
      warning = (await provider.health(signal)) ?? undefined;
    } catch {
      // An unreachable provider is the inbox poll's to report, with the reason.
      return;
    }
    if (announced?.status === 'connected') announce('connected', warning);
  }

  async function readInbox(): Promise<void> {
    const before = context.cursor();
    const batch = await provider.inbox(before, signal);
    const { defaultRegion } = context.settings();
    const events = batch.messages.map((sms) => translateSms(sms, context.account, defaultRegion));
    if (events.length > 0 || batch.cursor !== before) context.deliver(events, batch.cursor);
  }

  return {
    async start() {
      // The first calls check the app, the address and the credentials: a rejection is shown
      // and retried.
      await provider.prepare(signal);
      await readInbox();
      await checkHealth();
      announce('connected', warning);
      loops.push(
        repeat(timing.inboxEveryMs, signal, async () => {
          try {
            await readInbox();
            announce('connected', warning);
          } catch (error) {
            if (signal.aborted) return;
            context.log.error(`sms/${context.account}: inbox not read`, error);
            announce('error', reasonOf(error));
          }
        }),
        repeat(timing.healthEveryMs, signal, checkHealth),
        repeat(timing.statusEveryMs, signal, () =>
          tracker
            .check(signal)
            .catch((error: unknown) =>
              context.log.error(`sms/${context.account}: receipts not recorded`, error),
            ),
        ),
      );
    },

    async stop() {
      stopping.abort();
      await Promise.all(loops);
    },

    async send(message) {
      const to = message.phone ?? message.externalUserId;
      let sent;
      try {
        sent = await provider.send(
          { to, text: message.text, key: message.idempotencyKey ?? String(message.messageId) },
          signal,
        );
      } catch (error) {
        if (error instanceof SmsProviderError && error.permanent)
          throw new PermanentSendError(error.message);
        throw error;
      }
      if (sent.state === 'failed')
        throw new PermanentSendError(sent.error ?? smsTexts().phoneRefused);
      if (sent.state === 'delivered') return { externalId: sent.id, status: 'delivered' };
      tracker.track(sent.id, sent.state);
      return { externalId: sent.id, status: 'sent' };
    },
  };
}
