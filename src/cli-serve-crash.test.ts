/**
 * Crash safety of `clientela serve` with a live Telegram account: the real command, as its own
 * process, killed with SIGKILL while it polls and while it sends, then started again.
 *
 * The bot talks to the local server that answers as Telegram's Bot API documents it
 * (telegram/testing/bot-api-emulator.ts), not to telegram-test-api: the emulator forgets an update as soon as
 * it hands it out, whatever the offset says, so a kill between a poll and its commit would lose
 * updates there that Telegram itself keeps until a poll asks past them.
 */
import type { User } from 'node-telegram-bot-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { telegramDriver } from './channels/telegram/driver';
import {
  startBotApiEmulator,
  type BotApiEmulator,
} from './channels/telegram/testing/bot-api-emulator';
import { TOKEN } from './channels/telegram/testing/harness';
import { registryOf } from './channels/registry';
import { createChannelService } from './channels/service';
import { openCore } from './core';
import { texts } from './i18n/texts';
import type { Message } from './api/types';
import { builtCli, runCli, startCli, type CliProcess } from './testing/cli-process';
import { crashedDatabase, readDatabase } from './testing/database-dump';
import { seededRandom, testSeed, withSeed } from './testing/seeded-random';
import { until } from './testing/waiting';

/** Half the ingest test's kills: each costs a start of the whole host mode. */
const KILLS = Math.ceil(Number(process.env.CLIENTELA_CRASH_KILLS ?? 20) / 2);
const HOST_TOKEN = 'serve-crash-test-token-0123456789';
const seed = testSeed();

let dir: string;
let db: string;
let bot: BotApiEmulator;
let serving: CliProcess | null;

beforeAll(() => builtCli());

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clientela-serve-crash-'));
  db = join(dir, 'clientela.db');
  bot = await startBotApiEmulator(TOKEN);
  // The account as the Channels page adds it: checked with getMe, its token in the secret store.
  const core = openCore(db);
  try {
    core.settings.update({ language: 'en' });
    await createChannelService(core, { registry: registryOf([telegramDriver]) }).add({
      channel: 'telegram',
      account: 'loja',
      fields: { token: TOKEN, apiRoot: bot.url },
    });
  } finally {
    core.close();
  }
  serving = null;
});

afterEach(async () => {
  await serving?.kill();
  await bot.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `clientela serve` on the database; resolves once it serves, with its API. */
async function serve() {
  serving = await startCli(['serve', '--db', db, '--port', '0', '--token', HOST_TOKEN]);
  const [origin] = await serving.waitFor(/http:\/\/127\.0\.0\.1:\d+/);
  return {
    /** Calls host mode's API as a script would, with the token. */
    async api(path: string, body?: unknown): Promise<unknown> {
      const response = await fetch(`${origin}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${HOST_TOKEN}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer = (await response.json()) as unknown;
      if (!response.ok) throw new Error(`${path}: ${JSON.stringify(answer)}`);
      return answer;
    },
  };
}

/** Kills the running serve and checks the file it left. */
async function crash(): Promise<void> {
  expect(await serving!.kill(), serving!.output()).toBe(true);
  serving = null;
  const found = crashedDatabase(db)!;
  expect(found.integrity).toBe('ok');
  expect(found.orphans).toEqual([]);
}

/** The texts of the Telegram messages people sent, as stored. */
const inboundTexts = () =>
  readDatabase(db, (d) =>
    d
      .prepare<[], { text: string }>("SELECT text FROM messages WHERE direction = 'in'")
      .all()
      .map((m) => m.text),
  );

/** The last update id stored (the poller's offset is the next one). */
const cursor = () =>
  readDatabase(
    db,
    (d) => d.prepare<[], { cursor: string }>('SELECT cursor FROM connector_cursors').get()?.cursor,
  );

const person = (id: number, name: string): User => ({ id, is_bot: false, first_name: name });
const PEOPLE = [
  person(101, 'Maria'),
  person(102, 'João'),
  person(103, 'عمر'),
  person(104, 'Zoë 🌸'),
  person(105, 'Ana'),
  person(106, 'Pedro'),
];

describe('clientela serve killed while Telegram messages arrive', () => {
  it(
    `stores every update once however often it dies (${KILLS} kills)`,
    () =>
      withSeed(seed, async () => {
        const random = seededRandom(seed);
        const written: string[] = [];
        let writing = true;
        // People keep writing the whole time, while the bot runs and while it is dead.
        const writer = (async () => {
          while (writing) {
            const text = `mensagem ${written.length + 1}`;
            bot.userWrites(random.pick(PEOPLE), { text });
            written.push(text);
            await sleep(random.int(0, 80));
          }
        })();

        let midPoll = 0;
        for (let kill = 0; kill < KILLS; kill++) {
          const targeted = kill % 2 === 1;
          // Every other kill lands in the window that matters: a batch handed out by
          // getUpdates and not yet stored (the bot is fetching its senders' pictures).
          const hold = targeted ? bot.hold('getUserProfilePhotos', { taken: false }) : null;
          await serve();
          if (hold) {
            await until(() => hold.arrived() > 0, 'a batch handed out', 15_000);
            midPoll++;
          } else await sleep(random.int(0, 1_500));
          await crash();
          hold?.release();
          // Dead for a while: Telegram keeps what arrives meanwhile.
          await sleep(random.int(0, 400));
        }
        writing = false;
        await writer;

        await serve();
        // Whatever is missing after a while was lost: the comparison below names it.
        await until(() => inboundTexts().length >= written.length, 'updates', 10_000).catch(
          () => undefined,
        );
        serving!.child.kill('SIGTERM');
        expect(await serving!.exited, serving!.output()).toBe(0);
        serving = null;

        expect(inboundTexts().sort()).toEqual([...written].sort());
        const last = bot.calls.filter((c) => c.method === 'getUpdates').at(-1)!;
        expect(cursor()).toBe(String(Number(last.params.offset) - 1));
        console.log(
          `serve crash (seed ${seed}): ${KILLS} kills survived, ${midPoll} of them between a ` +
            `poll and its commit; ${written.length} updates, each stored once`,
        );
      }),
    KILLS * 8_000 + 30_000,
  );
});

/** A message as the API gives it. */
type Sent = Pick<Message, 'id' | 'status' | 'error' | 'text'>;

const messageOf = (id: number) =>
  readDatabase(db, (d) =>
    d.prepare<[number], Sent>('SELECT id, status, error, text FROM messages WHERE id = ?').get(id),
  );

/** Serve running, Maria has written, and an agent answers her from the app (host mode's API). */
async function answerMaria(text: string) {
  const host = await serve();
  bot.userWrites(PEOPLE[0]!, { text: 'Oi, meu pedido já saiu?' });
  await until(() => inboundTexts().length === 1, 'her message stored');
  const { items } = (await host.api('/api/conversations')) as { items: { id: number }[] };
  const message = (await host.api(`/api/conversations/${items[0]!.id}/messages`, {
    text,
  })) as Sent;
  return { host, message };
}

/**
 * Maria's answer on its way, held before or after Telegram takes it (`taken`), and serve killed
 * right there; the reply is still stored as typed, pending: nothing an agent typed is lost.
 */
async function dieWhileSending(text: string, taken: boolean): Promise<Sent> {
  const held = bot.hold('sendMessage', { taken });
  const { message } = await answerMaria(text);
  expect(message.status).toBe('pending');
  await until(() => held.arrived() === 1, 'the send on its way');
  await crash();
  expect(messageOf(message.id)).toMatchObject({ status: 'pending', text: message.text });
  held.release();
  return message;
}

/** How many times Telegram took a message with this text (each reached Maria's phone). */
const deliveries = (text: string) => bot.sent.filter((m) => m.text === text).length;

/** Serve started again; once the reply is marked sent, how many copies Maria has. */
async function copiesAfterRestart(message: Sent): Promise<number> {
  await serve();
  await until(() => messageOf(message.id)?.status === 'sent', 'the message sent');
  return deliveries(message.text);
}

describe("clientela serve killed while an agent's message goes out", () => {
  it('sends it after the restart when it died before Telegram took it', async () => {
    const message = await dieWhileSending('Saiu sim, chega hoje!', false);
    expect(deliveries(message.text)).toBe(0);
    expect(await copiesAfterRestart(message)).toBe(1);
  });

  it('sends it twice when it died after Telegram took it and before its answer was saved', async () => {
    const message = await dieWhileSending('Chega hoje à tarde.', true);
    expect(deliveries(message.text)).toBe(1);
    // The window docs/reliability.md describes: Telegram's sendMessage has no idempotency key,
    // and the app cannot tell "never sent" from "sent, answer lost", so it sends again.
    expect(await copiesAfterRestart(message)).toBe(2);
  });

  it('fails it with the reason when its account was paused meanwhile, and sends it once on retry', async () => {
    const message = await dieWhileSending('Posso ajudar em algo mais?', false);
    const paused = await runCli(['channels', 'pause', 'telegram', '--account', 'loja', '--db', db]);
    expect(paused.code, paused.output).toBe(0);

    const host = await serve();
    await until(() => messageOf(message.id)?.status === 'failed', 'the message failed');
    expect(messageOf(message.id)).toMatchObject({
      error: texts().sendPaused('telegram', 'loja'),
      text: message.text,
    });
    expect(deliveries(message.text)).toBe(0);

    await host.api('/api/rpc/channels.setEnabled', {
      channel: 'telegram',
      account: 'loja',
      enabled: true,
    });
    await host.api('/api/rpc/conversations.retry', { messageId: message.id });
    await until(() => messageOf(message.id)?.status === 'sent', 'the message sent', 10_000);
    expect(deliveries(message.text)).toBe(1);
  });
});
