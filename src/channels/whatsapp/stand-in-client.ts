/**
 * For tests: a stand-in for whatsapp-web.js's Client over a pretend phone ("world"). It has the
 * Client's methods that the connector calls and emits the same events, with the library's own
 * structures (Message, PrivateContact, BusinessContact, PrivateChat, GroupChat) built from raw data
 * shaped as WhatsApp Web serializes it, so the connector reads exactly what it will read for real.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Chat, Contact, ContactId, Message, MessageAck } from 'whatsapp-web.js';
import type { WhatsAppClient } from './client';

/** A message as WhatsApp Web's Msg model serializes it (the `_data` of a library Message). */
export interface RawMessage {
  id: { fromMe: boolean; remote: string; id: string; _serialized: string };
  type: string;
  body: string;
  t: number;
  from: string;
  to: string;
  author?: string;
  notifyName?: string;
  ack: number;
  isNewMsg: boolean;
  caption?: string;
  filename?: string;
  mimetype?: string;
  directPath?: string;
  isGif?: boolean;
  lat?: number;
  lng?: number;
  loc?: string;
  vcardList?: { displayName: string; vcard: string }[];
  vcardFormattedName?: string;
  isStatusV3?: boolean;
}

/** A contact as the library's getContactModel serializes it. */
export interface RawContact {
  id: ContactId;
  userid?: string;
  name?: string;
  pushname?: string;
  isBusiness: boolean;
  isUser: boolean;
  isGroup: boolean;
  isMe: boolean;
  isMyContact: boolean;
  isWAContact: boolean;
}

type Structure<T, D> = new (client: unknown, data: D) => T;
const library = createRequire(import.meta.url)('whatsapp-web.js') as {
  Message: Structure<Message, RawMessage>;
  PrivateContact: Structure<Contact, RawContact>;
  BusinessContact: Structure<Contact, RawContact>;
  PrivateChat: Structure<Chat, Record<string, unknown>>;
  GroupChat: Structure<Chat, Record<string, unknown>>;
};

/** A WhatsApp id as the library returns it ({ server, user, _serialized }). */
export function wid(serialized: string): ContactId {
  const [user = '', server = ''] = serialized.split('@');
  return { server, user, _serialized: serialized };
}

let sequence = 0;
const messageKey = () => `3EB0${(++sequence).toString(16).toUpperCase().padStart(16, '0')}`;

/** The pretend phone and network: who exists, what was said, and every client built over it. */
export class StandInWorld {
  /** The paired number's own id. */
  me = '5511900000000@c.us';
  contacts = new Map<string, RawContact>();
  /** Phone ids behind `@lid` ids, when the account may know them. */
  lids = new Map<string, string>();
  /** Numbers on WhatsApp: as asked (digits) → as registered (digits). */
  registered = new Map<string, string>();
  pictures = new Map<string, string>();
  chats = new Map<string, { raw: Record<string, unknown>; messages: RawMessage[] }>();
  clients: StandInClient[] = [];
  sent: { chatId: string; text: string }[] = [];
  /** When a sent message's own `message_create` arrives: before sendMessage resolves, or after. */
  echo: 'before' | 'after' = 'before';
  /** Receipts WhatsApp gives a sent message before sendMessage answers (a fast phone). */
  earlyAcks: number[] = [];
  /** Makes the next initialize() calls fail. */
  failInitialize: Error | null = null;
  /** Called as each chat's messages are fetched (history import), e.g. to cancel or hold it. */
  onFetch: (chatId: string) => void | Promise<void> = () => {};
  lidLookups = 0;
  numberLookups: string[] = [];

  /** The client factory to hand the connector. */
  factory = async (): Promise<WhatsAppClient> => {
    const client = new StandInClient(this);
    this.clients.push(client);
    return client;
  };

  /** The latest client built. */
  get client(): StandInClient {
    const client = this.clients.at(-1);
    if (!client) throw new Error('no client built yet');
    return client;
  }

  /** Someone in the address book (or not: `name` is the saved name). */
  contact(id: string, fields: Partial<Omit<RawContact, 'id'>> = {}): RawContact {
    const contact: RawContact = {
      id: wid(id),
      userid: id.split('@')[0],
      isBusiness: false,
      isUser: !id.endsWith('@g.us'),
      isGroup: id.endsWith('@g.us'),
      isMe: false,
      isMyContact: Boolean(fields.name),
      isWAContact: true,
      ...fields,
    };
    this.contacts.set(id, contact);
    return contact;
  }

  /** A message from the person (or, in a group, from `author`) to the paired number. */
  incoming(chatId: string, body: string, fields: Partial<RawMessage> = {}): RawMessage {
    const key = messageKey();
    return {
      id: { fromMe: false, remote: chatId, id: key, _serialized: `false_${chatId}_${key}` },
      type: 'chat',
      body,
      t: Math.floor(Date.parse('2026-11-24T11:00:00Z') / 1000),
      from: chatId,
      to: this.me,
      ack: 1,
      isNewMsg: true,
      ...fields,
    };
  }

  /** A message the owner sent from the phone. */
  outgoing(chatId: string, body: string, fields: Partial<RawMessage> = {}): RawMessage {
    const key = messageKey();
    return {
      id: { fromMe: true, remote: chatId, id: key, _serialized: `true_${chatId}_${key}` },
      type: 'chat',
      body,
      t: Math.floor(Date.parse('2026-11-24T11:05:00Z') / 1000),
      from: this.me,
      to: chatId,
      ack: 1,
      isNewMsg: true,
      ...fields,
    };
  }

  /** An existing chat with its past messages, for the history import. */
  chat(chatId: string, messages: RawMessage[], fields: Record<string, unknown> = {}): void {
    const raw = {
      id: wid(chatId),
      formattedTitle: this.contacts.get(chatId)?.name ?? chatId,
      isGroup: chatId.endsWith('@g.us'),
      isReadOnly: false,
      unreadCount: 0,
      t: messages.at(-1)?.t ?? 0,
      archive: false,
      ...fields,
    };
    this.chats.set(chatId, { raw, messages });
  }
}

/** The stand-in Client: one per (re)connection, like the real one. */
export class StandInClient extends EventEmitter {
  info?: { wid: ContactId };
  initialized = false;
  destroyed = false;

  constructor(private readonly world: StandInWorld) {
    super();
  }

  /** A library Message of this client from raw data. */
  message(raw: RawMessage): Message {
    return new library.Message(this, raw);
  }

  /** WhatsApp Web reports a new message: `message_create`, as the library emits it. */
  deliver(raw: RawMessage): void {
    this.emit('message_create', this.message(raw));
  }

  /** WhatsApp Web reports a receipt for a message. */
  ack(raw: RawMessage, ack: MessageAck | number): void {
    this.emit('message_ack', this.message({ ...raw, ack }), ack);
  }

  /** The phone finished syncing: the library sets `info` and emits `ready`. */
  becomeReady(): void {
    this.info = { wid: wid(this.world.me) };
    this.emit('ready');
  }

  async initialize(): Promise<void> {
    if (this.world.failInitialize) throw this.world.failInitialize;
    this.initialized = true;
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  async sendMessage(chatId: string, content: unknown): Promise<Message> {
    const text = String(content);
    this.world.sent.push({ chatId, text });
    const raw = this.world.outgoing(chatId, text, { ack: 0, t: Math.floor(Date.now() / 1000) });
    if (this.world.echo === 'before') {
      // WhatsApp Web adds the message (and the library reports it) before the send completes.
      this.deliver(raw);
      for (const ack of this.world.earlyAcks) this.ack(raw, ack);
      await new Promise((resolve) => setTimeout(resolve, 30));
    } else {
      setTimeout(() => this.deliver(raw), 5);
    }
    return this.message(raw);
  }

  async getNumberId(number: string): Promise<ContactId | null> {
    const digits = number.replace(/@c\.us$/, '');
    this.world.numberLookups.push(digits);
    const registered = this.world.registered.get(digits);
    return registered ? wid(`${registered}@c.us`) : null;
  }

  async getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]> {
    this.world.lidLookups++;
    // Unknown mappings come back empty, as enforceLidAndPnRetrieval's `{}` does.
    return userIds.map((id) => ({ lid: id, pn: this.world.lids.get(id) as string }));
  }

  async getContactById(contactId: string): Promise<Contact> {
    const raw = this.world.contacts.get(contactId) ?? {
      id: wid(contactId),
      isBusiness: false,
      isUser: true,
      isGroup: false,
      isMe: false,
      isMyContact: false,
      isWAContact: true,
    };
    return raw.isBusiness
      ? new library.BusinessContact(this, raw)
      : new library.PrivateContact(this, raw);
  }

  async getProfilePicUrl(contactId: string): Promise<string> {
    return this.world.pictures.get(contactId) as string;
  }

  async getChats(): Promise<Chat[]> {
    return [...this.world.chats].map(([chatId, { raw, messages }]) => {
      const chat = raw.isGroup
        ? new library.GroupChat(this, raw)
        : new library.PrivateChat(this, raw);
      // The real one evaluates in the page; this one reads the pretend phone, newest last.
      chat.fetchMessages = async ({ limit }) => {
        await this.world.onFetch(chatId);
        const sorted = [...messages].sort((a, b) => a.t - b.t);
        return sorted.slice(limit ? -limit : 0).map((m) => this.message(m));
      };
      return chat;
    });
  }
}
