/**
 * For tests: a stand-in for the WhatsApp Web page, so that the real whatsapp-web.js Client can run
 * in a real browser with no network. The library loads WhatsApp Web from its own version cache when
 * the page is there (LocalWebCache), so this page is written into the account's cache folder under
 * the version the library asks for; it offers just the WhatsApp Web modules the library reads to
 * show a QR code, to become ready and to report messages and receipts, with the same names.
 *
 * The test drives it through `window.standIn`: rotate the QR code, let the phone scan it, add a
 * message, change a message's receipt.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The WhatsApp Web version whatsapp-web.js asks its cache for (util/Constants.js webVersion). */
export const CACHED_WEB_VERSION = '2.3000.1017054665';

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
  const Socket = emitter({ state: 'UNPAIRED' });
  const Conn = emitter({ ref: 'ref-1', serialize: () => ({ pushname: 'Loja', platform: 'android' }) });
  const Cmd = emitter({ refreshQR() {} });
  const Msg = emitter({ get: () => undefined, getModelsArray: () => [] });
  const Chat = emitter({ get: () => undefined, getModelsArray: () => [] });
  let me = null;
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
    WAWebUserPrefsMeUser: { getMaybeMePnUser: () => me, getMaybeMeLidUser: () => null },
    WAWebCollections: { Msg, Chat },
    WAWebSyncGatingUtils: {},
    WALinkify: { findLinks: () => [] },
  };
  window.require = (name) => modules[name];
  window.Debug = { VERSION: '${CACHED_WEB_VERSION}' };

  /** A message model: what WhatsApp Web's Msg collection holds. */
  const model = (data) =>
    Object.assign(emitter({ ...data }), {
      serialize() { return JSON.parse(JSON.stringify(this)); },
    });
  const models = new Map();

  window.standIn = {
    /** WhatsApp Web shows a new code (it does every ~20 seconds). */
    rotateQr(ref) { Conn.ref = ref; Conn.emit('change:ref', Conn, ref); },
    /** The phone scanned the code and the chats are synced. */
    scan(user) {
      me = { server: 'c.us', user, _serialized: user + '@c.us' };
      Socket.state = 'CONNECTED';
      Socket.emit('change:hasSynced');
    },
    /** A new message arrives (or the owner sends one from the phone). */
    addMessage(data) {
      const msg = model({ isNewMsg: true, ack: 1, ...data });
      models.set(data.id._serialized, msg);
      Msg.emit('add', msg);
    },
    /** The connection changes state (e.g. UNPAIRED when the phone unlinks this computer). */
    setState(state) {
      Socket.state = state;
      Socket.emit('change:state', Socket, state);
    },
    /** A receipt for a message. */
    ack(id, ack) {
      const msg = models.get(id);
      msg.ack = ack;
      Msg.emit('change:ack', msg, ack);
    },
  };
})();
`;

/** What the stand-in page offers a test, as `globalThis.standIn` inside the page. */
export interface StandInWebPage {
  rotateQr(ref: string): void;
  scan(user: string): void;
  addMessage(data: Record<string, unknown>): void;
  ack(id: string, ack: number): void;
  setState(state: string): void;
}
export type StandInWindow = { standIn: StandInWebPage };

/** Puts the stand-in page where the library's local web cache (under `cacheDir`) looks for it. */
export function cacheStandInWebPage(cacheDir: string): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(
    join(cacheDir, `${CACHED_WEB_VERSION}.html`),
    `<!doctype html><html><head><title>WhatsApp</title><script>${SCRIPT}</script></head><body></body></html>`,
  );
}
