/**
 * The desktop shell: lifecycle, the window, the tray, notifications and the log. The core does
 * the work; this file only wires it to Electron.
 */
import { app, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createChannelService, type ChannelService } from '../src/channels/service';
import { openCore, type Core } from '../src/core';
import { avatarDirFor } from '../src/channels/avatars';
import { registerAvatarScheme, serveAvatars } from './avatar-protocol';
import { chooseProgram } from './choose-program';
import { createHostMode, type HostMode } from './host-mode';
import { EVENTS_CHANNEL } from './ipc-channels';
import { serveIpc } from './ipc';
import { createLogger } from './logger';
import { notifyNewMessages } from './notifications';
import { createDesktopSecretStore } from './secrets';
import { denyPermissions } from './security';
import { createTray } from './tray';
import { createWindow } from './window';

let core: Core | undefined;
let channels: ChannelService | undefined;
let hostMode: HostMode | undefined;
let window: BrowserWindow | undefined;
let quitting = false;

/** Shows the window, making a new one if it was closed. */
function show(): BrowserWindow {
  if (!window || window.isDestroyed()) {
    window = createWindow();
    // Closing the window hides it: Clientela keeps receiving messages from the tray.
    window.on('close', (event) => {
      if (quitting) return;
      event.preventDefault();
      window?.hide();
    });
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return window;
}

// Custom schemes must be declared before the app is ready.
registerAvatarScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const log = createLogger(app.getPath('userData'));
  process.on('uncaughtException', (error) => log.error('uncaught', error));
  app.on('second-instance', () => show());

  void app.whenReady().then(() => {
    log.info(`Clientela ${app.getVersion()} starting`);
    denyPermissions(session.defaultSession);
    core = openCore(join(app.getPath('userData'), 'clientela.db'), {
      // better-sqlite3 built for Electron's ABI, beside the one npm built for Node (scripts/start.mjs).
      nativeBinding: process.env['CLIENTELA_SQLITE_BINDING'],
      migrationsFolder: join(import.meta.dirname, 'migrations'),
    });
    const secrets = createDesktopSecretStore(app.getPath('userData'), log);
    channels = createChannelService(core, { secrets, log });
    serveAvatars(avatarDirFor(core.db.name));
    hostMode = createHostMode(core, {
      channels,
      secrets,
      staticDir: join(import.meta.dirname, '../renderer'),
      avatarDir: avatarDirFor(core.db.name),
      log,
    });
    serveIpc(core, channels, () => window, log, {
      'desktop.networkAccess': () => hostMode!.sync(),
      'desktop.replaceHostToken': () => hostMode!.replaceToken(),
      'desktop.chooseProgram': chooseProgram,
    });
    core.bus.subscribe(
      notifyNewMessages(
        core,
        () => window,
        (conversationId) => {
          show().webContents.send(EVENTS_CHANNEL, [
            { type: 'navigate', page: 'conversations', id: conversationId },
          ]);
        },
      ),
    );
    createTray({ show, quit: () => app.quit() });
    show();
    // After the window: its first statuses ("connecting") reach a page already listening.
    void channels.start();
    void hostMode.sync();
  });

  // The tray keeps the app alive; only an explicit quit ends it.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => show());
  app.on('before-quit', () => {
    quitting = true;
  });
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    // Connectors stop asynchronously (a poll to end, a browser to close): quit once they have.
    event.preventDefault();
    log.info('quitting: stopping the channel connectors and closing the database');
    void Promise.all([channels?.stop(), hostMode?.close()])
      .catch((error: unknown) => log.error('stopping the connectors', error))
      .finally(() => {
        stopped = true;
        core?.close();
        app.quit();
      });
  });
}
