/**
 * What a visitor writes in the widget as InboundEvents. The person is the visitor id their signed
 * token carries; the name and e-mail they may type are only claims (the core never lets a claim
 * join or rename a customer with a vouched identity).
 */
import type { InboundEvent } from '../../inbox/inbound-event';
import type { PostMessage } from './validation';

/** One message `visitorId` sent, received at `at`, on web chat account `account`. */
export function translateVisitorMessage(
  message: PostMessage,
  visitorId: string,
  account: string,
  at: string,
): InboundEvent {
  return {
    channel: 'webchat',
    account,
    direction: 'in',
    messageId: `${visitorId}.${message.clientId}`,
    externalUserId: visitorId,
    displayName: message.name || null,
    email: message.email ?? null,
    language: message.language ?? null,
    text: message.text,
    timestamp: at,
  };
}
