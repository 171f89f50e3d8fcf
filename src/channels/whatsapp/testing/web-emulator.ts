/**
 * For tests: an emulated WhatsApp Web, so that the real whatsapp-web.js Client can run in a
 * real browser with no network. It is served as https://web.whatsapp.com/ itself (the browser is
 * told that name is this machine, and to accept the test's own certificate), so the library runs
 * with the app's own settings: no web version cache, the app's user agent and device name.
 *
 * The page offers the WhatsApp Web modules whatsapp-web.js 1.34.7 reads (src/Client.js,
 * src/util/Injected/Utils.js and AuthStore.js) to show a QR code, become ready, report messages
 * and receipts, list chats and their messages, and send a text, under the same names, with the
 * shapes of WhatsApp Web 2.3000.1042401057 and later: a message key (WAWebMsgKey) caches its
 * string form under the minified `$1` and has no `_serialized`; ids of chats and people (WAWebWid)
 * keep `_serialized` (whatsapp-web.js issues #201830 and #201857, wa-js PR #3484). A message key
 * the library reads by `_serialized` is undefined, as in the field: `Msg.get(undefined)` finds
 * nothing and `Msg.getMessagesById([undefined])` throws IndexedDB's DataError.
 *
 * The test drives it through `window.emulator`: rotate the QR code, let the phone scan it, add
 * chats and messages, change a receipt, file a person's messages under their `@lid`, unlink.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The WhatsApp Web version the emulated page says it is (window.Debug.VERSION). */
export const EMULATED_WEB_VERSION = '2.3000.1043280533';

const SCRIPT = String.raw`
(() => {
  /** A Backbone-like emitter, as WhatsApp Web's models and collections are. */
  const emitter = (fields = {}) => {
    const listeners = {};
    return Object.assign(fields, {
      on(names, fn) { for (const n of names.split(' ')) (listeners[n] ||= []).push(fn); },
      once(names, fn) { this.on(names, fn); },
      off(name, fn) { listeners[name] = (listeners[name] || []).filter((f) => f !== fn); },
      emit(name, ...args) { for (const fn of listeners[name] || []) fn(...args); },
    });
  };

  /** WAWebWid: a chat's or person's id; it still caches its string form as _serialized. */
  class Wid {
    constructor(serialized) {
      const [user, server] = serialized.split('@');
      this.server = server;
      this.user = user;
      this._serialized = serialized;
    }
    toString() { return this._serialized; }
    toJid() { return this._serialized; }
    isLid() { return this.server === 'lid'; }
    isGroup() { return this.server === 'g.us'; }
    isStatus() { return this._serialized === 'status@broadcast'; }
    equals(other) { return String(other) === this._serialized; }
  }
  const asWid = (id) => (id instanceof Wid ? id : new Wid(String(id)));

  let me = null;
  const meLid = new Wid('99000000000001@lid');
  const isMe = (wid) => String(wid) === String(me) || String(wid) === String(meLid);

  /**
   * WAWebMsgKey as of 2.3000.1042401057: the string form is cached under the minified $1 and
   * returned by toString(); _serialized is gone.
   */
  class MsgKey {
    constructor(fields) {
      const fromMe = fields.fromMe ?? isMe(fields.from);
      this.fromMe = fromMe;
      this.remote = asWid(fields.remote ?? (fromMe ? fields.to : fields.from));
      this.id = fields.id;
      if (fields.participant) this.participant = asWid(fields.participant);
      // The two copies of a message in the "message yourself" chat are told apart.
      const self = fields.self ?? (fields.from && String(fields.from) === String(fields.to) ? fields.selfDir : undefined);
      if (self) this.self = self;
      this.$1 = [String(this.fromMe), String(this.remote), this.id, this.participant && String(this.participant), this.self]
        .filter(Boolean)
        .join('_');
    }
    toString() { return this.$1; }
  }
  let sequence = 0;
  MsgKey.newId = async () => '3EB0' + String(++sequence).padStart(18, '0');

  const Socket = emitter({ state: 'UNPAIRED' });
  const Conn = emitter({ ref: 'ref-1', serialize: () => ({ pushname: 'Loja', platform: 'android' }) });
  const Cmd = emitter({ refreshQR() {} });

  /** A message model: what WhatsApp Web's Msg collection holds. */
  const messageModel = (data) =>
    Object.assign(emitter({ ack: 1, ...data }), {
      serialize() { return JSON.parse(JSON.stringify(this)); },
    });

  const Msg = emitter({
    models: new Map(),
    get(key) { return key === undefined || key === null ? undefined : this.models.get(String(key)); },
    getModelsArray() { return [...this.models.values()]; },
    async getMessagesById(ids) {
      if (ids.some((id) => id === undefined || id === null)) {
        throw new DOMException("Failed to execute 'get' on 'IDBObjectStore': No key or key range specified.", 'DataError');
      }
      return { messages: ids.map((id) => this.models.get(String(id))).filter(Boolean) };
    },
  });

  /** A chat model: its messages, and the key of the last one received (lastReceivedKey). */
  const chatModel = (id, title) => {
    const msgs = [];
    return emitter({
      id: asWid(id),
      formattedTitle: title || String(id),
      t: 0,
      unreadCount: 0,
      archive: false,
      isReadOnly: false,
      lastReceivedKey: undefined,
      msgs: { getModelsArray: () => [...msgs], add: (m) => msgs.push(m) },
      serialize() {
        return {
          id: JSON.parse(JSON.stringify(this.id)),
          formattedTitle: this.formattedTitle,
          t: this.t,
          unreadCount: this.unreadCount,
          archive: this.archive,
          isReadOnly: this.isReadOnly,
          msgs: msgs.map((m) => m.serialize()),
        };
      },
    });
  };
  const Chat = emitter({
    models: new Map(),
    get(id) { return this.models.get(String(id)); },
    getModelsArray() { return [...this.models.values()]; },
  });
  const chatOf = (id) => {
    let chat = Chat.get(id);
    if (!chat) {
      chat = chatModel(id);
      Chat.models.set(String(id), chat);
    }
    return chat;
  };

  /** Stores a message in its chat (under its key's remote), announcing it when it is new. */
  const store = (data) => {
    const msg = messageModel(data);
    Msg.models.set(String(msg.id), msg);
    const chat = chatOf(msg.id.remote);
    chat.msgs.add(msg);
    chat.t = Math.max(chat.t, msg.t || 0);
    if (!msg.id.fromMe) chat.lastReceivedKey = msg.id;
    if (msg.isNewMsg) Msg.emit('add', msg);
    return msg;
  };
  const messageFrom = (data, isNewMsg) => ({
    ...data,
    id: new MsgKey(data.key),
    from: asWid(data.from),
    to: asWid(data.to),
    isNewMsg,
  });

  /** Chats (by number) whose messages WhatsApp files under the person's @lid. */
  const filedUnderLid = new Map();

  const modules = {
    WAWebSocketModel: { Socket },
    WAWebCmd: { Cmd },
    WAWebConnModel: { Conn },
    WAWebOfflineHandler: { OfflineMessageHandler: { getOfflineDeliveryProgress: () => 100 } },
    WAWebAltDeviceLinkingApi: {},
    WABase64: { encodeB64: (text) => btoa(text) },
    WAWebCompanionRegClientUtils: { DEVICE_PLATFORM: 'Chrome' },
    WAWebAdvSignatureApi: {},
    WAWebUserPrefsInfoStore: {
      waNoiseInfo: { get: async () => ({ staticKeyPair: { pubKey: 'static-key' } }) },
    },
    WAWebSignalStoreApi: {
      waSignalStore: {
        getRegistrationInfo: async () => ({ identityKeyPair: { pubKey: 'identity-key' } }),
      },
    },
    WAWebUserPrefsMultiDevice: { getADVSecretKey: () => 'adv-secret' },
    WAWebUserPrefsMeUser: { getMaybeMePnUser: () => me, getMaybeMeLidUser: () => (me ? meLid : null) },
    WAWebCollections: { Msg, Chat },
    WAWebSyncGatingUtils: {},
    WALinkify: { findLinks: () => [], findLink: () => null },
    WAWebMiscBrowserUtils: { info: () => ({ os: 'Linux', name: 'Chrome' }) },
    WAWebWidFactory: {
      createWid: (id) => new Wid(String(id)),
      createWidFromWidLike: (id) => asWid(id._serialized ?? id),
      asUserWidOrThrow: (id) => asWid(id),
    },
    WAWebFindChatAction: { findOrCreateLatestChat: async (wid) => ({ chat: chatOf(wid) }) },
    // Every number is on WhatsApp here.
    WAWebQueryExistsJob: { queryWidExists: async (wid) => ({ wid }) },
    WAWebApiContact: {
      getCurrentLid: (wid) => (filedUnderLid.has(String(wid)) ? new Wid(filedUnderLid.get(String(wid))) : null),
      getPhoneNumber: (lid) => {
        const number = [...filedUnderLid].find(([, l]) => l === String(lid))?.[0];
        return number ? new Wid(number) : null;
      },
    },
    WAWebChatLoadMessages: { loadEarlierMsgs: async () => [] },
    WAWebChatGetters: { getIsNewsletter: () => false, getIsBroadcast: () => false },
    WAWebMsgKey: MsgKey,
    WAWebGetEphemeralFieldsMsgActionsUtils: { getEphemeralFields: () => ({}) },
    WAWebStreamModel: { Stream: { markAvailable() {}, markUnavailable() {} } },
    WAWebUpdateUnreadChatAction: { sendSeen: async ({ chat }) => { chat.seen = true; } },
    WAWebVcardParsingUtils: { parseVcard: (text) => ({ text }) },
    WAWebVcardGetNameFromParsed: { vcardGetNameFromParsed: ({ text }) => (/^FN:(.*)$/m.exec(text) || [])[1] },
    WAWebContactProfilePicThumbBridge: {
      // Nobody here has a picture: WhatsApp answers 404, which the library turns into undefined.
      async requestProfilePicFromServer() {
        throw Object.assign(new Error('404'), { name: 'ServerStatusCodeError' });
      },
    },
    WAWebSendMsgChatAction: {
      addAndSendMsgToChat(chat, message) {
        // WhatsApp files a message to a person who moved to @lid under the lid: a new key.
        const lid = filedUnderLid.get(String(chat.id));
        const key = lid
          ? new MsgKey({ fromMe: true, remote: lid, id: message.id.id })
          : message.id;
        const msg = store({ ...message, id: key, to: lid ? asWid(lid) : message.to });
        return [Promise.resolve(msg), Promise.resolve({ messageSendResult: 'OK' })];
      },
    },
  };
  window.require = (name) => modules[name];
  window.Debug = { VERSION: '${EMULATED_WEB_VERSION}' };

  window.emulator = {
    /** WhatsApp Web shows a new code (it does every ~20 seconds). */
    rotateQr(ref) { Conn.ref = ref; Conn.emit('change:ref', Conn, ref); },
    /** The phone scanned the code and the chats are synced. */
    scan(user) {
      me = new Wid(user + '@c.us');
      Socket.state = 'CONNECTED';
      Socket.emit('change:hasSynced');
    },
    /** A chat the phone already had, with its past messages (history, not new). */
    addChat(id, title, messages) {
      const chat = chatOf(id);
      chat.formattedTitle = title;
      for (const data of messages) store(messageFrom(data, false));
    },
    /** A new message arrives (or the owner sends one from the phone). */
    addMessage(data) { store(messageFrom(data, true)); },
    /** A receipt for a message, by its key's string form. */
    ack(key, ack) {
      const msg = Msg.get(key);
      msg.ack = ack;
      Msg.emit('change:ack', msg, ack);
    },
    /** From now on WhatsApp files what is sent to this number under the person's @lid. */
    fileUnderLid(numberId, lid) { filedUnderLid.set(numberId, lid); },
    /** The connection changes state (UNPAIRED when the phone unlinks, TOS_BLOCK when banned). */
    setState(state) {
      Socket.state = state;
      Socket.emit('change:state', Socket, state);
    },
    /** The phone logs this computer out: WhatsApp Web reloads itself with ?post_logout=1. */
    logout() {
      Cmd.emit('logout');
      setTimeout(() => location.assign('/?post_logout=1'), 50);
    },
    /** The name and browser the phone lists this computer under (Settings › Linked devices). */
    linkedDevice() { return modules.WAWebMiscBrowserUtils.info(); },
    /** Whether WhatsApp marked a chat read on the phone. */
    seen(id) { return Boolean(Chat.get(id)?.seen); },
  };
})();
`;

/** A message as a test writes it into the emulated page (the page builds its key). */
export interface EmulatedMessage {
  key: { fromMe: boolean; remote: string; id: string };
  type: string;
  body: string;
  t: number;
  from: string;
  to: string;
  notifyName?: string;
}

/** What the emulated page offers a test, as `globalThis.emulator` inside the page. */
export interface EmulatedWebPage {
  rotateQr(ref: string): void;
  scan(user: string): void;
  addChat(id: string, title: string, messages: EmulatedMessage[]): void;
  addMessage(data: EmulatedMessage): void;
  ack(key: string, ack: number): void;
  fileUnderLid(numberId: string, lid: string): void;
  setState(state: string): void;
  logout(): void;
  linkedDevice(): { os: string; name: string };
  seen(id: string): boolean;
}
export type EmulatedWindow = { emulator: EmulatedWebPage };

/** The emulated page, as https://web.whatsapp.com/ serves its index. */
export const EMULATED_PAGE = `<!doctype html><html><head><title>WhatsApp</title><script>${SCRIPT}</script></head><body></body></html>`;

export interface EmulatedSite {
  /** Browser flags that send web.whatsapp.com here, accept its certificate, and resolve nothing else. */
  browserArgs: string[];
  /** The User-Agent header of every page request, in order. */
  userAgents: string[];
  close(): Promise<void>;
}

/**
 * Serves the emulated page as https://web.whatsapp.com/ on this machine, with a certificate made
 * for the test (by openssl, which macOS, Linux and Git for Windows have).
 */
export async function serveEmulatedWhatsAppWeb(): Promise<EmulatedSite> {
  const dir = mkdtempSync(join(tmpdir(), 'clientela-wa-web-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=web.whatsapp.com',
      ].concat(['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]),
      { stdio: 'ignore' },
    );
    const key = readFileSync(join(dir, 'key.pem'));
    const cert = readFileSync(join(dir, 'cert.pem'));
    const userAgents: string[] = [];
    const server = createServer({ key, cert }, (request, response) => {
      if (new URL(request.url ?? '/', 'https://web.whatsapp.com').pathname !== '/') {
        response.writeHead(404).end();
        return;
      }
      userAgents.push(request.headers['user-agent'] ?? '');
      response.writeHead(200, { 'content-type': 'text/html' }).end(EMULATED_PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      browserArgs: [
        `--host-resolver-rules=MAP web.whatsapp.com 127.0.0.1:${port}, MAP * ~NOTFOUND`,
        '--ignore-certificate-errors',
      ],
      userAgents,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
