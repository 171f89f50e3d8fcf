/**
 * The connector with the real node-telegram-bot-api against telegram-test-api, an emulated Bot API
 * server: people write to the bot from the emulator's client, agents answer from the core.
 *
 * The emulator has no getUserProfilePhotos or getFile, ignores getUpdates' offset (it forgets an
 * update once handed out) and accepts any token; pictures, redelivery and refused tokens are tested
 * in bot-api-server.test.ts against a server that answers those as Telegram documents them.
 */
import TelegramServer from 'telegram-test-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TestCore } from '../../testing/fixtures';
import { telegramDriver } from './driver';
import {
  runAccount,
  startChannels,
  TOKEN,
  type RunningAccount,
  type RunningChannels,
} from './testing/harness';
import { freePort, until } from '../../testing/waiting';

type Client = ReturnType<TelegramServer['getClient']>;

let server: TelegramServer;
let core: TestCore;
let account: RunningAccount | null;
let channels: RunningChannels | null;

beforeEach(async () => {
  server = new TelegramServer({ host: '127.0.0.1', port: await freePort() });
  await server.start();
  // The emulator stamps messages with the real clock; replies must sort after them.
  core = tempCore({ now: Date.now });
  // The emulator has no getUserProfilePhotos: pictures are covered by bot-api-server.test.ts.
  core.settings.update({ fetchProfilePictures: false });
  account = null;
  channels = null;
});

afterEach(async () => {
  await account?.stop();
  await channels?.stop();
  await server.stop();
  core.dispose();
});

const start = async () => (account = await runAccount(core, { apiRoot: server.config.apiURL }));

interface Person {
  client: Client;
  /** What Telegram tells the bot about the person with each message. */
  from: { last_name?: string; language_code?: string };
}

/** A person on Telegram with a private chat with the bot (a private chat's id is the user's id). */
function person(id: number, firstName: string, userName: string, from: Person['from'] = {}) {
  return { client: server.getClient(TOKEN, { userId: id, chatId: id, firstName, userName }), from };
}

/** Sends a text as the person, or into a group as its member. */
async function write({ client, from }: Person, text: string) {
  await client.sendMessage(client.makeMessage(text, { from }));
}

/** Pedro, writing in the group "Promoções" the bot is a member of. */
const inGroup = (): Person => ({
  client: server.getClient(TOKEN, {
    userId: 104,
    chatId: -500,
    type: 'group',
    chatTitle: 'Promoções',
    firstName: 'Pedro',
  }),
  from: {},
});

const storedTexts = () =>
  core.db
    .prepare<[], { text: string }>(
      "SELECT text FROM messages WHERE channel = 'telegram' AND direction = 'in' ORDER BY timestamp, id",
    )
    .all()
    .map((r) => r.text);

const customers = () =>
  core.customers.list.list({ sort: 'name', limit: 50 }, 'America/Sao_Paulo').items;

const statusOf = (messageId: number) =>
  core.db
    .prepare<[number], { status: string }>('SELECT status FROM messages WHERE id = ?')
    .get(messageId)?.status;

describe('Telegram against the emulated Bot API', () => {
  it('names the account after the bot when the token is checked', async () => {
    const config = { apiRoot: server.config.apiURL, includeGroups: false };
    const name = await telegramDriver.verify!(config, { token: TOKEN }, AbortSignal.timeout(5_000));
    expect(name).toBe('@TestNameBot');
  });

  it('turns several people writing into customers with their names and usernames', async () => {
    await start();
    const maria = person(101, 'Maria', 'mariasouza', {
      last_name: 'Souza',
      language_code: 'pt-br',
    });
    const joao = person(102, 'João', 'joaolima', { last_name: 'Lima' });
    await write(maria, 'Olá! Vocês entregam hoje?');
    await write(joao, 'Qual o horário de vocês?');
    await write(maria, 'Moro no centro');

    await until(() => storedTexts().length === 3);
    expect(customers().map((c) => [c.displayName, c.channels, c.source])).toEqual([
      ['João Lima', ['telegram'], 'auto_created'],
      ['Maria Souza', ['telegram'], 'auto_created'],
    ]);
    const mariaDetail = core.customers.detail.get(customers()[1]!.id);
    expect(mariaDetail.identities).toMatchObject([
      { channel: 'telegram', externalId: '101', username: 'mariasouza', language: 'pt-br' },
    ]);
    expect(mariaDetail.conversations[0]).toMatchObject({
      lastMessageText: 'Moro no centro',
      unreadCount: 2,
    });
    expect(account!.statuses).toEqual(['connected']);
  });

  it("delivers agents' replies and first messages to the people who wrote, via the outbox", async () => {
    channels = await startChannels(core, server.config.apiURL);
    const maria = person(101, 'Maria', 'mariasouza');
    const joao = person(102, 'João', 'joaolima');
    await write(maria, 'Tem o tênis azul 38?');
    await write(joao, 'Oi');
    await until(() => storedTexts().length === 2);

    const conversation = core.conversations
      .list({ channel: 'telegram', limit: 10 })
      .items.find((c) => c.label === 'Maria')!;
    const reply = core.conversations.send(conversation.id, 'Temos sim! Quer que separe?');
    // Started by the agent, by username, in the chat João opened earlier.
    const { message: first } = core.conversations.start({
      channel: 'telegram',
      account: 'loja',
      username: '@joaolima',
      text: 'Chegou a coleção nova!',
    });
    await until(() => [reply.id, first.id].every((id) => statusOf(id) === 'sent'));

    expect((await maria.client.getUpdates()).result.map((u) => u.message.text)).toEqual([
      'Temos sim! Quer que separe?',
    ]);
    expect((await joao.client.getUpdates()).result.map((u) => u.message.text)).toEqual([
      'Chegou a coleção nova!',
    ]);
    const stored = core.conversations.messages({ conversationId: conversation.id, limit: 10 });
    expect(stored.items.at(-1)).toMatchObject({
      direction: 'out',
      status: 'sent',
      text: 'Temos sim! Quer que separe?',
    });
  });

  it('resumes after a restart with what was written while it was stopped, once each', async () => {
    await start();
    const maria = person(101, 'Maria', 'mariasouza');
    await write(maria, 'primeira');
    await write(maria, 'segunda');
    await until(() => storedTexts().length === 2);
    await account!.stop();

    await write(maria, 'enquanto parado');
    await write(person(103, 'Ana', 'ana_b'), 'oi, sou nova');
    await start();
    await until(() => storedTexts().length === 4);
    await write(maria, 'depois de voltar');
    await until(() => storedTexts().length === 5);

    expect(storedTexts()).toEqual([
      'primeira',
      'segunda',
      'enquanto parado',
      'oi, sou nova',
      'depois de voltar',
    ]);
    expect(customers().map((c) => c.displayName)).toEqual(['Ana', 'Maria']);
    expect(account!.context.cursor()).toBe('5');
  });

  it('ignores groups by default, and still moves past them', async () => {
    await start();
    await write(inGroup(), 'mensagem no grupo');
    // A batch with nothing to keep is still stored: as a move of the cursor alone.
    await until(() => account!.context.cursor() === '1');
    expect(storedTexts()).toEqual([]);
    await write(person(101, 'Maria', 'mariasouza'), 'mensagem privada');
    await until(() => storedTexts().length === 1);

    expect(storedTexts()).toEqual(['mensagem privada']);
    expect(customers().map((c) => c.displayName)).toEqual(['Maria']);
    expect(account!.context.cursor()).toBe('2');
  });

  it('includes a group as one conversation, lines signed by who wrote, when the account says so', async () => {
    account = await runAccount(core, { apiRoot: server.config.apiURL, includeGroups: true });
    const group = inGroup();
    await write(group, 'quando começa a promoção?');
    await until(() => storedTexts().length === 1);

    expect(storedTexts()).toEqual(['Pedro: quando começa a promoção?']);
    const [conversation] = core.conversations.list({ channel: 'telegram', limit: 10 }).items;
    expect(conversation!.label).toBe('Promoções');
  });
});
