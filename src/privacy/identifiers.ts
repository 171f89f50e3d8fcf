/**
 * What an erased person is recognised by again: their phones, e-mails and each channel's id of
 * them, written one way (`kind:value`) so that what an erasure remembers and what a history
 * import brings compare equal.
 */
import { normalizeEmail } from '../customers/contact-lookup';
import { normalizePhone, phoneFromWhatsAppId } from '../customers/phone';
import type { InboundEvent } from '../inbox/inbound-event';

const phoneKey = (phone: string) => `phone:${phone}`;
const emailKey = (email: string) => `email:${email}`;
const idKey = (channel: string, externalId: string) => `id:${channel}:${externalId}`;

/** A stored person: the customer's own phone and e-mail, and every identity's. */
export interface StoredContacts {
  phones: (string | null)[];
  emails: (string | null)[];
  ids: { channel: string; externalId: string }[];
}

/** The keys of a stored person (phones already E.164, e-mails already lower-cased). */
export function storedKeys(contacts: StoredContacts): string[] {
  const keys = new Set<string>();
  for (const phone of contacts.phones) if (phone) keys.add(phoneKey(phone));
  for (const email of contacts.emails) if (email) keys.add(emailKey(email));
  for (const { channel, externalId } of contacts.ids) keys.add(idKey(channel, externalId));
  return [...keys];
}

/**
 * The keys of the person an event comes from: its channel id, and every phone or e-mail it
 * carries or its id is (a WhatsApp id and an SMS sender are numbers), read as ingest reads them.
 */
export function eventKeys(event: InboundEvent, defaultRegion: string): string[] {
  const keys = [idKey(event.channel, event.externalUserId)];
  const phones = [
    event.phone ? normalizePhone(event.phone, defaultRegion) : null,
    event.channel === 'whatsapp' ? phoneFromWhatsAppId(event.externalUserId) : null,
    event.channel === 'sms' ? normalizePhone(event.externalUserId, defaultRegion) : null,
  ];
  for (const phone of phones) if (phone) keys.push(phoneKey(phone));
  const email = normalizeEmail(event.email);
  if (email) keys.push(emailKey(email));
  return keys;
}
