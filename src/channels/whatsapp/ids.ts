/**
 * WhatsApp's ids ("5511999998888@c.us", "1234@lid", "1203...@g.us", "status@broadcast") and what
 * kind of conversation each names.
 */
import { phoneFromWhatsAppId } from '../../customers/phone';

/** `user`: a phone number; `lid`: a person behind WhatsApp's privacy id, number maybe unknown. */
export type ChatKind = 'user' | 'lid' | 'group' | 'status' | 'broadcast' | 'newsletter' | 'other';

/** What kind of chat an id names. */
export function chatKind(id: string): ChatKind {
  if (id === 'status@broadcast') return 'status';
  if (id.endsWith('@broadcast')) return 'broadcast';
  if (id.endsWith('@newsletter')) return 'newsletter';
  if (id.endsWith('@g.us')) return 'group';
  if (id.endsWith('@lid')) return 'lid';
  if (phoneFromWhatsAppId(id)) return 'user';
  return 'other';
}

/**
 * The one id this app keeps for a phone number: "+5511999998888" → "5511999998888@c.us". WhatsApp
 * may know an old Brazilian number without its ninth digit; the app always stores it with it, so a
 * person has one conversation whichever form a message carries (send() finds the registered one).
 */
export function userIdForPhone(e164: string): string {
  return `${e164.replace(/^\+/, '')}@c.us`;
}
