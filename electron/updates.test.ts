/**
 * Updates follow the Settings switch: never checked while it is off (builds are unsigned), checked
 * soon after it is switched on, and a downloaded version announced in the app's language.
 */
import { EventEmitter } from 'node:events';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../src/i18n/language';
import { createLogger } from './logger';
import { newUserData } from './testing/desktop';
import { app, world } from './testing/electron';
import { CHECK_EVERY_MS, followUpdateSetting, SETTING_POLL_MS, type Updater } from './updates';

/**
 * electron-updater's AppUpdater (6.8) as the app uses it: the same fields, `checkForUpdates()`
 * resolving with what the release server said, `update-downloaded` once a version is on disk.
 */
class ReleaseFeed extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: Updater['logger'] = null;
  checks = 0;
  online = true;
  async checkForUpdates() {
    this.checks++;
    if (!this.online) throw new Error('net::ERR_INTERNET_DISCONNECTED');
    return null;
  }
}

describe('updates from the releases', () => {
  let feed: ReleaseFeed;
  let enabled: boolean;
  let stop: () => void;
  let userData: string;
  const follow = () =>
    (stop = followUpdateSetting({
      enabled: () => enabled,
      log: createLogger(userData),
      load: async () => feed as unknown as Updater,
    }).stop);

  beforeEach(() => {
    vi.useFakeTimers();
    world.reset();
    app.isPackaged = true;
    userData = newUserData();
    feed = new ReleaseFeed();
    enabled = false;
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
    rmSync(userData, { recursive: true, force: true });
  });

  it('never asks the release server while the setting is off', async () => {
    follow();
    await vi.advanceTimersByTimeAsync(2 * CHECK_EVERY_MS);
    expect(feed.checks).toBe(0);
  });

  it('checks within a minute of being switched on, then every six hours, installing on quit', async () => {
    follow();
    enabled = true;
    await vi.advanceTimersByTimeAsync(SETTING_POLL_MS);
    expect(feed.checks).toBe(1);
    expect(feed).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS - 2 * SETTING_POLL_MS);
    expect(feed.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(2 * SETTING_POLL_MS);
    expect(feed.checks).toBe(2);
  });

  it('never checks in a build run from source, which has no release to follow', async () => {
    app.isPackaged = false;
    enabled = true;
    follow();
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(feed.checks).toBe(0);
  });

  it('announces a downloaded version in the app language', async () => {
    setLanguage('pt-BR');
    enabled = true;
    follow();
    await vi.advanceTimersByTimeAsync(0);
    feed.emit('update-downloaded', { version: '0.2.0' });
    expect(world.notifications.map((n) => [n.title, n.body])).toEqual([
      ['Nova versão do Clientela', 'A versão 0.2.0 foi baixada e será instalada ao sair do app.'],
    ]);
  });

  it('takes a failed check offline calmly and tries again later', async () => {
    feed.online = false;
    enabled = true;
    follow();
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.checks).toBe(1);
    feed.online = true;
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(feed.checks).toBe(2);
  });
});
