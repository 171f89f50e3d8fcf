/** The desktop shell: one window over the core, the handler table served on IPC. */
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { createHandlers, invoke } from '../src/api/handlers';
import { ApiError } from '../src/api/errors';
import { openCore, type Core } from '../src/core';
import { EVENTS_CHANNEL, INVOKE_CHANNEL, type InvokeResult } from './ipc-channels';
import { denyPermissions, lockNavigation } from './security';

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
let core: Core | undefined;
let window: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'Clientela',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  lockNavigation(win, devServerUrl ?? `file://${rendererFile}`);
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererFile);
  return win;
}

function serveCore(c: Core): void {
  const handlers = createHandlers(c);
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event, method: unknown, input: unknown): Promise<InvokeResult> => {
      // Only our own window may call the core.
      if (!window || event.sender !== window.webContents) {
        return { ok: false, error: { code: 'forbidden', message: 'Not allowed' } };
      }
      try {
        return { ok: true, value: await invoke(handlers, String(method), input) };
      } catch (error) {
        if (error instanceof ApiError)
          return { ok: false, error: { code: error.code, message: error.message } };
        console.error(error);
        return {
          ok: false,
          error: { code: 'internal', message: 'Something went wrong; it has been logged' },
        };
      }
    },
  );
  c.bus.subscribe((events) => window?.webContents.send(EVENTS_CHANNEL, events));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void app.whenReady().then(() => {
    denyPermissions(session.defaultSession);
    core = openCore(join(app.getPath('userData'), 'clientela.db'), {
      // better-sqlite3 built for Electron's ABI, beside the one npm built for Node (scripts/start.mjs).
      nativeBinding: process.env['CLIENTELA_SQLITE_BINDING'],
      migrationsFolder: join(import.meta.dirname, 'migrations'),
    });
    serveCore(core);
    window = createWindow();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());
}
