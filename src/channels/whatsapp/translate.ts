/**
 * whatsapp-web.js messages → InboundEvents. `message_create` brings both the person's messages and
 * the ones the owner sends from the phone (`fromMe`): both are the business's conversation with the
 * person, so both create the customer; the person is `from` in one case and `to` in the other.
 */
import type { Message } from 'whatsapp-web.js';
import type { InboundEvent } from '../../inbox/inbound-event';
import { rawOf, type WhatsAppClient } from './client';
import { chatKind, messageKey, type ChatKind } from './ids';
import { messageText } from './message-text';
import type { People, Person } from './people';
import type { Texts } from './texts';

export interface TranslateOptions {
  account: string;
  /** Group conversations are kept only when the account asks for them. */
  includeGroups: boolean;
  /** The paired number's own id: the "message yourself" chat is not a customer. */
  selfId: string | null;
  texts: Texts;
}

/**
 * The chat a message belongs to, or null for what the app leaves alone: status updates,
 * newsletters (channels), broadcast lists, groups unless asked for, and notes to oneself.
 */
export function chatOf(
  message: Message,
  options: Pick<TranslateOptions, 'includeGroups' | 'selfId'>,
): { id: string; kind: ChatKind } | null {
  if (message.isStatus) return null;
  // A note to oneself: from the owner to the owner, under their number or their `@lid`.
  if (message.fromMe && message.from === message.to) return null;
  const id = message.fromMe ? message.to : message.from;
  if (!id || id === options.selfId) return null;
  const kind = chatKind(id);
  if (kind === 'user' || kind === 'lid') return { id, kind };
  if (kind === 'group' && options.includeGroups) return { id, kind };
  return null;
}

/** The InboundEvent of a message of a chat whose person is known; null when it is not content. */
export function toInboundEvent(
  message: Message,
  chat: { kind: ChatKind },
  person: Person,
  options: Pick<TranslateOptions, 'account' | 'texts'>,
): InboundEvent | null {
  const text = messageText(message, options.texts);
  if (text === null) return null;
  // On the owner's own messages the push name is the owner's: never the person's name.
  const senderName = message.fromMe ? null : rawOf(message).notifyName?.trim() || null;
  const isGroup = chat.kind === 'group';
  const seconds = message.timestamp > 0 ? message.timestamp : Date.now() / 1000;
  return {
    channel: 'whatsapp',
    account: options.account,
    direction: message.fromMe ? 'out' : 'in',
    messageId: messageKey(message.id),
    externalUserId: person.externalUserId,
    // A group is named by its subject; a person by the name the business saved, else their own.
    displayName: isGroup
      ? (person.savedName ?? person.pushName)
      : (person.savedName ?? senderName ?? person.pushName),
    phone: person.phone,
    isBusiness: isGroup ? null : person.isBusiness,
    profilePictureUrl: person.profilePictureUrl,
    // In a group, who said it is part of what was said.
    text: isGroup && !message.fromMe && senderName ? `${senderName}: ${text}` : text,
    timestamp: new Date(seconds * 1000).toISOString(),
  };
}

/** Translates one message, looking up the person behind its chat; null when it is left alone. */
export async function translateMessage(
  client: WhatsAppClient,
  people: People,
  message: Message,
  options: TranslateOptions,
): Promise<InboundEvent | null> {
  const chat = chatOf(message, options);
  if (!chat || messageText(message, options.texts) === null) return null;
  const person = await people.resolve(client, chat.id);
  // The owner's own `@lid` chat is known only by its contact.
  if (person.isMe) return null;
  return toInboundEvent(message, chat, person, options);
}
