/** Received SMS, whatever the provider, as the core's InboundEvents. */
import { createHash } from 'node:crypto';
import { normalizePhone } from '../../customers/phone';
import type { InboundEvent } from '../../inbox/inbound-event';
import type { ReceivedSms } from './provider';

/**
 * The message's key in the store: the provider's id, or (for a provider that gives none) a hash of
 * sender, time and text, so that reading the same SMS again is recognised as a repeat.
 */
export function smsMessageId(sms: ReceivedSms): string {
  if (sms.id) return sms.id;
  const hash = createHash('sha256')
    .update(`${sms.from}\0${Date.parse(sms.sentAt)}\0${sms.text}`)
    .digest('hex');
  return `sms:${hash.slice(0, 32)}`;
}

/**
 * One received SMS as an InboundEvent. The person is known by the number in E.164, which is also
 * what joins them to the customer already known by that number on WhatsApp. A sender that is not
 * a phone number (a bank's short code, an alphanumeric name) keeps its own form, shown as its name.
 */
export function translateSms(
  sms: ReceivedSms,
  account: string,
  defaultRegion: string,
): InboundEvent {
  const phone = normalizePhone(sms.from, defaultRegion);
  const sender = sms.from.trim();
  return {
    channel: 'sms',
    account,
    direction: 'in',
    messageId: smsMessageId(sms),
    externalUserId: phone ?? sender,
    displayName: phone ? null : sender,
    phone,
    text: sms.text,
    timestamp: new Date(Date.parse(sms.sentAt)).toISOString(),
  };
}
