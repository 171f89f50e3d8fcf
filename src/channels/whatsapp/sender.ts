/**
 * Sending an agent's message. WhatsApp may know a Brazilian mobile by its old eight-digit form, so
 * the registered id is asked for (getNumberId) before the first message to a number; a number not
 * on WhatsApp is a failure no retry will fix.
 *
 * The library also reports each sent message as a `message_create` of the owner's, possibly before
 * sendMessage returns: those echoes are recognised here so the message is not stored twice.
 */
import type { OutboundMessage, SendResult } from '../connector';
import { PermanentSendError } from '../connector';
import { formatPhone } from '../../customers/phone';
import type { WhatsAppClient } from './client';
import { chatKind, messageKey } from './ids';
import type { Texts } from './texts';

/** How many sent ids are remembered to recognise their echoes. */
const REMEMBERED = 1000;

/** The forms of a number to ask WhatsApp about: as given, then a Brazilian mobile without its 9. */
export function numberForms(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  const forms = [digits];
  if (digits.length === 13 && digits.startsWith('55') && digits[4] === '9') {
    forms.push(digits.slice(0, 4) + digits.slice(5));
  }
  return forms;
}

/** The sending side of one account. */
export function createSender(deps: {
  /** The connected client; waits while WhatsApp (re)connects, so a message stays pending. */
  client: () => Promise<WhatsAppClient>;
  texts: () => Texts;
  /** Called once the outbox has had the chance to record the sent id (a turn later). */
  onSent?: (externalId: string) => void;
}) {
  const registered = new Map<string, string>();
  const sentIds = new Set<string>();
  const inFlight = new Set<Promise<string>>();

  /** The id WhatsApp knows a number by, or null when the number is not on WhatsApp. */
  async function registeredId(client: WhatsAppClient, phone: string): Promise<string | null> {
    const cached = registered.get(phone);
    if (cached) return cached;
    for (const number of numberForms(phone)) {
      const id = await client.getNumberId(number);
      if (id) {
        registered.set(phone, id._serialized);
        return id._serialized;
      }
    }
    return null;
  }

  /** The chat to write to: a group or `@lid` id as it is, a number by its registered id. */
  async function chatIdFor(client: WhatsAppClient, message: OutboundMessage): Promise<string> {
    const kind = chatKind(message.externalUserId);
    if (kind === 'group' || kind === 'lid') return message.externalUserId;
    const phone = message.phone ?? `+${message.externalUserId.replace(/@.*$/, '')}`;
    const id = await registeredId(client, phone);
    if (!id) throw new PermanentSendError(deps.texts().notOnWhatsApp(formatPhone(phone)));
    return id;
  }

  /** Sends, and remembers the id before anyone waiting in `isEcho` is let through. */
  async function sendAndRemember(client: WhatsAppClient, chatId: string, text: string) {
    const sent = await client.sendMessage(chatId, text);
    if (!sent) throw new Error(deps.texts().sendFailed);
    const id = messageKey(sent.id);
    sentIds.add(id);
    if (sentIds.size > REMEMBERED) sentIds.delete(sentIds.values().next().value!);
    return id;
  }

  return {
    /** Sends one message and returns WhatsApp's id of it. */
    async send(message: OutboundMessage): Promise<SendResult> {
      const client = await deps.client();
      const chatId = await chatIdFor(client, message);
      // Only the send itself is waited for by `isEcho`: the lookups before it make no echo.
      const sending = sendAndRemember(client, chatId, message.text);
      inFlight.add(sending);
      let externalId: string;
      try {
        externalId = await sending;
      } finally {
        inFlight.delete(sending);
      }
      // The caller records the id as soon as this resolves; receipts are replayed just after.
      setTimeout(() => deps.onSent?.(externalId), 0);
      return { externalId };
    },

    /**
     * Whether an owner's message is the echo of one this app sent. Waits for sends under way,
     * since the echo may arrive before sendMessage has said which id it got.
     */
    async isEcho(messageId: string): Promise<boolean> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      return sentIds.has(messageId);
    },
  };
}
export type Sender = ReturnType<typeof createSender>;
