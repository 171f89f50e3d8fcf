import { shell, type BrowserWindow, type Session } from 'electron';

/** Only web links leave the app, and only to the system browser. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** No new windows, no navigation away from the app; links open in the system browser. */
export function lockNavigation(window: BrowserWindow, appUrl: string): void {
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(appUrl)) event.preventDefault();
  });
}

/** The app needs no camera, microphone, location or notifications permission from web content. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
