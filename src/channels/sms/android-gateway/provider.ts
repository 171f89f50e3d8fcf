/**
 * The SmsProvider of an Android phone running "SMS Gateway for Android" (capcom6/android-sms-gateway)
 * in Local Server mode. Endpoints, from the app's routes (modules/localserver/WebService.kt and
 * routes/*.kt) and its OpenAPI document:
 * - GET  /health           no credentials: the app's version and its checks (battery...);
 * - GET  /                 greeting with the phone's model (credentials check);
 * - POST /messages         enqueue an SMS: {id, textMessage: {text}, phoneNumbers, withDeliveryReport,
 *                          ttl}; 202 with the message's state, 409 when the id is taken;
 * - GET  /messages/{id}    the state of each recipient: Pending, Processed, Sent, Delivered, Failed
 *                          (with `error`), Cancelled;
 * - PATCH /settings        {"messages": {"processing_order": "FIFO"}}: the queue's order;
 * - GET  /inbox            received messages, newest first, filtered by `type`, `from`, `to`, paged
 *                          by `limit` (≤ 500) and `offset` (app 1.59.0 and later; dates are
 *                          refused on Android 5 and 6).
 */
import type { InboxBatch, SentSms, SmsDelivery, SmsProvider } from '../provider';
import { SmsProviderError } from '../provider';
import { createGatewayHttp, GatewayHttpError, type GatewayAddress } from './http';
import { appRefusal, batteryWarning, MIN_APP_VERSION } from './health';
import { deliveryOf, gatewayMessageId, REPLY_TTL_HOURS } from './outgoing';
import {
  advanceInboxCursor,
  formatInboxCursor,
  inboxKey,
  inboxWindowStart,
  parseInboxCursor,
} from './inbox-cursor';
import {
  FifoSettingsSchema,
  GreetingSchema,
  HealthSchema,
  InboxPageSchema,
  MessageStateSchema,
  type IncomingMessage,
} from './schemas';
import { smsTexts } from '../texts';

/** The largest page GET /inbox allows. */
const INBOX_PAGE = 500;

/**
 * How far past this computer's clock the inbox is read. GET /inbox ends at the phone's own "now"
 * unless told: an SMS the network stamped a little ahead of a phone whose clock runs late stayed
 * hidden until the clock caught up.
 */
const READ_AHEAD_MS = 3_600_000;

/** Tries of one reply the phone failed, after which asking again is pointless. */
const MAX_TRIES = 100;

export interface GatewayOptions {
  /** The SIM slot replies go out through (1-3) on a phone with several; else the phone's default. */
  simNumber?: number;
}

/** The provider for one phone. */
export function createAndroidGatewayProvider(
  address: GatewayAddress,
  options: GatewayOptions = {},
): SmsProvider {
  const http = createGatewayHttp(address);

  /**
   * One page of received SMS stamped from `from` (epoch ms, or the beginning) to `to`. An app
   * too old to have the inbox, and an Android too old to read dates, say so.
   */
  function inboxPage(
    query: { from?: number; to: number; limit: number; offset: number },
    signal: AbortSignal,
  ) {
    const from = query.from === undefined ? undefined : Math.min(query.from, query.to);
    return http
      .request(
        {
          method: 'GET',
          path: '/inbox',
          query: {
            type: 'SMS',
            from: from === undefined ? undefined : new Date(from).toISOString(),
            to: new Date(query.to).toISOString(),
            limit: query.limit,
            offset: query.offset,
          },
          signal,
        },
        InboxPageSchema,
      )
      .then((response) => response.data)
      .catch((error: unknown) => {
        if (error instanceof GatewayHttpError && error.status === 404)
          throw new SmsProviderError(smsTexts().noInbox(address.url, MIN_APP_VERSION));
        // Android 5 and 6 have no "X" date pattern: the app fails on any date it is given.
        if (
          error instanceof GatewayHttpError &&
          /Unknown pattern character/.test(error.detail ?? '')
        )
          throw new SmsProviderError(smsTexts().androidTooOld(address.url));
        throw error;
      });
  }

  /** Every received SMS stamped at or after `from` (all of them when null), newest first. */
  async function listInbox(from: number | null, signal: AbortSignal): Promise<IncomingMessage[]> {
    const listed: IncomingMessage[] = [];
    const to = Date.now() + READ_AHEAD_MS;
    for (;;) {
      const page = await inboxPage(
        { from: from ?? undefined, to, limit: INBOX_PAGE, offset: listed.length },
        signal,
      );
      listed.push(...page);
      if (page.length < INBOX_PAGE) return listed;
    }
  }

  /** GET /health; an app too old to answer it is too old to use. */
  async function readHealth(signal: AbortSignal) {
    try {
      const { data } = await http.request(
        { method: 'GET', path: '/health', accept: [500], signal },
        HealthSchema,
      );
      return data;
    } catch (error) {
      if (error instanceof GatewayHttpError && error.status === 404) return { version: null };
      throw error;
    }
  }

  /** Hands one try of a reply to the phone; null when it already has one with this id. */
  async function post(
    id: string,
    to: string,
    text: string,
    signal: AbortSignal,
  ): Promise<SentSms | null> {
    try {
      const { data } = await http.request(
        {
          method: 'POST',
          path: '/messages',
          body: {
            id,
            textMessage: { text },
            phoneNumbers: [to],
            withDeliveryReport: true,
            ttl: REPLY_TTL_HOURS * 3600,
            ...(options.simNumber === undefined ? {} : { simNumber: options.simNumber }),
          },
          signal,
        },
        MessageStateSchema,
      );
      return { id: data.id, ...deliveryOf(data) };
    } catch (error) {
      if (error instanceof GatewayHttpError && error.status === 409) return null;
      throw error;
    }
  }

  /** A message's state; null once the app no longer keeps it. */
  async function readState(id: string, signal: AbortSignal): Promise<SmsDelivery | null> {
    try {
      const { data } = await http.request(
        { method: 'GET', path: `/messages/${encodeURIComponent(id)}`, signal },
        MessageStateSchema,
      );
      return deliveryOf(data);
    } catch (error) {
      // The app deletes messages older than its "log lifetime" setting: nothing more to learn.
      if (error instanceof GatewayHttpError && error.status === 404) return null;
      throw error;
    }
  }

  /** Refuses, before anything else, an app whose version is known to lose SMS. */
  async function checkApp(signal: AbortSignal) {
    const health = await readHealth(signal);
    const refusal = appRefusal(address.url, health.version ?? null);
    if (refusal) throw new SmsProviderError(refusal);
    return health;
  }

  return {
    async describe(signal) {
      await checkApp(signal);
      const { data } = await http.request({ method: 'GET', path: '/', signal }, GreetingSchema);
      // Reading one inbox entry, as the connector will (by date), proves before the account is
      // saved that the app can receive on this phone.
      await inboxPage({ to: Date.now() + READ_AHEAD_MS, limit: 1, offset: 0 }, signal);
      return `${data.model ?? 'Android'} (${new URL(address.url).host})`;
    },

    async prepare(signal) {
      await checkApp(signal);
      // The app sends its queue newest first unless told otherwise (MessagesSettings'
      // processingOrder is LIFO by default): three replies queued while the radio was busy would
      // reach the person backwards. The setting is read at every send, so it holds at once.
      await http.request(
        {
          method: 'PATCH',
          path: '/settings',
          body: { messages: { processing_order: 'FIFO' } },
          signal,
        },
        FifoSettingsSchema,
      );
    },

    async health(signal) {
      return batteryWarning(await readHealth(signal));
    },

    async send({ to, text, key }, signal) {
      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        const id = gatewayMessageId(key, attempt);
        const sent = await post(id, to, text, signal);
        if (sent) return sent;
        // The phone has this try already: our earlier hand-over, whose answer never came back.
        const earlier = await readState(id, signal);
        if (earlier && earlier.state !== 'failed') return { id, ...earlier };
        // It failed on the phone (or is gone from it): the agent is sending it again, anew.
      }
      throw new SmsProviderError(smsTexts().triedTooOften(MAX_TRIES), true);
    },

    status: readState,

    async inbox(raw, signal): Promise<InboxBatch> {
      const cursor = parseInboxCursor(raw);
      const listed = await listInbox(inboxWindowStart(cursor), signal);
      const { fresh, next } = advanceInboxCursor(
        cursor,
        listed.map((message) => ({ ...message, at: Date.parse(message.createdAt) })),
      );
      return {
        // Oldest first, as they happened.
        messages: fresh
          .sort((a, b) => a.at - b.at)
          .map((m) => ({
            id: inboxKey(m),
            from: m.sender,
            text: m.contentPreview,
            sentAt: m.createdAt,
          })),
        cursor: formatInboxCursor(next),
      };
    },
  };
}
