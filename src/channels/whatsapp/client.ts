/**
 * The part of whatsapp-web.js's Client this channel uses. The connector depends on this shape only,
 * so tests hand it an emulated client that emits the same events with the library's own structures.
 */
import type { Client, Message, MessageSendOptions } from 'whatsapp-web.js';

export interface WhatsAppClient extends Pick<
  Client,
  | 'initialize'
  | 'destroy'
  | 'getNumberId'
  | 'getContactLidAndPhone'
  | 'getContactById'
  | 'getProfilePicUrl'
  | 'getChats'
> {
  /**
   * Sends a text. The library's typings promise a Message, but it resolves `undefined` when it
   * cannot find again what it sent (Client.js: `sentMsg ? new Message(...) : undefined`).
   */
  sendMessage(
    chatId: string,
    content: string,
    options?: MessageSendOptions,
  ): Promise<Message | undefined>;
  /** The paired number; set by the library once ready. */
  info?: Pick<Client['info'], 'wid'>;
  // The library's own listener type: each event has its own arguments.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
  removeAllListeners(): unknown;
  listenerCount(event: string): number;
}

/** Builds a fresh client for one account; every (re)connection gets a new one. */
export type ClientFactory = () => Promise<WhatsAppClient>;

/**
 * Fields of the message as WhatsApp Web holds it (Message#_data), which the library's Message
 * does not copy onto itself: the sender's push name, a media caption, a document's file name.
 */
export interface RawMessageData {
  notifyName?: string;
  caption?: string;
  filename?: string;
  vcardFormattedName?: string;
  pollName?: string;
}

/** The raw fields of a library Message. */
export function rawOf(message: Message): RawMessageData {
  return (message as Message & { _data?: RawMessageData })._data ?? {};
}
