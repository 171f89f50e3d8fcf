/**
 * For tests: an emulator of whatsapp-web.js's Client over a pretend phone ("world"). It has the
 * Client's methods that the connector calls and emits the same events, with the library's own
 * structures (Message, PrivateContact, BusinessContact, PrivateChat, GroupChat) built from raw data
 * shaped as WhatsApp Web serializes it, so the connector reads exactly what it will read for real.
 *
 * It follows whatsapp-web.js 1.34.7 (with patches/whatsapp-web.js+1.34.7.patch) on WhatsApp Web
 * 2.3000.1042401057 and later, read in node_modules/whatsapp-web.js/src and in the library's
 * tracker (docs/channels.md says how to check it again):
 * - a message key carries its string form under the minified `$1`, and no `_serialized` (issues
 *   #201830 and #201857; wppconnect-team/wa-js PR #3484); chat and contact ids keep `_serialized`;
 * - `sendMessage` resolves `undefined` when WhatsApp files the message under the person's `@lid`
 *   (the library looks it up by the key it made, under the number), and always when
 *   `sendAnswer` is `'nothing'` (the library without the patch, issue #201857);
 * - chats and people move to `@lid` ids; the "message yourself" chat of such an account is the
 *   owner's own `@lid`, whose contact says `isMe`.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Chat, Contact, ContactId, Message, MessageAck } from 'whatsapp-web.js';
import type { WhatsAppClient } from '../client';

/**
 * A message key as WhatsApp Web serializes it since 2.3000.1042401057: `$1` is
 * `fromMe_remote_id[_participant][_self]`; `participant` is the author of a group message, `self`
 * marks the two copies of a message in the "message yourself" chat.
 */
export interface RawMessageKey {
  fromMe: boolean;
  remote: string;
  id: string;
  participant?: ContactId;
  self?: 'in' | 'out';
  $1: string;
}

/** A message as WhatsApp Web's Msg model serializes it (the `_data` of a library Message). */
export interface RawMessage {
  id: RawMessageKey;
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
  subtype?: string;
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

/** Client methods that look a person up, which a test can hold to stand for a slow WhatsApp Web. */
export type Lookup = 'getContactById' | 'getContactLidAndPhone' | 'getProfilePicUrl';

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

/** A message key as WhatsApp Web 2.3000.1042401057+ builds it (WAWebMsgKey: `$1`, no `_serialized`). */
export function rawKey(
  fields: Omit<RawMessageKey, '$1' | 'participant'> & { participant?: string },
): RawMessageKey {
  const { fromMe, remote, id, participant, self } = fields;
  return {
    fromMe,
    remote,
    id,
    ...(participant ? { participant: wid(participant) } : {}),
    ...(self ? { self } : {}),
    $1: [String(fromMe), remote, id, participant, self].filter(Boolean).join('_'),
  };
}

let sequence = 0;
const messageKey = () => `3EB0${(++sequence).toString(16).toUpperCase().padStart(16, '0')}`;

/** The pretend phone and network: who exists, what was said, and every client built over it. */
export class EmulatedWorld {
  /** The paired number's own id. */
  me = '5511900000000@c.us';
  /** The paired number's own privacy id: its "message yourself" chat once it moved to `@lid`. */
  meLid = '99000000000001@lid';
  contacts = new Map<string, RawContact>();
  /** Phone ids behind `@lid` ids, when the account may know them. */
  lids = new Map<string, string>();
  /** Numbers on WhatsApp: as asked (digits) → as registered (digits). */
  registered = new Map<string, string>();
  pictures = new Map<string, string>();
  chats = new Map<string, { raw: Record<string, unknown>; messages: RawMessage[] }>();
  clients: EmulatedClient[] = [];
  /** What the app sent, with the message as WhatsApp Web filed it (to give it receipts). */
  sent: { chatId: string; text: string; type: string; raw: RawMessage }[] = [];
  /** Chats WhatsApp marked read on the phone (sendMessage's `sendSeen`, the library's default). */
  readOnPhone = new Set<string>();
  /**
   * When a sent message's own `message_create` arrives: before sendMessage resolves, or after;
   * `never` for a message WhatsApp Web did not add (the library's `if (!chat) return null`).
   */
  echo: 'before' | 'after' | 'never' = 'before';
  /**
   * What sendMessage resolves: the sent Message (the patched library), or `nothing` (1.34.7 as
   * published, on WhatsApp Web 2.3000.1042401057+: `Msg.get(newMsgKey._serialized)` misses).
   */
  sendAnswer: 'message' | 'nothing' = 'message';
  /** Chats (by number id) whose messages WhatsApp files under the person's `@lid`. */
  filedUnderLid = new Map<string, string>();
  /** Makes the next sendMessage reject after the message has left (the page failed later). */
  failAfterSend: Error | null = null;
  /** Receipts WhatsApp gives a sent message before sendMessage answers (a fast phone). */
  earlyAcks: number[] = [];
  /** Makes the next initialize() calls fail. */
  failInitialize: Error | null = null;
  /** Called as each chat's messages are fetched (history import), e.g. to cancel or hold it. */
  onFetch: (chatId: string) => void | Promise<void> = () => {};
  /** Lookups that never answer for these ids (a WhatsApp Web page that hangs). */
  hanging = new Map<Lookup, Set<string>>();
  lidLookups = 0;
  numberLookups: string[] = [];
  /** When each profile picture was asked for (ms since the epoch), in order. */
  pictureRequests: { id: string; at: number }[] = [];
  /** Which chats' messages were fetched, and with what limit (history import). */
  fetches: { chatId: string; limit: number }[] = [];

  /** The client factory to hand the connector. */
  factory = async (): Promise<WhatsAppClient> => {
    const client = new EmulatedClient(this);
    this.clients.push(client);
    return client;
  };

  /** The latest client built. */
  get client(): EmulatedClient {
    const client = this.clients.at(-1);
    if (!client) throw new Error('no client built yet');
    return client;
  }

  /** Makes `lookup` hang for `id` from now on. */
  hang(lookup: Lookup, id: string): void {
    const ids = this.hanging.get(lookup) ?? new Set<string>();
    ids.add(id);
    this.hanging.set(lookup, ids);
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

  /** The owner's own contact under their `@lid` (an account moved to `@lid`). */
  ownLidContact(): RawContact {
    // getContactModel puts the phone id in place of a lid when WhatsApp Web knows it.
    const contact = this.contact(this.meLid, { isMe: true, pushname: 'Loja' });
    contact.id = wid(this.me);
    return contact;
  }

  /**
   * A message from the person (or, in a group, from `author`) to the paired number. `remote` is
   * the chat WhatsApp files it under, when that is not `chatId` (a chat moved to `@lid`).
   */
  incoming(
    chatId: string,
    body: string,
    fields: Partial<RawMessage> = {},
    remote = chatId,
  ): RawMessage {
    const participant = chatId.endsWith('@g.us') ? fields.author : undefined;
    return {
      id: rawKey({ fromMe: false, remote, id: messageKey(), participant }),
      type: 'chat',
      body,
      t: Math.floor(Date.parse('2026-11-24T11:00:00Z') / 1000),
      from: chatId,
      to: chatId.endsWith('@lid') ? this.meLid : this.me,
      ack: 1,
      isNewMsg: true,
      ...fields,
    };
  }

  /** A message the owner sent from the phone (to themselves: the "message yourself" chat). */
  outgoing(
    chatId: string,
    body: string,
    fields: Partial<RawMessage> = {},
    remote = chatId,
  ): RawMessage {
    const from = chatId.endsWith('@lid') ? this.meLid : this.me;
    const self = chatId === from ? 'out' : undefined;
    return {
      id: rawKey({ fromMe: true, remote, id: messageKey(), self }),
      type: 'chat',
      body,
      t: Math.floor(Date.parse('2026-11-24T11:05:00Z') / 1000),
      from,
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
      t: Math.max(0, ...messages.map((m) => m.t)),
      archive: false,
      ...fields,
    };
    this.chats.set(chatId, { raw, messages });
  }

  /** A new message in an existing chat (or a new chat), while the app was closed or connected. */
  add(chatId: string, message: RawMessage): void {
    const chat = this.chats.get(chatId);
    if (!chat) return this.chat(chatId, [message]);
    chat.messages.push(message);
    chat.raw['t'] = Math.max(Number(chat.raw['t']), message.t);
  }
}

const never = new Promise<never>(() => undefined);

/** The emulated Client: one per (re)connection, like the real one. */
export class EmulatedClient extends EventEmitter {
  info?: { wid: ContactId };
  initialized = false;
  destroyed = false;

  constructor(private readonly world: EmulatedWorld) {
    super();
  }

  /** Answers as the page would, or never when a test made this lookup hang for `id`. */
  private lookup<T>(lookup: Lookup, id: string, answer: () => T): Promise<T> {
    if (this.world.hanging.get(lookup)?.has(id)) return never;
    return Promise.resolve().then(answer);
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

  async sendMessage(
    chatId: string,
    content: unknown,
    options: { sendSeen?: boolean; parseVCards?: boolean } = {},
  ): Promise<Message | undefined> {
    const text = String(content);
    if (options.sendSeen !== false) this.world.readOnPhone.add(chatId);
    // WAWebVcardParsingUtils turns a text that starts like a card into a contact card.
    const type = options.parseVCards !== false && text.startsWith('BEGIN:VCARD') ? 'vcard' : 'chat';
    const remote = this.world.filedUnderLid.get(chatId) ?? chatId;
    const raw = this.world.outgoing(remote, text, {
      ack: 0,
      type,
      t: Math.floor(Date.now() / 1000),
    });
    this.world.sent.push({ chatId, text, type, raw });
    if (this.world.echo === 'before') {
      // WhatsApp Web adds the message (and the library reports it) before the send completes.
      this.deliver(raw);
      for (const ack of this.world.earlyAcks) this.ack(raw, ack);
      await new Promise((resolve) => setTimeout(resolve, 30));
    } else if (this.world.echo === 'after') {
      setTimeout(() => this.deliver(raw), 5);
    }
    const failure = this.world.failAfterSend;
    this.world.failAfterSend = null;
    if (failure) throw failure;
    // The library looks the message up by the key it made, under `chatId`.
    if (this.world.sendAnswer === 'nothing' || remote !== chatId) return undefined;
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
    const answer = () =>
      // Unknown mappings come back empty, as enforceLidAndPnRetrieval's `{}` does.
      userIds.map((id) => {
        if (id.endsWith('@lid')) return { lid: id, pn: this.world.lids.get(id) as string };
        const lid = [...this.world.lids].find(([, pn]) => pn === id)?.[0];
        return { lid: lid as string, pn: lid ? id : (undefined as unknown as string) };
      });
    return this.lookup('getContactLidAndPhone', userIds[0] ?? '', answer);
  }

  async getContactById(contactId: string): Promise<Contact> {
    return this.lookup('getContactById', contactId, () => {
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
    });
  }

  async getProfilePicUrl(contactId: string): Promise<string> {
    this.world.pictureRequests.push({ id: contactId, at: Date.now() });
    return this.lookup(
      'getProfilePicUrl',
      contactId,
      () => this.world.pictures.get(contactId) as string,
    );
  }

  async getChats(): Promise<Chat[]> {
    return [...this.world.chats].map(([chatId, { raw, messages }]) => {
      const chat = raw.isGroup
        ? new library.GroupChat(this, raw)
        : new library.PrivateChat(this, raw);
      // The real one evaluates in the page; this one reads the pretend phone, newest last.
      chat.fetchMessages = async ({ limit }) => {
        this.world.fetches.push({ chatId, limit: limit ?? 0 });
        await this.world.onFetch(chatId);
        const sorted = [...messages].sort((a, b) => a.t - b.t);
        return sorted.slice(limit ? -limit : 0).map((m) => this.message(m));
      };
      return chat;
    });
  }
}
