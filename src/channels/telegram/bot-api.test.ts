/**
 * The connector with the real library against a local server answering as Telegram's Bot API
 * documents it, for what the emulator lacks: profile photos (getUserProfilePhotos, getFile, the
 * file download), getUpdates' offset, and refusals (a wrong token, a person who blocked the bot).
 */
import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { User } from 'node-telegram-bot-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TestCore } from '../../testing/fixtures';
import { avatarDirFor } from '../avatars';
import { PermanentSendError } from '../connector';
import { startBotApiEmulator, type BotApiEmulator } from './testing/bot-api-emulator';
import { telegramDriver } from './driver';
import { telegramTexts } from './texts';
import {
  runAccount,
  startChannels,
  TOKEN,
  type RunningAccount,
  type RunningChannels,
} from './testing/harness';
import { freePort, until } from '../../testing/waiting';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 1, 2, 3]);
const maria: User = {
  id: 5511001,
  is_bot: false,
  first_name: 'Maria',
  last_name: 'Souza',
  username: 'mariasouza',
  language_code: 'pt-br',
};
const joao: User = { id: 5511002, is_bot: false, first_name: 'João', username: 'joaolima' };

let server: BotApiEmulator;
let core: TestCore;
let account: RunningAccount | null;
let channels: RunningChannels | null;

beforeEach(async () => {
  server = await startBotApiEmulator(TOKEN);
  core = tempCore({ now: Date.now });
  account = null;
  channels = null;
});

afterEach(async () => {
  await account?.stop();
  await channels?.stop();
  await server.close();
  core.dispose();
});

const start = async () => (account = await runAccount(core, { apiRoot: server.url }));
const storedTexts = () =>
  core.db
    .prepare<[], { text: string }>("SELECT text FROM messages WHERE direction = 'in' ORDER BY id")
    .all()
    .map((r) => r.text);
const callsOf = (method: string) => server.calls.filter((c) => c.method === method);

/** Every byte the app wrote: the database, its WAL and every other file beside it. */
function everythingStored(): string {
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  return readdirSync(core.dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

describe('profile photos', () => {
  it('downloads a new person’s photo once into the avatar cache, and the token goes nowhere', async () => {
    server.setProfilePhoto(maria.id, JPEG);
    await start();
    server.userWrites(maria, { text: 'Oi!' });
    server.userWrites(joao, { text: 'Bom dia' });
    await until(() => storedTexts().length === 2);
    server.userWrites(maria, { text: 'Tudo bem?' });
    await until(() => storedTexts().length === 3);

    const [customer] = core.customers.list.list(
      { sort: 'name', limit: 10, search: 'Maria' },
      'America/Sao_Paulo',
    ).items;
    expect(customer!.profilePictureUrl).toMatch(/^avatar:[0-9a-f]{32}\.img$/);
    const cached = join(avatarDirFor(core.file), customer!.profilePictureUrl!.slice(7));
    expect(new Uint8Array(readFileSync(cached))).toEqual(JPEG);
    // João has no photo; Maria's was asked for once although she wrote twice.
    expect(callsOf('getUserProfilePhotos').map((c) => c.params.user_id)).toEqual([
      String(maria.id),
      String(joao.id),
    ]);
    expect(callsOf('file')).toHaveLength(1);

    expect(everythingStored()).not.toContain(TOKEN);
    expect(everythingStored()).not.toContain(TOKEN.split(':')[1]);
    expect(account!.logs.join('\n')).not.toContain(TOKEN.split(':')[1]);
  });

  it('asks nothing when the "fetch profile pictures" setting is off', async () => {
    core.settings.update({ fetchProfilePictures: false });
    server.setProfilePhoto(maria.id, JPEG);
    await start();
    server.userWrites(maria, { text: 'Oi!' });
    await until(() => storedTexts().length === 1);

    expect(callsOf('getUserProfilePhotos')).toEqual([]);
    expect(readdirSync(core.dir)).not.toContain('avatars');
  });
});

describe('the update offset, through the supervisor', () => {
  it('fetches a batch again when it could not be stored, and stores it once', async () => {
    channels = await startChannels(core, server.url);
    // Another program holds the database's write lock: the batch cannot be stored for now.
    core.db.pragma('busy_timeout = 50');
    const other = new Database(core.file);
    other.exec('BEGIN IMMEDIATE');
    server.userWrites(maria, { text: 'não se perde' });
    const failure = 'error: The messages could not be stored (database is locked)';
    await until(() => channels!.statuses.includes(failure));
    other.exec('ROLLBACK');
    other.close();

    await until(() => storedTexts().length === 1);
    await until(() => channels!.statuses.at(-1) === 'connected');
    expect(storedTexts()).toEqual(['não se perde']);
    // The restarted run asked for the same update: the offset moved only once it was stored.
    await until(() => callsOf('getUpdates').at(-1)!.params.offset === '2');
    const unconfirmed = callsOf('getUpdates').filter((c) => c.params.offset === undefined);
    expect(unconfirmed.length).toBeGreaterThan(1);
  });

  it('starts after the saved update on a restart, so Telegram forgets what was stored', async () => {
    await start();
    server.userWrites(maria, { text: 'um' });
    server.userWrites(maria, { text: 'dois' });
    await until(() => storedTexts().length === 2);
    await account!.stop();
    server.userWrites(joao, { text: 'três' });
    const before = server.calls.length;

    await start();
    await until(() => storedTexts().length === 3);
    expect(server.calls.slice(before).find((c) => c.method === 'getUpdates')!.params.offset).toBe(
      '3',
    );
    expect(storedTexts()).toEqual(['um', 'dois', 'três']);
  });

  it('shows the network failure, and picks up when the server is back', async () => {
    channels = await startChannels(core, server.url);
    await server.pause();
    const host = new URL(server.url).host;
    await until(() => channels!.statuses.includes(`error: Cannot reach ${host} (ECONNREFUSED)`));
    server.userWrites(maria, { text: 'durante a queda' });
    await server.resume();

    await until(() => storedTexts().length === 1, 'the message stored', 10_000);
    await until(() => channels!.statuses.at(-1) === 'connected');
    expect(channels!.logs.join('\n')).not.toContain(TOKEN.split(':')[1]);
  });
});

describe('refusals', () => {
  const BLOCKED = 'The person blocked the bot: Telegram does not deliver messages to them';
  const config = () => ({ apiRoot: server.url, includeGroups: false });
  const wrongToken = '7012345678:AAWrongTokenXXXXXXXXXXXXXXXXXXXXXXX';

  it('says a wrong token is wrong, when adding the account and when starting it', async () => {
    const expected =
      'Telegram refused the bot token (401 Unauthorized): copy it again from @BotFather';
    await expect(
      telegramDriver.verify!(config(), { token: wrongToken }, AbortSignal.timeout(5_000)),
    ).rejects.toThrow(expected);
    await expect(runAccount(core, { apiRoot: server.url, token: wrongToken })).rejects.toThrow(
      expected,
    );
    await expect(
      telegramDriver.verify!(config(), { token: 'not a token' }, AbortSignal.timeout(5_000)),
    ).rejects.toThrow('A bot token looks like 123456789:AAE…');
    expect(
      await telegramDriver.verify!(config(), { token: TOKEN }, AbortSignal.timeout(5_000)),
    ).toBe('@loja_bot');
  });

  it('says when the API address is wrong: nothing listening, or not a Bot API server', async () => {
    const port = await freePort();
    await expect(
      telegramDriver.verify!(
        { apiRoot: `http://127.0.0.1:${port}`, includeGroups: false },
        { token: TOKEN },
        AbortSignal.timeout(10_000),
      ),
    ).rejects.toThrow(`Cannot reach 127.0.0.1:${port} (ECONNREFUSED)`);

    const website = createServer((_request, response) => response.end('<html>Loja</html>'));
    await new Promise<void>((resolve) => website.listen(0, '127.0.0.1', resolve));
    const { port: webPort } = website.address() as AddressInfo;
    await expect(
      telegramDriver.verify!(
        { apiRoot: `http://127.0.0.1:${webPort}`, includeGroups: false },
        { token: TOKEN },
        AbortSignal.timeout(10_000),
      ),
    ).rejects.toThrow(
      `127.0.0.1:${webPort} does not answer like a Bot API server: check the API address`,
    );
    await new Promise((resolve) => website.close(resolve));
  });

  it('stops polling, with the reason, when the token is revoked while running', async () => {
    channels = await startChannels(core, server.url);
    server.revokeToken();
    const refused =
      'error: Telegram refused the bot token (401 Unauthorized): copy it again from @BotFather';
    await until(() => channels!.statuses.includes(refused));
    // The supervisor tries again now and then (getMe, refused again), but polls no more.
    const polls = callsOf('getUpdates').length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(callsOf('getUpdates')).toHaveLength(polls);
    expect(callsOf('getMe').length).toBeGreaterThan(2);
  });

  it('refuses for good to write to a person who blocked the bot, and says why', async () => {
    await start();
    server.userWrites(maria, { text: 'Oi' });
    await until(() => storedTexts().length === 1);
    server.block(maria.id);

    const sending = account!.connector.send({
      messageId: 1,
      externalUserId: String(maria.id),
      phone: null,
      text: 'Seu pedido saiu',
    });
    await expect(sending).rejects.toBeInstanceOf(PermanentSendError);
    await expect(sending).rejects.toThrow(BLOCKED);
  });

  it("marks the agent's message to that person failed, with the reason beside it", async () => {
    channels = await startChannels(core, server.url);
    server.userWrites(maria, { text: 'Oi' });
    await until(() => storedTexts().length === 1);
    server.block(maria.id);

    const [conversation] = core.conversations.list({ channel: 'telegram', limit: 1 }).items;
    const typed = core.conversations.send(conversation!.id, 'Seu pedido saiu');
    const failed = await until(() => {
      const last = core.conversations.messages({ conversationId: conversation!.id, limit: 1 })
        .items[0]!;
      return last.status === 'failed' && last;
    });
    expect(failed).toMatchObject({ id: typed.id, text: 'Seu pedido saiu', error: BLOCKED });
  });
});

describe('replies whose answer goes astray', () => {
  /** Maria writes, the channels run, and an agent answers her; resolves with the message. */
  async function answerMaria(text: string) {
    channels = await startChannels(core, server.url);
    server.userWrites(maria, { text: 'Oi' });
    await until(() => storedTexts().length === 1);
    const [conversation] = core.conversations.list({ channel: 'telegram', limit: 1 }).items;
    return core.conversations.send(conversation!.id, text);
  }
  const statusOf = (id: number) =>
    core.db
      .prepare<[number], { status: string; error: string | null }>(
        'SELECT status, error FROM messages WHERE id = ?',
      )
      .get(id)!;
  const deliveries = (text: string) => server.sent.filter((m) => m.text === text).length;

  it('never sends a reply again by itself when Telegram took it and the answer was lost', async () => {
    const held = server.hold('sendMessage', { taken: true });
    const typed = await answerMaria('Seu pedido saiu');
    await until(() => held.arrived() === 1);
    held.drop();
    await until(() => statusOf(typed.id).status !== 'pending');
    // Telegram has no idempotency key: sending again could only give Maria a second copy. The
    // agent is told it may have arrived, and decides.
    expect(deliveries('Seu pedido saiu')).toBe(1);
    expect(statusOf(typed.id)).toEqual({
      status: 'failed',
      error: telegramTexts().answerLost(new URL(server.url).host),
    });
  });

  it('waits as long as Telegram asks when it answers 429, then sends once', async () => {
    server.floodWait('sendMessage', 1);
    const typed = await answerMaria('Chega hoje');
    await until(() => statusOf(typed.id).status === 'sent', 'the reply sent', 5_000);
    expect(deliveries('Chega hoje')).toBe(1);
    expect(callsOf('sendMessage')).toHaveLength(2);
  });
});
