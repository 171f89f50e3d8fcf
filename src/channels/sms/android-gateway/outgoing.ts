/**
 * Replies as the app takes them: the id each try carries, how long the phone may hold one, and
 * the app's message states in the connector's four words.
 */
import { createHash } from 'node:crypto';
import type { SmsDelivery } from '../provider';
import { smsTexts } from '../texts';
import type { MessageState } from './schemas';

/**
 * How long the phone may keep a reply queued (no signal, switched off, a full queue) before it
 * gives up on it: sent later than this, an answer reads as out of place. The app fails it with
 * "TTL expired", and the agent can send it again.
 */
export const REPLY_TTL_HOURS = 4;

/** The app's limit for a client id (the OpenAPI document's maxLength). */
const MAX_ID = 36;

/**
 * The id of one try of one reply. The app refuses a second message with an id it has (409), so a
 * reply handed over again after its answer was lost, or after a crash, is not sent twice; a reply
 * the phone failed and the agent sends again goes under the next try's id. A "|" would break the
 * app's receipts (it splits "id|phone" in MessagesService.processStateIntent), so a key that does
 * not fit is hashed.
 */
export function gatewayMessageId(key: string, attempt: number): string {
  const id = `clientela-${key}-${attempt}`;
  if (id.length <= MAX_ID && /^[\w.-]+$/.test(key)) return id;
  return `clientela-${createHash('sha256').update(key).digest('base64url').slice(0, 20)}-${attempt}`;
}

/** The state of our one recipient (we always send to one number). */
export function deliveryOf(message: MessageState): SmsDelivery {
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
        // MessagesService.sendMessage's words for a reply past its ttl.
        error:
          recipient?.error === 'TTL expired'
            ? smsTexts().notSentInTime(REPLY_TTL_HOURS)
            : smsTexts().phoneCouldNotSend(recipient?.error ?? null),
      };
    case 'Cancelled':
      return { state: 'failed', error: smsTexts().cancelledOnPhone };
  }
}
