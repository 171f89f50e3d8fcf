/**
 * The window's locks (Electron's security checklist): no new windows, no navigation away from the
 * app's own page, no permissions for web content, and IPC answered only for the app's own page.
 */
import {
  shell,
  type BrowserWindow,
  type IpcMainInvokeEvent,
  type Session,
  type WebContents,
} from 'electron';

/** Only web links leave the app, and only to the system browser. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Whether `url` is the app's own page. An http(s) app (the dev server) is matched by exact origin,
 * never by prefix (`http://localhost:5173.evil.example` starts with `http://localhost:5173`). Every
 * file: URL shares one opaque origin, so a file page must be the app's very file; its #route may
 * differ.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:')
    return (
      target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname
    );
  return target.origin === app.origin;
}

/** No new windows, no frame navigating away from the app; web links open in the system browser. */
export function lockNavigation(window: BrowserWindow, appUrl: string): void {
  const contents = window.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame && isAppUrl(event.url, appUrl)) return;
    event.preventDefault();
    if (event.isMainFrame && isExternalLink(event.url)) void shell.openExternal(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The app needs no camera, microphone, location or notifications permission from web content. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Whether an IPC call comes from the app's own page: the main window's top frame, showing the
 * app's URL. An iframe, another window or a page navigated elsewhere is refused.
 */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: { webContents: WebContents } | undefined,
  appUrl: string,
): boolean {
  const frame = event.senderFrame;
  return (
    window !== undefined &&
    event.sender === window.webContents &&
    frame !== null &&
    frame.parent === null &&
    isAppUrl(frame.url, appUrl)
  );
}
