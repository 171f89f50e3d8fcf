import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../api/errors';
import { emulatedChannel, REFUSED_TOKEN } from './testing/channel-emulator';
import { tempCore, type TestCore } from '../testing/fixtures';
import { accountDataRootFor, createAccounts, readFieldValues } from './accounts';
import { registryOf } from './registry';
import { createFileSecretStore, secretsFileFor } from './secrets';
import { whatsappDriver } from './whatsapp/driver';

const TOKEN = '123456:AAH-secret-token-value';

let core: TestCore;
afterEach(() => core?.dispose());

function setup() {
  core = tempCore();
  const { driver } = emulatedChannel('telegram');
  const secrets = createFileSecretStore(secretsFileFor(core.file));
  const accounts = createAccounts(core.channelAccounts, {
    registry: registryOf([driver]),
    secrets,
    dataRoot: accountDataRootFor(core.file),
  });
  return { accounts, secrets };
}

const rejection = async (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as ApiError,
  );

describe('channel accounts', () => {
  it('saves a checked account: settings in the database, the token in the secret store', async () => {
    const { accounts, secrets } = setup();
    const added = await accounts.add({
      channel: 'telegram',
      fields: { token: TOKEN, apiRoot: 'http://127.0.0.1:9001', allowGroups: 'no' },
    });
    expect(added).toMatchObject({
      channel: 'telegram',
      account: 'default',
      label: '@bot_123456',
      config: { apiRoot: 'http://127.0.0.1:9001', allowGroups: false },
      enabled: true,
    });
    expect(await secrets.get('telegram/default')).toEqual({ token: TOKEN });
    expect(accounts.list()).toEqual([added]);
  });

  it('refuses a token the channel rejects, with the channel’s reason, and saves nothing', async () => {
    const { accounts } = setup();
    const error = await rejection(
      accounts.add({ channel: 'telegram', fields: { token: REFUSED_TOKEN } }),
    );
    expect(error.code).toBe('bad_input');
    expect(error.message).toBe(
      'The Telegram account could not be checked: Unauthorized: the token was revoked',
    );
    expect(accounts.list()).toEqual([]);
    expect(existsSync(secretsFileFor(core.file))).toBe(false);
  });

  it('explains wrong or missing fields in words, naming the field', async () => {
    const { accounts } = setup();
    expect((await rejection(accounts.add({ channel: 'telegram', fields: {} }))).message).toBe(
      'Bot token: Enter the bot token',
    );
    expect(
      (await rejection(accounts.add({ channel: 'telegram', fields: { token: 'abc' } }))).message,
    ).toBe('Bot token: The token looks like 123456:ABC-DEF1234ghIkl');
    expect(
      (await rejection(accounts.add({ channel: 'telegram', fields: { token: TOKEN, port: '1' } })))
        .message,
    ).toBe('"port" is not a setting of Telegram accounts');
    expect((await rejection(accounts.add({ channel: 'whatsapp', fields: {} }))).message).toBe(
      'This version of Clientela cannot connect WhatsApp accounts',
    );
    expect(
      (await rejection(accounts.add({ channel: 'telegram', account: '../x', fields: {} }))).message,
    ).toMatch(/lower-case letters/);
    expect(accounts.list()).toEqual([]);
  });

  it('names a second account of one channel default-2, and refuses a name already taken', async () => {
    const { accounts } = setup();
    await accounts.add({ channel: 'telegram', fields: { token: TOKEN } });
    const second = await accounts.add({
      channel: 'telegram',
      fields: { token: '777:BBB-other-token' },
    });
    expect(second.account).toBe('default-2');
    const taken = await rejection(
      accounts.add({ channel: 'telegram', account: 'default', fields: { token: TOKEN } }),
    );
    expect(taken.code).toBe('conflict');
    expect(taken.message).toMatch(/already a Telegram account named "default"/);
    expect(accounts.list().map((a) => a.account)).toEqual(['default', 'default-2']);
  });

  it('removing an account deletes its secrets and its session files, and only its own', async () => {
    const { accounts, secrets } = setup();
    await accounts.add({ channel: 'telegram', account: 'loja', fields: { token: TOKEN } });
    await accounts.add({
      channel: 'telegram',
      account: 'suporte',
      fields: { token: '9:CCC-third-token' },
    });
    const folder = accounts.dataDir('telegram', 'loja');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'session.json'), '{}');
    await accounts.remove('telegram', 'loja');
    expect(existsSync(folder)).toBe(false);
    expect(await secrets.get('telegram/loja')).toBeNull();
    expect(await secrets.get('telegram/suporte')).toEqual({ token: '9:CCC-third-token' });
    expect(accounts.list().map((a) => a.account)).toEqual(['suporte']);
    expect((await rejection(accounts.remove('telegram', 'loja'))).code).toBe('not_found');
  });

  it('the token is nowhere in the database file, its write-ahead log included', async () => {
    const { accounts } = setup();
    await accounts.add({
      channel: 'telegram',
      fields: { token: TOKEN, apiRoot: 'http://127.0.0.1:1' },
    });
    for (const file of [core.file, `${core.file}-wal`])
      if (existsSync(file)) expect(readFileSync(file).includes(TOKEN)).toBe(false);
    expect(
      readFileSync(core.file).length + readFileSync(`${core.file}-wal`).length,
    ).toBeGreaterThan(0);
  });
});

describe('a setting that names a program to run (the WhatsApp browser)', () => {
  function withWhatsApp() {
    core = tempCore();
    const accounts = createAccounts(core.channelAccounts, {
      registry: registryOf([whatsappDriver]),
      secrets: createFileSecretStore(secretsFileFor(core.file)),
      dataRoot: accountDataRootFor(core.file),
    });
    const browser = join(core.dir, 'chrome');
    writeFileSync(browser, '#!/bin/sh\n');
    chmodSync(browser, 0o755);
    return { accounts, browser };
  }

  it('is a full path to a program on this computer, or nothing is saved', async () => {
    const { accounts } = withWhatsApp();
    const refused = async (chromePath: string) =>
      (await rejection(accounts.add({ channel: 'whatsapp', fields: { chromePath } }))).message;
    expect(await refused('\\\\fileserver\\share\\chrome.exe')).toBe(
      'Chrome location: "\\\\fileserver\\share\\chrome.exe" is on another computer of the network; choose a program installed on this computer',
    );
    expect(await refused('//fileserver/share/chrome')).toMatch(/on another computer/);
    expect(await refused('chrome')).toMatch(/^Chrome location: "chrome" is not a full path/);
    expect(await refused(join(core.dir, 'nothing'))).toMatch(/there is no program at/);
    expect(accounts.list()).toEqual([]);
  });

  it('runs as given when it was given here, and is left out when saved before that was checked', async () => {
    const { accounts, browser } = withWhatsApp();
    const chosen = await accounts.add({ channel: 'whatsapp', fields: { chromePath: browser } });
    expect(chosen.config).toEqual({
      chromePath: browser,
      includeGroups: false,
      markChatsRead: false,
    });
    expect(accounts.configToRun(chosen)).toEqual({ config: chosen.config, dropped: [] });

    // A row as an older version (or a token holder over host mode, before the fix) left it.
    core.db
      .prepare(
        `INSERT INTO channel_accounts (channel, account, label, config, enabled, created_at)
         VALUES ('whatsapp', 'old', 'old', ?, 1, 0)`,
      )
      .run(JSON.stringify({ chromePath: browser, includeGroups: false }));
    const old = accounts.get('whatsapp', 'old')!;
    expect(old.config).toEqual({ chromePath: browser, includeGroups: false });
    expect(accounts.configToRun(old)).toEqual({
      config: { includeGroups: false },
      dropped: [
        `Chrome location: "${browser}" was saved before Clientela checked where it came from and is not used; choose it again on this computer`,
      ],
    });

    // Gone since it was chosen: looked for again rather than failing on a stale path.
    rmSync(browser);
    expect(accounts.configToRun(accounts.get('whatsapp', 'default')!).dropped).toEqual([
      `Chrome location: there is no program at "${browser}"`,
    ]);
  });
});

describe('form values', () => {
  const fields = emulatedChannel().driver.fields;
  it('become numbers, yes/no and lists by the field’s type; empty ones are left out', () => {
    expect(
      readFieldValues(
        'webchat',
        [...fields, { key: 'port', type: 'number' }, { key: 'origins', type: 'list' }],
        {
          token: '  keeps its spaces ',
          apiRoot: ' ',
          allowGroups: 'sim',
          port: '8080',
          origins: 'https://loja.com.br, https://www.loja.com.br\n',
        },
      ),
    ).toEqual({
      config: {
        allowGroups: true,
        port: 8080,
        origins: ['https://loja.com.br', 'https://www.loja.com.br'],
      },
      secrets: { token: '  keeps its spaces ' },
    });
    expect(() =>
      readFieldValues('webchat', [{ key: 'port', type: 'number' }], { port: 'abc' }),
    ).toThrow('Port: "abc" is not a number');
  });
});
