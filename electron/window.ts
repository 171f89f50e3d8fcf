import { BrowserWindow } from 'electron';
import { lockNavigation } from './security';

/** Where the window's page comes from, and its preload. */
export interface WindowSource {
  preload: string;
  /** The app's page: the built index.html, or the dev server's address. */
  appUrl: string;
}

/** The one window: sandboxed, isolated, no Node, locked to the app's own page. */
export function createWindow({ preload, appUrl }: WindowSource): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Clientela',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  lockNavigation(win, appUrl);
  void win.loadURL(appUrl);
  return win;
}
