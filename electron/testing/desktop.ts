/**
 * The desktop app started for a test: the real lifecycle over the stand-in `electron` module, a
 * fresh user-data folder, and Electron's `ready` played by the test.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startDesktop, type Desktop, type ShellFiles } from '../lifecycle';
import { INVOKE_CHANNEL } from '../ipc-channels';
import { app, world, type BrowserWindow } from './electron';

export const FILES: ShellFiles = {
  migrations: resolve('src/db/migrations'),
  rendererDir: resolve('out/renderer'),
  preload: resolve('out/preload/preload.cjs'),
  icon: resolve('resources/icon.png'),
};

/** The address of the app's own page, as the window loads it. */
export const APP_URL = pathToFileURL(join(FILES.rendererDir, 'index.html')).href;

export interface TestDesktop {
  desktop: Desktop;
  userData: string;
  /** Stands for the main process: its uncaught exceptions and unhandled rejections. */
  process: EventEmitter;
  window(): BrowserWindow;
  /** Calls an API method over IPC as the app's window does, answered as the window gets it. */
  invoke(method: string, input?: unknown): Promise<unknown>;
  /** Quits (if the test did not) and deletes the user-data folder. */
  dispose(): Promise<void>;
}

/** A new user-data folder, as a first start on a new computer. */
export const newUserData = () => mkdtempSync(join(tmpdir(), 'clientela-desktop-'));

/**
 * Starts the app as a fresh process would (over `userData`, a new one by default), becomes ready
 * and waits until it is up.
 */
export async function startTestDesktop(
  options: {
    userData?: string;
    env?: NodeJS.ProcessEnv;
    packaged?: boolean;
    /** The test already reset the world and set it up (a listener on window creation...). */
    keepWorld?: boolean;
  } = {},
): Promise<TestDesktop> {
  if (!options.keepWorld) world.reset();
  const userData = options.userData ?? newUserData();
  app.setPath('userData', userData);
  app.setPath('documents', userData);
  app.isPackaged = options.packaged ?? false;
  const crashes = new EventEmitter();
  const started = startDesktop({ files: FILES, env: options.env ?? {}, crashSource: crashes });
  world.becomeReady();
  const desktop = await started;
  if (!desktop) throw new Error('the app did not start (another copy holds the lock)');
  const window = () => {
    const win = desktop.window();
    if (!win) throw new Error('no window');
    // The lifecycle sees Electron's type; at run time it is the stand-in's window.
    return win as unknown as BrowserWindow;
  };
  return {
    desktop,
    userData,
    process: crashes,
    window,
    invoke: (method, input = {}) =>
      world.invoke(INVOKE_CHANNEL, { sender: window().webContents }, method, input),
    async dispose() {
      if (!world.shutDown) {
        app.quit();
        await world.quit.promise;
      }
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
