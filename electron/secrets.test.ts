/** Channel secrets in the desktop app: encrypted with the OS keychain through safeStorage. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { createDesktopSecretStore } from './secrets';
import { newUserData } from './testing/desktop';
import { world } from './testing/electron';
import { modeOf, OWNER_ONLY_FILE } from '../src/testing/file-modes';

const TOKEN = { token: '123456789:AAE-segredo-do-bot' };

describe('the desktop secret store', () => {
  let userData: string;
  const open = () => createDesktopSecretStore(userData, createLogger(userData));
  const log = () => join(userData, 'logs', 'clientela.log');
  const logged = () => (existsSync(log()) ? readFileSync(log(), 'utf8') : '');

  beforeEach(() => {
    world.reset();
    userData = newUserData();
  });
  afterEach(() => rmSync(userData, { recursive: true, force: true }));

  it('keeps secrets encrypted on disk and reads them back after a restart', async () => {
    await open().set('telegram/default', TOKEN);
    const bytes = readFileSync(join(userData, 'secrets.bin'));
    expect(bytes.toString('latin1')).not.toContain('segredo');
    expect(modeOf(join(userData, 'secrets.bin'))).toBe(OWNER_ONLY_FILE);

    world.reset();
    expect(await open().get('telegram/default')).toEqual(TOKEN);
  });

  it('refuses, with the reason, a vault made on another computer, and never overwrites it', async () => {
    await open().set('telegram/default', TOKEN);
    const before = readFileSync(join(userData, 'secrets.bin'));
    world.replaceKeychain();
    const store = open();
    await expect(store.get('telegram/default')).rejects.toThrow(/secrets\.bin/);
    await expect(store.set('sms/default', { password: 'x' })).rejects.toThrow(/secrets\.bin/);
    expect(readFileSync(join(userData, 'secrets.bin'))).toEqual(before);
  });

  it('without a keychain, keeps them in a file only this user can read, and says so in the log', async () => {
    world.keychain = 'none';
    await open().set('telegram/default', TOKEN);
    expect(modeOf(join(userData, 'secrets.json'))).toBe(OWNER_ONLY_FILE);
    expect(await open().get('telegram/default')).toEqual(TOKEN);
    expect(logged()).toContain('no keychain available');
  });

  it("notes when Linux has no desktop keyring and Chromium's built-in key is used", async () => {
    world.keychain = 'basic';
    await open().set('telegram/default', TOKEN);
    expect(await open().get('telegram/default')).toEqual(TOKEN);
    // Only Linux has such a fallback (Windows and macOS always have their keychain).
    expect(logged().includes('no desktop keyring')).toBe(process.platform === 'linux');
  });
});
