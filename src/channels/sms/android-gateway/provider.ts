/**
 * The SmsProvider of an Android phone running "SMS Gateway for Android" (capcom6/android-sms-gateway)
 * in Local Server mode. Endpoints, from the app's routes (modules/localserver/WebService.kt and
 * routes/*.kt) and its OpenAPI document:
 * - GET  /health           no credentials: the app's version and its checks (battery...);
 * - GET  /                 greeting with the phone's model (credentials check);
 * - POST /messages         enqueue an SMS: {textMessage: {text}, phoneNumbers, withDeliveryReport};
 *                          202 with the message's state;
 * - GET  /messages/{id}    the state of each recipient: Pending, Processed, Sent, Delivered, Failed
 *                          (with `error`), Cancelled;
 * - GET  /inbox            received messages, newest first, filtered by `type`, `from`, `to`, paged
 *                          by `limit` (≤ 500) and `offset` (app 1.59.0 and later).
 */
import type { InboxBatch, SmsDelivery, SmsProvider } from '../provider';
import { SmsProviderError } from '../provider';
import { createGatewayHttp, GatewayHttpError, type GatewayAddress } from './http';
import { appRefusal, MIN_APP_VERSION } from './health';
import {
  advanceInboxCursor,
  formatInboxCursor,
  inboxKey,
  inboxWindowStart,
  parseInboxCursor,
} from './inbox-cursor';
import {
  GreetingSchema,
  HealthSchema,
  InboxPageSchema,
  MessageStateSchema,
  type IncomingMessage,
  type MessageState,
} from './schemas';
import { smsTexts } from '../texts';

/** The largest page GET /inbox allows. */
const INBOX_PAGE = 500;

/** The state of our one recipient (we always send to one number). */
function deliveryOf(message: MessageState): SmsDelivery {
  const recipient = message.recipients[0];
  const state = recipient?.state ?? message.state;
  switch (state) {
    case 'Pending':
    case 'Processed':
    case 'Cancelling':
      return { state: 'queued' };
    case 'Sent':
      return { state: 'sent' };
    case 'Delivered':
      return { state: 'delivered' };
    case 'Failed':
      return {
        state: 'failed',
        error: smsTexts().phoneCouldNotSend(recipient?.error ?? null),
      };
    case 'Cancelled':
      return { state: 'failed', error: smsTexts().cancelledOnPhone };
  }
}

/** The provider for one phone. */
export function createAndroidGatewayProvider(address: GatewayAddress): SmsProvider {
  const http = createGatewayHttp(address);

  /** One page of received SMS; an app too old to have the inbox says so. */
  function inboxPage(query: { from?: string; limit: number; offset: number }, signal: AbortSignal) {
    return http
      .request(
        { method: 'GET', path: '/inbox', query: { type: 'SMS', ...query }, signal },
        InboxPageSchema,
      )
      .then((response) => response.data)
      .catch((error: unknown) => {
        if (error instanceof GatewayHttpError && error.status === 404)
          throw new SmsProviderError(smsTexts().noInbox(address.url, MIN_APP_VERSION));
        throw error;
      });
  }

  /** Every received SMS stamped at or after `from` (all of them when null), newest first. */
  async function listInbox(from: number | null, signal: AbortSignal): Promise<IncomingMessage[]> {
    const listed: IncomingMessage[] = [];
    const since = from === null ? undefined : new Date(from).toISOString();
    for (;;) {
      const page = await inboxPage(
        { from: since, limit: INBOX_PAGE, offset: listed.length },
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
      // Reading one inbox entry proves, before the account is saved, that the app can receive.
      await inboxPage({ limit: 1, offset: 0 }, signal);
      return `${data.model ?? 'Android'} (${new URL(address.url).host})`;
    },

    async prepare(signal) {
      await checkApp(signal);
    },

    async send(to, text, signal) {
      const { data } = await http.request(
        {
          method: 'POST',
          path: '/messages',
          body: { textMessage: { text }, phoneNumbers: [to], withDeliveryReport: true },
          signal,
        },
        MessageStateSchema,
      );
      return { id: data.id, ...deliveryOf(data) };
    },

    async status(id, signal) {
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
    },

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
