/**
 * A stand-in for the `electron` module, so the shell's real modules run in unit tests where
 * Electron's binary is absent (vitest.config.ts points `electron` here for electron/ tests only).
 *
 * It follows Electron 45.4 (node_modules/electron/electron.d.ts, and for the quit sequence the
 * Browser::Quit / NotifyAndShutdown logic of shell/browser/browser.cc): every piece is typed
 * against the real declarations, so a call our code makes that Electron 45 lacks, or makes with
 * the wrong arguments, fails the type-check here as it would in the app. Only what the shell uses
 * is present. `world` lets a test play the system: the app becomes ready, a renderer invokes, the
 * user clicks the tray or a notification, the OS keychain is missing.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import type * as E from 'electron';

/** Electron's preventable event object (`Electron.Event`). */
function electronEvent<P extends object>(params: P = {} as P): E.Event<P> {
  let prevented = false;
  const event = Object.assign(params, {
    preventDefault: () => {
      prevented = true;
    },
  });
  return Object.defineProperty(event, 'defaultPrevented', { get: () => prevented }) as E.Event<P>;
}

// ---------------------------------------------------------------------------------------------
// app

const paths = new Map<string, string>();
let ready = false;
let readyPromise: { promise: Promise<void>; resolve: () => void } = deferred();
let quitting = false;
/** app.exit() was called: windows are destroyed and no quit event is emitted. */
let exiting = false;
let shutDown = false;
let lockHeld = false;
let badgeCount = 0;

type AppPart = Pick<
  E.App,
  | 'requestSingleInstanceLock'
  | 'whenReady'
  | 'isReady'
  | 'getPath'
  | 'setPath'
  | 'getVersion'
  | 'getName'
  | 'getLocale'
  | 'quit'
  | 'exit'
  | 'relaunch'
  | 'setBadgeCount'
  | 'getBadgeCount'
  | 'isPackaged'
>;

class StandInApp extends EventEmitter implements AppPart {
  isPackaged = false;
  requestSingleInstanceLock(): boolean {
    if (world.otherInstanceRunning) return false;
    lockHeld = true;
    return true;
  }
  whenReady(): Promise<void> {
    return readyPromise.promise;
  }
  isReady(): boolean {
    return ready;
  }
  getPath(name: Parameters<E.App['getPath']>[0]): string {
    const path = paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  setPath(name: string, path: string): void {
    paths.set(name, path);
  }
  getVersion(): string {
    return '0.1.0';
  }
  getName(): string {
    return 'Clientela';
  }
  getLocale(): string {
    return world.locale;
  }
  /** Browser::Quit: before-quit, then every window asked to close, then will-quit and quit. */
  quit(): void {
    if (quitting || shutDown) return;
    const beforeQuit = electronEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    quitting = true;
    if (windows.length === 0) notifyAndShutdown();
    else for (const win of [...windows]) win.close();
  }
  exit(exitCode = 0): void {
    world.exitCode = exitCode;
    exiting = true;
    quitting = true;
    // Unlike quit(), windows are destroyed without being asked, and no quit events are emitted.
    for (const win of [...windows]) win.destroy();
    shutdown();
  }
  relaunch(options?: E.RelaunchOptions): void {
    world.relaunches.push(options ?? {});
  }
  setBadgeCount(count?: number): boolean {
    badgeCount = count ?? 0;
    return true;
  }
  getBadgeCount(): number {
    return badgeCount;
  }
}

/** Browser::NotifyAndShutdown: will-quit may be prevented, which cancels the quit. */
function notifyAndShutdown(): void {
  if (shutDown) return;
  const willQuit = electronEvent();
  app.emit('will-quit', willQuit);
  if (willQuit.defaultPrevented) {
    quitting = false;
    return;
  }
  shutdown();
}

function shutdown(): void {
  if (shutDown) return;
  shutDown = true;
  quitting = true;
  app.emit('quit', electronEvent(), world.exitCode);
  lockHeld = false;
  world.quit.resolve();
}

/** Browser::OnWindowAllClosed. */
function allWindowsClosed(): void {
  if (exiting) shutdown();
  else if (quitting) notifyAndShutdown();
  else app.emit('window-all-closed');
}

export const app = new StandInApp();

// ---------------------------------------------------------------------------------------------
// Windows, web contents and frames

/** A frame of a page: the top one, or an iframe inside it. */
export class WebFrameMain extends EventEmitter implements Pick<E.WebFrameMain, 'url'> {
  url = 'about:blank';
  parent: WebFrameMain | null;
  constructor(parent: WebFrameMain | null = null) {
    super();
    this.parent = parent;
  }
  get top(): WebFrameMain {
    return this.parent ? this.parent.top : this;
  }
}

type WebContentsPart = Pick<
  E.WebContents,
  'send' | 'setWindowOpenHandler' | 'loadURL' | 'loadFile' | 'isDestroyed' | 'reload' | 'getURL'
>;

let nextWebContentsId = 1;

export class WebContents extends EventEmitter implements WebContentsPart {
  readonly id = nextWebContentsId++;
  readonly mainFrame = new WebFrameMain();
  /** What the main process sent to the page, by channel. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: Parameters<E.WebContents['setWindowOpenHandler']>[0] | null = null;
  private destroyed = false;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: Parameters<E.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }
  async loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
  }
  async loadFile(filePath: string, options?: E.LoadFileOptions): Promise<void> {
    const url = pathToFileURL(filePath);
    if (options?.hash) url.hash = options.hash;
    this.mainFrame.url = url.href;
  }
  reload(): void {
    this.emit('did-start-loading');
  }

  /** The page, or one of its frames, tries to go to `url` (a link, `location = ...`). */
  navigate(url: string, frame: WebFrameMain = this.mainFrame): 'navigated' | 'refused' {
    const params = { url, isSameDocument: false, isMainFrame: frame.parent === null };
    const event = electronEvent({ ...params, frame, initiator: frame });
    this.emit('will-frame-navigate', event);
    // The older event, for the main frame only, shares the preventable event object.
    if (params.isMainFrame) this.emit('will-navigate', event, url, false, true, 1, 1);
    if (event.defaultPrevented) return 'refused';
    frame.url = url;
    return 'navigated';
  }

  /** A navigation under way is redirected by its server to `url`. */
  redirect(url: string): 'navigated' | 'refused' {
    const event = electronEvent({
      url,
      isSameDocument: false,
      isMainFrame: true,
      frame: this.mainFrame,
    });
    this.emit('will-redirect', event, url, false, true, 1, 1);
    if (event.defaultPrevented) return 'refused';
    this.mainFrame.url = url;
    return 'navigated';
  }

  /** The page calls `window.open(url)` or follows a `target=_blank` link. */
  openWindow(url: string): E.WindowOpenHandlerResponse {
    if (!this.windowOpenHandler) return { action: 'allow' };
    return this.windowOpenHandler({
      url,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
      referrer: { url: this.mainFrame.url, policy: 'strict-origin-when-cross-origin' },
    });
  }

  /** The page adds a <webview>; says whether it was let through. */
  attachWebview(): 'attached' | 'refused' {
    const event = electronEvent();
    this.emit('will-attach-webview', event, {}, {});
    return event.defaultPrevented ? 'refused' : 'attached';
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

type WindowPart = Pick<
  E.BrowserWindow,
  | 'show'
  | 'hide'
  | 'focus'
  | 'close'
  | 'destroy'
  | 'isDestroyed'
  | 'isVisible'
  | 'isFocused'
  | 'isMinimized'
  | 'restore'
  | 'loadURL'
  | 'loadFile'
>;

const windows: BrowserWindow[] = [];

export class BrowserWindow extends EventEmitter implements WindowPart {
  readonly webContents = new WebContents();
  readonly options: E.BrowserWindowConstructorOptions;
  private visible: boolean;
  private focused = false;
  private minimized = false;
  private destroyed = false;

  static getAllWindows(): BrowserWindow[] {
    return [...windows];
  }

  constructor(options: E.BrowserWindowConstructorOptions = {}) {
    super();
    this.options = options;
    this.visible = options.show ?? true;
    windows.push(this);
    world.emit('window-created', this);
  }
  show(): void {
    this.visible = true;
    this.focused = true;
    this.minimized = false;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  focus(): void {
    this.focused = true;
  }
  /** Asks to close: a `close` listener may prevent it, which also cancels a quit under way. */
  close(): void {
    if (this.destroyed) return;
    const event = electronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) {
      quitting = false;
      return;
    }
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.webContents.destroy();
    windows.splice(windows.indexOf(this), 1);
    this.emit('closed');
    if (windows.length === 0) allWindowsClosed();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  minimize(): void {
    this.minimized = true;
    this.focused = false;
  }
  /** The user puts another window in front. */
  blur(): void {
    this.focused = false;
  }
  restore(): void {
    this.minimized = false;
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  loadFile(filePath: string, options?: E.LoadFileOptions): Promise<void> {
    return this.webContents.loadFile(filePath, options);
  }
}

// ---------------------------------------------------------------------------------------------
// session

type PermissionRequestHandler = Parameters<E.Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<E.Session['setPermissionCheckHandler']>[0];

class StandInSession implements Pick<
  E.Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler'
> {
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
}

export const session = { defaultSession: new StandInSession() };

// ---------------------------------------------------------------------------------------------
// ipcMain

type InvokeListener = Parameters<E.IpcMain['handle']>[1];
const invokeHandlers = new Map<string, InvokeListener>();

export const ipcMain = {
  handle(channel: string, listener: InvokeListener): void {
    if (invokeHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    invokeHandlers.delete(channel);
  },
} satisfies Pick<E.IpcMain, 'handle' | 'removeHandler'>;

// ---------------------------------------------------------------------------------------------
// Notification, Tray, Menu, nativeImage

type NotificationPart = Pick<E.Notification, 'show' | 'close' | 'title' | 'body' | 'silent'>;

export class Notification extends EventEmitter implements NotificationPart {
  static isSupported(): boolean {
    return world.notificationsSupported;
  }
  title: string;
  body: string;
  silent: boolean;
  constructor(options: E.NotificationConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    this.silent = options.silent ?? false;
  }
  show(): void {
    world.notifications.push(this);
  }
  close(): void {}
  /** The person clicks it. */
  click(): void {
    this.emit('click', electronEvent());
  }
}

export class NativeImage implements Pick<E.NativeImage, 'isEmpty'> {
  constructor(readonly path: string) {}
  static createFromPath(path: string): NativeImage {
    return new NativeImage(path);
  }
  static createEmpty(): NativeImage {
    return new NativeImage('');
  }
  isEmpty(): boolean {
    return this.path === '';
  }
  resize(_options: E.ResizeOptions): NativeImage {
    return this;
  }
}
export const nativeImage = NativeImage;

export class Menu {
  constructor(readonly items: E.MenuItemConstructorOptions[]) {}
  static buildFromTemplate(template: E.MenuItemConstructorOptions[]): Menu {
    return new Menu(template);
  }
  /** The person picks the item with this label. */
  click(label: RegExp): void {
    const item = this.items.find((i) => i.label && label.test(i.label));
    if (!item?.click) throw new Error(`no menu item ${label}`);
    (item.click as () => void)();
  }
}

export class Tray extends EventEmitter implements Pick<E.Tray, 'setToolTip' | 'destroy'> {
  toolTip = '';
  menu: Menu | null = null;
  constructor(readonly image: NativeImage | string) {
    super();
    world.trays.push(this);
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
  }
  destroy(): void {
    world.trays.splice(world.trays.indexOf(this), 1);
  }
}

// ---------------------------------------------------------------------------------------------
// safeStorage: the OS keychain's key, here one random AES key per test process

let keychainKey = randomBytes(32);

export const safeStorage = {
  isEncryptionAvailable: () => world.keychain !== 'none',
  getSelectedStorageBackend: () =>
    world.keychain === 'none'
      ? 'unknown'
      : world.keychain === 'basic'
        ? 'basic_text'
        : 'gnome_libsecret',
  encryptString(plainText: string): Buffer {
    if (world.keychain === 'none') throw new Error('Encryption is not available.');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keychainKey, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    // Chromium's OSCrypt prefixes a version tag ("v10"/"v11"); kept so the bytes look alike.
    return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
  },
  decryptString(encrypted: Buffer): string {
    if (world.keychain === 'none') throw new Error('Decryption is not available.');
    const iv = encrypted.subarray(3, 15);
    const tag = encrypted.subarray(15, 31);
    const decipher = createDecipheriv('aes-256-gcm', keychainKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString();
  },
} satisfies Pick<
  E.SafeStorage,
  'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
>;

// ---------------------------------------------------------------------------------------------
// protocol

type ProtocolHandler = Parameters<E.Protocol['handle']>[1];
const protocolHandlers = new Map<string, ProtocolHandler>();
const privilegedSchemes: E.CustomScheme[] = [];

export const protocol = {
  registerSchemesAsPrivileged(customSchemes: E.CustomScheme[]): void {
    if (ready)
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    privilegedSchemes.push(...customSchemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocolHandlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocolHandlers.delete(scheme);
  },
  isProtocolHandled: (scheme: string) => protocolHandlers.has(scheme),
} satisfies Pick<
  E.Protocol,
  'registerSchemesAsPrivileged' | 'handle' | 'unhandle' | 'isProtocolHandled'
>;

// ---------------------------------------------------------------------------------------------
// dialog and shell

export const dialog = {
  async showSaveDialog(
    _window: unknown,
    options?: E.SaveDialogOptions,
  ): Promise<E.SaveDialogReturnValue> {
    world.dialogs.push({ kind: 'save', title: options?.defaultPath ?? '', content: '' });
    const filePath = world.saveAs;
    return { canceled: filePath === null, filePath: filePath ?? '' };
  },
  async showOpenDialog(
    _window: unknown,
    options: E.OpenDialogOptions,
  ): Promise<E.OpenDialogReturnValue> {
    world.dialogs.push({
      kind: 'open',
      title: options.title ?? '',
      content: options.defaultPath ?? '',
    });
    const picked = world.openAs;
    // As Electron answers a cancelled dialog: no paths.
    return { canceled: picked === null, filePaths: picked === null ? [] : [picked] };
  },
  showErrorBox(title: string, content: string): void {
    world.dialogs.push({ kind: 'error', title, content });
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    world.opened.push(url);
  },
} satisfies Pick<E.Shell, 'openExternal'>;

// ---------------------------------------------------------------------------------------------
// The test's side: the system around the app

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

class World extends EventEmitter {
  /** Another copy of the app already holds the single-instance lock. */
  otherInstanceRunning = false;
  locale = 'pt-BR';
  notificationsSupported = true;
  /** The OS keychain: a real one, Linux's built-in fallback key, or none at all. */
  keychain: 'os' | 'basic' | 'none' = 'os';
  /** What the person picks in a save dialog; null cancels. */
  saveAs: string | null = null;
  /** What the person picks in an open dialog; null cancels. */
  openAs: string | null = null;
  notifications: Notification[] = [];
  trays: Tray[] = [];
  /** Each dialog shown: a save's default path, an open's title and folder, an error's text. */
  dialogs: { kind: 'save' | 'open' | 'error'; title: string; content: string }[] = [];
  relaunches: E.RelaunchOptions[] = [];
  /** Addresses handed to the system browser. */
  opened: string[] = [];
  exitCode = 0;
  /** Resolves once the app has shut down (quit or exit). */
  quit = deferred();

  get windows(): BrowserWindow[] {
    return [...windows];
  }
  get lockHeld(): boolean {
    return lockHeld;
  }
  get privilegedSchemes(): readonly E.CustomScheme[] {
    return privilegedSchemes;
  }
  get shutDown(): boolean {
    return shutDown;
  }

  /** The app finishes launching: `ready` is emitted and whenReady() resolves. */
  becomeReady(): void {
    ready = true;
    app.emit('ready', electronEvent(), {});
    readyPromise.resolve();
  }

  /** Whether the main process answers `channel` yet. */
  answers(channel: string): boolean {
    return invokeHandlers.has(channel);
  }

  /** A renderer calls `ipcRenderer.invoke(channel, ...args)` from `frame` of `sender`. */
  async invoke(
    channel: string,
    from: { sender: WebContents; frame?: WebFrameMain },
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = invokeHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const frame = from.frame ?? from.sender.mainFrame;
    const event = Object.assign(electronEvent(), {
      sender: from.sender,
      senderFrame: frame,
      frameId: 1,
      processId: 1,
      type: 'frame' as const,
    });
    return handler(event as unknown as E.IpcMainInvokeEvent, ...args);
  }

  /** The page requests a URL of a scheme the app handles. */
  async fetch(url: string): Promise<Response> {
    const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1));
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
    return handler(new Request(url));
  }

  /** The keychain of another computer: what this one encrypted can no longer be read. */
  replaceKeychain(): void {
    keychainKey = randomBytes(32);
  }

  /** Everything back to a freshly started process; the keychain, like the OS's, stays. */
  reset(): void {
    app.removeAllListeners();
    for (const win of [...windows]) win.removeAllListeners();
    windows.length = 0;
    paths.clear();
    ready = false;
    readyPromise = deferred();
    quitting = false;
    exiting = false;
    shutDown = false;
    lockHeld = false;
    badgeCount = 0;
    invokeHandlers.clear();
    protocolHandlers.clear();
    privilegedSchemes.length = 0;
    session.defaultSession = new StandInSession();
    this.removeAllListeners();
    Object.assign(this, {
      otherInstanceRunning: false,
      locale: 'pt-BR',
      notificationsSupported: true,
      keychain: 'os',
      saveAs: null,
      openAs: null,
      notifications: [],
      trays: [],
      dialogs: [],
      relaunches: [],
      opened: [],
      exitCode: 0,
      quit: deferred(),
    });
  }
}

export const world = new World();
