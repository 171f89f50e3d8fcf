/**
 * Updates from the project's GitHub releases (electron-updater), only while the owner has switched
 * them on in Settings: the builds are not code-signed, so nothing is downloaded or installed
 * without being asked for. Checked when switched on, then every six hours; a downloaded version
 * is announced and installed when the app quits. Builds run from source (`npm start`) have no
 * release to follow and never check.
 */
import { app, Notification } from 'electron';
import type { AppUpdater } from 'electron-updater';
import type { Logger } from './logger';
import { desktopTexts } from './texts';

export const CHECK_EVERY_MS = 6 * 60 * 60_000;
/** How soon switching the setting on is noticed. */
export const SETTING_POLL_MS = 60_000;

/** The part of electron-updater's AppUpdater the app uses. */
export type Updater = Pick<
  AppUpdater,
  'checkForUpdates' | 'on' | 'autoDownload' | 'autoInstallOnAppQuit' | 'logger'
>;

export interface UpdateOptions {
  /** The Settings switch, read each time. */
  enabled(): boolean;
  log: Logger;
  /** electron-updater's updater, loaded only once updates are on. */
  load?(): Promise<Updater>;
}

/** Follows the setting until `stop()`. */
export function followUpdateSetting(options: UpdateOptions): { stop(): void } {
  const load = options.load ?? (async () => (await import('electron-updater')).autoUpdater);
  let updater: Promise<Updater> | null = null;
  let lastCheck = -Infinity;
  let checking = false;

  function prepare(): Promise<Updater> {
    return (updater ??= load().then((u) => {
      u.autoDownload = true;
      u.autoInstallOnAppQuit = true;
      u.logger = {
        info: (message: unknown) => options.log.info(`update: ${String(message)}`),
        warn: (message: unknown) => options.log.info(`update: ${String(message)}`),
        error: (message: unknown) => options.log.error(`update: ${String(message)}`),
      };
      u.on('update-downloaded', (event) => {
        const text = desktopTexts();
        if (Notification.isSupported())
          new Notification({
            title: text.updateReadyTitle,
            body: text.updateReady(event.version),
          }).show();
      });
      return u;
    }));
  }

  async function tick(): Promise<void> {
    if (!app.isPackaged || !options.enabled() || checking) return;
    if (Date.now() - lastCheck < CHECK_EVERY_MS) return;
    checking = true;
    lastCheck = Date.now();
    try {
      await (await prepare()).checkForUpdates();
    } catch (error) {
      // Offline, or no release yet: the next check tries again.
      options.log.error('update check failed', error);
    } finally {
      checking = false;
    }
  }

  void tick();
  const timer = setInterval(() => void tick(), SETTING_POLL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
