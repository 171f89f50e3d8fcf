/**
 * Sending an agent's message. WhatsApp may know a Brazilian mobile by its old eight-digit form, so
 * the registered id is asked for (getNumberId) before the first message to a number; a number not
 * on WhatsApp is a failure no retry will fix.
 *
 * The library also reports each sent message as a `message_create` of the owner's, possibly before
 * sendMessage returns: those echoes are recognised here so the message is not stored twice. When
 * sendMessage gives no message back (it resolves `undefined` when it cannot find what it sent:
 * always with whatsapp-web.js 1.34.7 on WhatsApp Web 2.3000.1042401057+ unpatched, and still when
 * WhatsApp files the message under the person's `@lid`), or fails after the message left, the
 * echo is the proof the message left and carries its id: a message with an echo is never failed.
 */
import type { Message } from 'whatsapp-web.js';
import type { OutboundMessage, SendResult } from '../connector';
import { PermanentSendError } from '../connector';
import { formatPhone } from '../../customers/phone';
import type { WhatsAppClient } from './client';
import { chatKind, keyChat, messageKey } from './ids';
import { LOOKUP_TIMEOUT_MS, within } from './pacing';
import type { Texts } from './texts';

/** How many sent ids are remembered to recognise their echoes. */
const REMEMBERED = 1000;

/**
 * How long a send the library did not answer with its message waits for the echo. WhatsApp Web
 * adds a message to its collection (and the library reports it) before the send completes, so the
 * echo is normally already there; this only covers a busy page.
 */
export const ECHO_WAIT_MS = 15_000;

/** The forms of a number to ask WhatsApp about: as given, then a Brazilian mobile without its 9. */
export function numberForms(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  const forms = [digits];
  if (digits.length === 13 && digits.startsWith('55') && digits[4] === '9') {
    forms.push(digits.slice(0, 4) + digits.slice(5));
  }
  return forms;
}

/** A send the library did not confirm with its message, waiting for its echo. */
interface Unconfirmed {
  chatId: string;
  text: string;
  adopt(id: string): void;
}

/** The sending side of one account. */
export function createSender(deps: {
  /** The connected client; waits while WhatsApp (re)connects, so a message stays pending. */
  client: () => Promise<WhatsAppClient>;
  texts: () => Texts;
  /** Whether replying marks the chat read on the phone (the account's setting). */
  markRead: () => boolean;
  /** Called once the outbox has had the chance to record the sent id (a turn later). */
  onSent?: (externalId: string) => void;
  echoWaitMs?: number;
}) {
  const registered = new Map<string, string>();
  const ours = new Set<string>();
  const inFlight = new Set<Promise<unknown>>();
  const unconfirmed = new Set<Unconfirmed>();

  function remember(id: string): string {
    ours.add(id);
    if (ours.size > REMEMBERED) ours.delete(ours.values().next().value!);
    return id;
  }

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

  /** Waits for the echo of a send to `chatId`: its id, or null when none came in time. */
  function echoOf(chatId: string, text: string): Promise<string | null> {
    return new Promise((resolve) => {
      const entry: Unconfirmed = {
        chatId,
        text,
        adopt(id) {
          clearTimeout(timer);
          unconfirmed.delete(entry);
          resolve(id);
        },
      };
      const timer = setTimeout(() => {
        unconfirmed.delete(entry);
        resolve(null);
      }, deps.echoWaitMs ?? ECHO_WAIT_MS);
      unconfirmed.add(entry);
    });
  }

  /**
   * Sends; the message's id when the library gives the message back, else the wait for its echo.
   * The wait is registered before anyone held in `isEcho` is let through.
   */
  async function dispatch(
    client: WhatsAppClient,
    chatId: string,
    text: string,
  ): Promise<{ id: string } | { id: null; echo: Promise<string | null>; error: unknown }> {
    try {
      const sent = await client.sendMessage(chatId, text, {
        // The library marks the chat read first by default, and a failure there fails the send.
        sendSeen: deps.markRead(),
        // Otherwise a text that starts with BEGIN:VCARD leaves as a contact card.
        parseVCards: false,
      });
      if (sent) return { id: remember(messageKey(sent.id)) };
      const error = new Error(deps.texts().sendUnconfirmed);
      return { id: null, echo: echoOf(chatId, text), error };
    } catch (error) {
      return { id: null, echo: echoOf(chatId, text), error };
    }
  }

  /** The id of what was sent: from the message given back, else from its echo. */
  async function confirmed(outcome: Awaited<ReturnType<typeof dispatch>>): Promise<string> {
    if (outcome.id !== null) return outcome.id;
    const echoed = await outcome.echo;
    // No message back and no echo: nothing shows it left.
    if (echoed === null) throw outcome.error;
    return echoed;
  }

  /** The number behind the lid an echo is filed under, when this account may know it. */
  async function numberOf(client: WhatsAppClient, remote: string): Promise<string | null> {
    if (chatKind(remote) !== 'lid') return remote;
    const [pair] = await within(client.getContactLidAndPhone([remote]), LOOKUP_TIMEOUT_MS, []);
    return pair?.pn ?? null;
  }

  /** The unconfirmed send an owner's message is the echo of, if any. */
  async function waitingFor(client: WhatsAppClient, message: Message) {
    const candidates = [...unconfirmed].filter((entry) => entry.text === message.body);
    if (candidates.length === 0) return undefined;
    const remote = keyChat(message.id);
    const exact = candidates.find((entry) => entry.chatId === remote);
    if (exact) return exact;
    // Filed under the person's lid: the send to that lid's number, or, when this account may not
    // know the number, the only send with these words.
    const number = await numberOf(client, remote);
    if (number) return candidates.find((entry) => entry.chatId === number);
    return chatKind(remote) === 'lid' && candidates.length === 1 ? candidates[0] : undefined;
  }

  return {
    /** Sends one message and returns WhatsApp's id of it. */
    async send(message: OutboundMessage): Promise<SendResult> {
      const client = await deps.client();
      const chatId = await chatIdFor(client, message);
      // Only the send itself is waited for by `isEcho`: the lookups before it make no echo.
      const sending = dispatch(client, chatId, message.text);
      inFlight.add(sending);
      let outcome: Awaited<typeof sending>;
      try {
        outcome = await sending;
      } finally {
        inFlight.delete(sending);
      }
      const externalId = await confirmed(outcome);
      // The caller records the id as soon as this resolves; receipts are replayed just after.
      setTimeout(() => deps.onSent?.(externalId), 0);
      return { externalId };
    },

    /**
     * Whether an owner's message is the echo of one this app sent (then it is not stored again).
     * Waits for sends under way, since the echo may arrive before sendMessage has answered.
     */
    async isEcho(client: WhatsAppClient, message: Message): Promise<boolean> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      const id = messageKey(message.id);
      if (ours.has(id)) return true;
      const entry = await waitingFor(client, message);
      if (!entry) return false;
      entry.adopt(remember(id));
      return true;
    },
  };
}
export type Sender = ReturnType<typeof createSender>;
