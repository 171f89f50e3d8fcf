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

/** A WhatsApp id as the library may hand it over: a string, or an id object with its string form. */
type IdLike = string | { _serialized: string };

/** The parts of a message key (the library's `Message#id`), whatever its string form is called. */
export interface MessageKeyParts {
  fromMe: boolean;
  remote: IdLike;
  id: string;
  /** A group message's author. */
  participant?: IdLike | null;
  /** `in` or `out`: which copy of a message in the "message yourself" chat. */
  self?: string | null;
}

const idString = (id: IdLike) => (typeof id === 'string' ? id : id._serialized);

/** The chat a message is filed under (its key's `remote`), as an id string. */
export function keyChat(key: MessageKeyParts): string {
  return idString(key.remote);
}

/**
 * A message's WhatsApp id, built from its key: `fromMe_remote_id[_participant][_self]`, as
 * WhatsApp Web's MsgKey writes it. The library's `id._serialized` is undefined since WhatsApp Web
 * 2.3000.1042401057 moved that string to a minified `$1` (whatsapp-web.js issue #201830), and the
 * next minifier may rename it again: the parts have kept their names throughout.
 */
export function messageKey(key: MessageKeyParts): string {
  const parts = [String(key.fromMe), idString(key.remote), key.id];
  if (key.participant) parts.push(idString(key.participant));
  if (key.self) parts.push(key.self);
  return parts.join('_');
}
