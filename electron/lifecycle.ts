/**
 * The desktop app's life, in order: one copy running; the log and the crash guard; once Electron
 * is ready, the database, then what serves it (IPC, the avatar scheme, host mode), then the
 * window, then the channel connectors, whose first statuses reach a page already listening.
 * Closing the window keeps the app in the tray; quitting stops the connectors before the database
 * closes. The core does the work; these modules only wire it to Electron.
 */
import { app, session, type BrowserWindow } from 'electron';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { avatarDirFor } from '../src/channels/avatars';
import type { SecretStore } from '../src/channels/secrets';
import { createChannelService } from '../src/channels/service';
import { openCore } from '../src/core';
import { setSystemLocale } from '../src/i18n/language';
import { settingsFromEnvironment } from '../src/settings/environment';
import { openWorkspace, type Workspace } from '../src/workspace/workspace';
import { registerAvatarScheme, serveAvatars } from './avatar-protocol';
import { chooseFolder } from './choose-folder';
import { chooseProgram } from './choose-program';
import { relaunchOnCrash } from './crash';
import { createHostMode, type HostMode } from './host-mode';
import { EVENTS_CHANNEL } from './ipc-channels';
import { serveIpc } from './ipc';
import { createLogger, type Logger } from './logger';
import { notifyNewMessages } from './notifications';
import { createDesktopSecretStore } from './secrets';
import { denyPermissions } from './security';
import { createTray } from './tray';
import { followUpdateSetting } from './updates';
import { createWindow } from './window';

/** The bundle's own files, as laid out by electron-vite (out/) and electron-builder. */
export interface ShellFiles {
  migrations: string;
  /** The built renderer's folder (index.html), host mode's static files too. */
  rendererDir: string;
  preload: string;
  icon: string;
}

export interface StartOptions {
  files: ShellFiles;
  env?: NodeJS.ProcessEnv;
  /** Whose failures relaunch the app: the process itself, a stand-in in tests. */
  crashSource?: NodeJS.EventEmitter;
}

/** The running app, for tests to reach what the window shows. */
export interface Desktop {
  workspace: Workspace;
  log: Logger;
  window(): BrowserWindow | undefined;
}

/** Starts the desktop app; resolves once it is up, or with null when another copy runs. */
export async function startDesktop(options: StartOptions): Promise<Desktop | null> {
  const { files } = options;
  const env = options.env ?? process.env;
  // Custom schemes must be declared before the app is ready.
  registerAvatarScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  // Development hooks only: in an installed app anyone able to set an environment variable could
  // otherwise load a page of their choice, with the bridge, or native code into it.
  const devServer = app.isPackaged ? undefined : env['ELECTRON_RENDERER_URL'];
  // better-sqlite3 built for Electron's ABI, beside the one npm built for Node (scripts/start.mjs).
  const nativeBinding = app.isPackaged ? undefined : env['CLIENTELA_SQLITE_BINDING'];
  const appUrl = devServer ?? pathToFileURL(join(files.rendererDir, 'index.html')).href;

  const userData = app.getPath('userData');
  const log = createLogger(userData);
  /** What runs once ready, to be stopped on quitting or after a crash. */
  const running: { workspace?: Workspace; hostMode?: HostMode } = {};
  let window: BrowserWindow | undefined;
  let quitting = false;
  relaunchOnCrash({
    log,
    userData,
    cleanUp: async () => {
      await Promise.all([running.hostMode?.close(), running.workspace?.close()]);
    },
    source: options.crashSource,
  });

  /** The window, made anew if it was closed; a new one shows itself once its page is drawn. */
  function openWindow(): BrowserWindow {
    if (window && !window.isDestroyed()) return window;
    const win = createWindow({ preload: files.preload, appUrl });
    // Closing the window hides it: Clientela keeps receiving messages from the tray.
    win.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      win.hide();
    });
    window = win;
    return win;
  }

  /** Brings the window to the front. */
  function show(): BrowserWindow {
    const win = openWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  }

  app.on('second-instance', () => show());
  // The tray keeps the app alive; only an explicit quit ends it.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => show());
  app.on('before-quit', () => {
    quitting = true;
  });
  let stopped = false;
  app.on('will-quit', (event) => {
    const { workspace, hostMode } = running;
    if (stopped || !workspace) return;
    // Connectors stop asynchronously (a poll to end, a browser to close): quit once they have,
    // and only then close the database they write to.
    event.preventDefault();
    log.info('quitting: stopping the channel connectors and closing the database');
    void Promise.all([hostMode?.close(), workspace.close()])
      .catch((error: unknown) => log.error('stopping the connectors', error))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });

  await app.whenReady();
  log.info(`Clientela ${app.getVersion()} starting`);
  denyPermissions(session.defaultSession);
  // The system's language as Chromium reads it, which the window shows too; Node's comes from
  // LANG, which an app opened from the macOS Finder does not have. Before any database opens.
  setSystemLocale(app.getLocale());
  // Each database keeps its channel secrets beside it (the owner's in the user-data folder), one
  // store per file, so that two writers never interleave their read-modify-writes of it.
  const vaults = new Map<string, SecretStore>();
  const secretsIn = (folder: string) =>
    vaults.get(folder) ?? vaults.set(folder, createDesktopSecretStore(folder, log)).get(folder)!;
  // The seed's switches: a value that is neither true nor false is logged and left out.
  const { overrides: settingsOverrides, problems } = settingsFromEnvironment(env);
  for (const problem of problems) log.error(`ignored: ${problem}`);
  const opened = openWorkspace({
    file: join(userData, 'clientela.db'),
    open: (file) =>
      openCore(file, { nativeBinding, migrationsFolder: files.migrations, settingsOverrides }),
    channels: (core) =>
      createChannelService(core, { secrets: secretsIn(dirname(core.db.name)), log }),
  });
  running.workspace = opened;
  serveAvatars(() => avatarDirFor(opened.core.db.name));
  const network = createHostMode(opened.core, {
    channels: opened.channels,
    handlers: opened.handlers,
    secrets: secretsIn(userData),
    staticDir: files.rendererDir,
    log,
  });
  running.hostMode = network;
  serveIpc(opened, {
    window: () => window,
    appUrl,
    log,
    more: {
      'desktop.networkAccess': () => network.sync(),
      'desktop.replaceHostToken': () => network.replaceToken(),
      'desktop.chooseProgram': chooseProgram,
      'desktop.chooseFolder': chooseFolder,
    },
  });
  opened.subscribe(
    notifyNewMessages(
      opened,
      () => window,
      (conversationId) => {
        show().webContents.send(EVENTS_CHANNEL, [
          { type: 'navigate', page: 'conversations', id: conversationId },
        ]);
      },
    ),
  );
  opened.onSwitch(() => {
    network.switchTo(opened.core, opened.handlers);
    void network.sync();
    app.setBadgeCount(opened.core.conversations.unreadTotal());
  });
  createTray(files.icon, { show, quit: () => app.quit() });
  openWindow();
  // After the window: its first statuses ("connecting") reach a page already listening.
  void opened.start();
  void network.sync();
  followUpdateSetting({ enabled: () => opened.core.settings.get().autoUpdate, log });
  return { workspace: opened, log, window: () => window };
}
