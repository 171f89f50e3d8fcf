/**
 * The WhatsApp driver run by the real channel service (accounts, supervisor, outbox) over a real
 * database, with the emulated Client in place of WhatsApp Web: what an owner does on the Channels
 * page and in a conversation, end to end.
 */
import { afterEach, expect, it } from 'vitest';
import { tempCore, type TestCore } from '../../testing/fixtures';
import type { ChannelDriver } from '../connector';
import { registryOf } from '../registry';
import { createChannelService, type ChannelService } from '../service';
import { whatsappDriver } from './driver';
import { EmulatedWorld } from './testing/client-emulator';
import { sessionDirOf } from './web-client';
import type { WhatsAppConfig } from './config';
import { createWhatsAppConnector } from './connector';
import { until } from '../../testing/waiting';

const quiet = { info: () => undefined, error: () => undefined };
const QR = '2@Xk3dPq9,f1/vGcW4Z3vBa1eDNl3tOjWqLL5DpYTI84DMVkYnQE8=,ZL7YnK2qdPN8vKo2ESxhOQ==';

let core: TestCore;
let service: ChannelService;
afterEach(async () => {
  await service?.stop();
  core?.dispose();
});

/** The real driver (fields, schemas), its connector built over the emulated world. */
async function setup() {
  core = tempCore();
  const world = new EmulatedWorld();
  const driver: ChannelDriver<WhatsAppConfig> = {
    ...whatsappDriver,
    create: (ctx) =>
      createWhatsAppConnector(ctx, {
        createClient: world.factory,
        sessionDir: sessionDirOf(ctx.dataDir, ctx.account),
        reconnectDelays: [20],
      }),
  };
  service = createChannelService(core, {
    registry: registryOf([driver]),
    log: quiet,
    backoff: { firstMs: 20, maxMs: 80, stableMs: 60_000 },
  });
  await service.start();
  await service.add({ channel: 'whatsapp', account: 'loja', fields: { includeGroups: false } });
  await until(() => world.clients.length === 1 && world.client.initialized, 'the client');
  return world;
}

const account = () => service.list().find((a) => a.account === 'loja')!;
const message = (id: number) =>
  core.db
    .prepare<[number], { status: string; externalId: string }>(
      'SELECT status, external_id AS externalId FROM messages WHERE id = ?',
    )
    .get(id)!;

it('pairs by QR code on the Channels page, then sends what an agent writes, followed to delivered', async () => {
  const world = await setup();
  world.client.emit('qr', QR);
  await until(() => account().status === 'needs_qr', 'the QR code');
  expect(account().detail).toBe(QR);

  // Typed while the phone is not paired yet: it waits, pending, instead of failing.
  world.registered.set('5511999998888', '551199998888');
  const { message: typed } = core.conversations.start({
    channel: 'whatsapp',
    account: 'loja',
    phone: '(11) 99999-8888',
    text: 'Olá Maria, seu pedido chegou!',
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(message(typed.id).status).toBe('pending');

  world.client.becomeReady();
  await until(() => message(typed.id).status === 'sent', 'the message to leave');
  expect(world.sent).toEqual([
    expect.objectContaining({ chatId: '551199998888@c.us', text: 'Olá Maria, seu pedido chegou!' }),
  ]);
  expect(account().status).toBe('connected');

  const { raw: echo } = world.sent[0]!;
  expect(message(typed.id).externalId).toBe(echo.id.$1);
  world.client.ack(echo, 2);
  expect(message(typed.id).status).toBe('delivered');
  // The library's own report of the sent message did not become a second one.
  expect(core.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 1 });
});

it('fails a message to a number not on WhatsApp, saying why', async () => {
  const world = await setup();
  world.client.becomeReady();
  const { message: typed } = core.conversations.start({
    channel: 'whatsapp',
    account: 'loja',
    phone: '+55 11 3333-4444',
    text: 'oi',
  });
  await until(() => message(typed.id).status === 'failed', 'the failure');
  const row = core.db.prepare('SELECT error FROM messages WHERE id = ?').get(typed.id);
  expect(row).toEqual({ error: expect.stringMatching(/3333-4444/) });
});

it('imports the phone’s chats from the Channels page', async () => {
  const world = await setup();
  world.chat('5511911110001@c.us', [world.incoming('5511911110001@c.us', 'oi')]);
  const finished: string[] = [];
  core.bus.subscribe((events) => {
    for (const e of events)
      if (e.type === 'channel.progress' && e.state !== 'running') finished.push(e.state);
  });
  world.client.becomeReady();
  await until(() => finished.length === 1, 'the first import');
  world.chat('5521922220002@c.us', [world.incoming('5521922220002@c.us', 'olá')]);
  const result = await service.action('whatsapp', 'loja', 'importHistory');
  expect(result).toEqual({ done: true });
  expect(core.db.prepare('SELECT phone FROM customers ORDER BY phone').all()).toEqual([
    { phone: '+5511911110001' },
    { phone: '+5521922220002' },
  ]);
});

it('is restarted by the supervisor when a reconnection fails', async () => {
  const world = await setup();
  world.client.becomeReady();
  world.failInitialize = new Error('net::ERR_INTERNET_DISCONNECTED');
  world.client.emit('disconnected', 'TIMEOUT');
  await until(() => account().status === 'error', 'the error');
  expect(account().detail).toBe('net::ERR_INTERNET_DISCONNECTED');
  world.failInitialize = null;
  await until(() => world.client.initialized, 'a fresh connector');
  world.client.becomeReady();
  await until(() => account().status === 'connected', 'the connection');
  expect(world.clients.filter((c) => !c.destroyed)).toHaveLength(1);
});
