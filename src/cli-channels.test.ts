import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registryOf } from './channels/registry';
import { main } from './cli';
import { emulatedChannel, REFUSED_TOKEN } from './channels/testing/channel-emulator';
import { modeOf, OWNER_ONLY_FILE } from './testing/file-modes';

const TOKEN = '123456:AAH-secret-token-value';

let dir: string;
let db: string;
let out: string[];
let err: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clientela-cli-channels-'));
  db = join(dir, 'c.db');
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args) => void err.push(args.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI with a Telegram and an SMS channel of the in-memory kind. */
const registry = registryOf([emulatedChannel('telegram').driver, emulatedChannel('sms').driver]);
const clientela = (...argv: string[]) => main(argv, registry);
/** A second Telegram bot, "suporte", beside the default one. */
const addSecondBot = () =>
  clientela(
    'channels',
    'add',
    'telegram',
    '--db',
    db,
    '--account',
    'suporte',
    '--token',
    '9:BBB-second-token',
  );

describe('clientela channels', () => {
  it('adds an account from flags named after its settings, lists it, and removes it', async () => {
    expect(
      await clientela(
        'channels',
        'add',
        'telegram',
        '--db',
        db,
        '--token',
        TOKEN,
        '--api-root',
        'http://127.0.0.1:8081',
        '--allow-groups',
      ),
    ).toBe(0);
    expect(out.at(-1)).toMatch(/The telegram account "default" \(@bot_123456\) was added/);
    expect(await addSecondBot()).toBe(0);

    out = [];
    expect(await clientela('channels', 'list', '--db', db)).toBe(0);
    expect(out).toEqual([
      'telegram\tdefault\t@bot_123456\t{"apiRoot":"http://127.0.0.1:8081","allowGroups":true}',
      'telegram\tsuporte\t@bot_9\t{}',
    ]);

    expect(
      await clientela('channels', 'remove', 'telegram', '--account', 'default', '--db', db),
    ).toBe(0);
    out = [];
    expect(await clientela('channels', 'list', '--db', db, '--json')).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject([{ channel: 'telegram', account: 'suporte' }]);
  });

  it('pauses an account and resumes it, keeping its token; the list says which are paused', async () => {
    await clientela('channels', 'add', 'telegram', '--db', db, '--token', TOKEN);
    await addSecondBot();
    out = [];
    expect(
      await clientela('channels', 'pause', 'telegram', '--account', 'default', '--db', db),
    ).toBe(0);
    expect(out).toEqual([
      'The telegram account "default" is paused: it neither receives nor sends until `channels resume`. Its secrets and session are kept.',
    ]);
    out = [];
    await clientela('channels', 'list', '--db', db);
    expect(out).toEqual([
      'telegram\tdefault\t@bot_123456\t{}\tpaused',
      'telegram\tsuporte\t@bot_9\t{}',
    ]);
    out = [];
    await clientela('channels', 'list', '--db', db, '--json');
    expect(JSON.parse(out[0]!)).toMatchObject([
      { account: 'default', enabled: false },
      { account: 'suporte', enabled: true },
    ]);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(TOKEN);

    // The channel as a flag, as the other commands name it.
    out = [];
    expect(
      await clientela(
        'channels',
        'resume',
        '--channel',
        'telegram',
        '--account',
        'default',
        '--db',
        db,
      ),
    ).toBe(0);
    expect(out.at(-1)).toMatch(/The telegram account "default" is resumed/);
    out = [];
    await clientela('channels', 'list', '--db', db);
    expect(out[0]).toBe('telegram\tdefault\t@bot_123456\t{}');
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).toContain(TOKEN);

    expect(await clientela('channels', 'pause', 'telegram', '--db', db)).toBe(64);
    expect(err.join('\n')).toMatch(/name the account to pause with --account KEY/);
    expect(await clientela('channels', 'resume', 'telegram', '--account', 'nada', '--db', db)).toBe(
      1,
    );
    expect(err.at(-1)).toBe('clientela: There is no Telegram account named "nada"');
  });

  it('keeps the token in a file beside the database that only its owner can read', async () => {
    await clientela('channels', 'add', 'telegram', '--db', db, '--token', TOKEN);
    const secrets = join(dir, 'secrets.json');
    expect(modeOf(secrets)).toBe(OWNER_ONLY_FILE);
    expect(readFileSync(secrets, 'utf8')).toContain(TOKEN);
    for (const file of [db, `${db}-wal`].filter((f) => statSync(f, { throwIfNoEntry: false })))
      expect(readFileSync(file).includes(TOKEN)).toBe(false);
    expect(out.join('\n')).not.toContain(TOKEN);
  });

  it('says why an account is refused, in the words of its flags, and saves nothing', async () => {
    expect(
      await clientela('channels', 'add', 'telegram', '--db', db, '--token', REFUSED_TOKEN),
    ).toBe(1);
    expect(err.at(-1)).toBe(
      'clientela: The Telegram account could not be checked: Unauthorized: the token was revoked',
    );
    expect(
      await clientela('channels', 'add', 'telegram', '--db', db, '--api-root', 'not a url'),
    ).toBe(1);
    expect(err.at(-1)).toMatch(/^clientela: --api-root: .*; --token: Enter the bot token$/);
    out = [];
    await clientela('channels', 'list', '--db', db);
    expect(out).toEqual(['No channel accounts yet: add one with `channels add`.']);
  });

  it('explains usage mistakes: an unknown channel, a flag of another channel, a missing account', async () => {
    expect(await clientela('channels', 'add', 'fax', '--db', db)).toBe(64);
    expect(err.join('\n')).toMatch(/name the channel: telegram, sms/);
    expect(await clientela('channels', 'add', 'whatsapp', '--db', db)).toBe(1);
    expect(err.at(-1)).toBe(
      'clientela: This version of Clientela cannot connect WhatsApp accounts',
    );
    expect(await clientela('channels', 'remove', 'telegram', '--db', db)).toBe(64);
    expect(err.join('\n')).toMatch(/--account KEY/);
    expect(await clientela('channels', 'remove', 'telegram', '--account', 'nada', '--db', db)).toBe(
      1,
    );
    expect(err.at(-1)).toBe('clientela: There is no Telegram account named "nada"');
    out = [];
    expect(await clientela('channels', 'add', 'sms', '--help')).toBe(0);
    expect(out).toEqual([
      'channels add sms --db FILE [--account KEY]',
      '  --token PASSWORD (required)',
      '  --api-root URL',
      '  --allow-groups',
    ]);
  });
});
