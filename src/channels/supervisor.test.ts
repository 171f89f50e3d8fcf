import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../api/types';
import { emulatedChannel, type EmulatedNetwork } from './testing/channel-emulator';
import { openCore } from '../core';
import { event, tempCore, type TestCore } from '../testing/fixtures';
import { registryOf, type DriverRegistry } from './registry';
import { backoffDelay, DEFAULT_BACKOFF } from './runner';
import { createChannelService, type ChannelService } from './service';
import { until } from '../testing/waiting';

const TOKEN = '123456:AAH-secret-token-value';
const quiet = { info: () => undefined, error: () => undefined };

let core: TestCore;
let channels: ChannelService | undefined;
afterEach(async () => {
  await channels?.stop();
  channels = undefined;
  core?.dispose();
});

/** A core with the fake Telegram registered, its events recorded. */
function setup(): {
  network: EmulatedNetwork;
  events: DomainEvent[];
  service: ChannelService;
  registry: DriverRegistry;
} {
  core = tempCore();
  const { driver, network } = emulatedChannel('telegram');
  const registry = registryOf([driver]);
  const events: DomainEvent[] = [];
  core.bus.subscribe((batch) => events.push(...batch));
  channels = createChannelService(core, {
    registry,
    log: quiet,
    backoff: { firstMs: 20, maxMs: 80, stableMs: 60_000 },
  });
  return { network, events, service: channels, registry };
}

const statusOf = (service: ChannelService, account = 'default') =>
  service.list().find((a) => a.account === account)?.status;

/** The latest stored state of a message. */
const message = (id: number) =>
  core.db
    .prepare<[number], { status: string; error: string | null; externalId: string | null }>(
      'SELECT status, error, external_id AS externalId FROM messages WHERE id = ?',
    )
    .get(id)!;

/** An agent writes to someone who wrote on Telegram before. */
function agentWrites(text: string, account = 'default'): number {
  core.inbox.ingest(
    event({ channel: 'telegram', account, externalUserId: '4242', username: 'maria' }),
  );
  return core.conversations.start({ channel: 'telegram', account, username: 'maria', text }).message
    .id;
}

describe('the supervisor', () => {
  it('runs several accounts of one channel at once and reports each one’s status', async () => {
    const { network, events, service } = setup();
    await service.add({ channel: 'telegram', account: 'loja', fields: { token: TOKEN } });
    await service.add({
      channel: 'telegram',
      account: 'suporte',
      fields: { token: '9:BBB-second-token' },
    });
    await service.start();
    await until(() => service.list().every((a) => a.status === 'connected'), 'both connected');
    expect(network.connectors.map((c) => c.context.account).sort()).toEqual(['loja', 'suporte']);
    expect(network.connectors.map((c) => c.context.secrets)).toContainEqual({ token: TOKEN });
    const statuses = events.filter((e) => e.type === 'channel.status');
    expect(statuses).toContainEqual({
      type: 'channel.status',
      channel: 'telegram',
      account: 'loja',
      status: 'connecting',
    });
    expect(statuses).toContainEqual({
      type: 'channel.status',
      channel: 'telegram',
      account: 'suporte',
      status: 'connected',
    });
  });

  it('starts an account added while it runs, and stops and forgets one removed', async () => {
    const { network, service } = setup();
    await service.start();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    await until(() => statusOf(service) === 'connected', 'the new account connected');
    await service.remove('telegram', 'default');
    expect(network.connectors[0]!.stopped).toBe(true);
    expect(network.connectors[0]!.context.signal.aborted).toBe(true);
    expect(service.list()).toEqual([]);
  });

  it('restarts a connector whose start fails, waiting longer after each failure', async () => {
    const { network, events, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    network.failStarts = 3;
    const began = Date.now();
    await service.start();
    await until(() => statusOf(service) === 'connected', 'connected after three failures');
    // Pauses of 20, 40 and 80 ms (the ceiling) went by.
    expect(Date.now() - began).toBeGreaterThanOrEqual(20 + 40 + 80 - 5);
    expect(network.connectors).toHaveLength(4);
    expect(network.connectors.slice(0, 3).every((c) => c.stopped && c.context.signal.aborted)).toBe(
      true,
    );
    expect(events).toContainEqual({
      type: 'channel.status',
      channel: 'telegram',
      account: 'default',
      status: 'error',
      detail: 'connection refused',
    });
    // Trying again, the account still shows why the last attempt failed.
    expect(events).toContainEqual({
      type: 'channel.status',
      channel: 'telegram',
      account: 'default',
      status: 'connecting',
      detail: 'connection refused',
    });
  });

  it('restarts a connector that reports an error while running, and shows the reason meanwhile', async () => {
    const { network, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    await service.start();
    await until(() => statusOf(service) === 'connected', 'connected');
    network.failStarts = 1;
    network.connectors[0]!.context.setStatus('error', 'Conflict: another bot instance is polling');
    await until(() => network.connectors.length === 2, 'a second attempt');
    expect(service.list()[0]).toMatchObject({
      status: 'error',
      detail: 'connection refused',
    });
    await until(() => statusOf(service) === 'connected', 'connected again');
    expect(network.connectors[0]!.stopped).toBe(true);
    // The replaced connector no longer speaks for the account.
    network.connectors[0]!.context.setStatus('needs_qr', 'stale');
    expect(statusOf(service)).toBe('connected');
  });

  it('picks up an account added by another process (the command line beside host mode)', async () => {
    core = tempCore();
    const { driver, network } = emulatedChannel('telegram');
    const registry = registryOf([driver]);
    channels = createChannelService(core, { registry, log: quiet, reconcileEveryMs: 20 });
    await channels.start();
    // `clientela channels add` writes the same database through its own service, never started.
    const cli = openCore(core.file);
    try {
      await createChannelService(cli, { registry, log: quiet }).add({
        channel: 'telegram',
        fields: { token: TOKEN },
      });
    } finally {
      cli.close();
    }
    const service = channels;
    await until(() => statusOf(service) === 'connected', 'the account connected');
    expect(network.connectors[0]!.context.secrets).toEqual({ token: TOKEN });
  });

  it('waits 1 s, 2 s, 4 s ... and never more than a minute between attempts', () => {
    expect([1, 2, 3, 4, 6, 7, 20].map((n) => backoffDelay(DEFAULT_BACKOFF, n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('stops every connector on shutdown and says so', async () => {
    const { network, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    await service.add({ channel: 'telegram', fields: { token: '9:BBB-second-token' } });
    await service.start();
    await until(() => network.connectors.length === 2, 'both started');
    await service.stop();
    expect(network.connectors.every((c) => c.stopped && c.context.signal.aborted)).toBe(true);
    expect(service.list().map((a) => a.status)).toEqual(['stopped', 'stopped']);
  });
});

describe('the outbox', () => {
  it('hands what an agent types to the account’s connector and records the channel’s id', async () => {
    const { network, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    await service.start();
    await until(() => statusOf(service) === 'connected', 'connected');
    const id = agentWrites('Seu pedido saiu para entrega');
    await until(() => message(id).status === 'sent', 'sent');
    expect(network.delivered).toEqual([
      {
        account: 'default',
        message: {
          messageId: id,
          externalUserId: '4242',
          phone: null,
          text: 'Seu pedido saiu para entrega',
          // The row id with its creation time: the same across retries, never in another database.
          idempotencyKey: expect.stringMatching(new RegExp(`^${id}-[0-9a-z]+$`)),
        },
      },
    ]);
    expect(message(id).externalId).toBe('fake-1');
  });

  it('keeps what is typed while the account is down and sends it, in order, once it connects', async () => {
    const { network, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    network.failStarts = 2;
    await service.start();
    const first = agentWrites('primeira');
    const second = agentWrites('segunda');
    expect(message(first).status).toBe('pending');
    await until(() => message(second).status === 'sent', 'both sent');
    expect(network.delivered.map((d) => d.message.text)).toEqual(['primeira', 'segunda']);
  });

  it('marks a refused message failed with the reason, and sends it again on retry', async () => {
    const { network, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    await service.start();
    await until(() => statusOf(service) === 'connected', 'connected');
    network.sendFailure = 'Forbidden: bot was blocked by the user';
    const id = agentWrites('Olá!');
    await until(() => message(id).status === 'failed', 'failed');
    expect(message(id).error).toBe('Forbidden: bot was blocked by the user');
    network.sendFailure = null;
    core.conversations.retry(id);
    await until(() => message(id).status === 'sent', 'sent on retry');
    expect(message(id).error).toBeNull();
    expect(network.delivered.map((d) => d.message.text)).toEqual(['Olá!']);
  });

  it('fails a message for an account that does not exist, saying what to do; the text is kept', async () => {
    const { service } = setup();
    await service.start();
    const id = agentWrites('Tem alguém aí?', 'vendas');
    expect(message(id)).toMatchObject({
      status: 'failed',
      error:
        'No Telegram account "vendas" is connected. Add it on the Channels page, then send again.',
    });
    // Once the account exists, a retry sends it.
    await service.add({ channel: 'telegram', account: 'vendas', fields: { token: TOKEN } });
    await until(() => statusOf(service, 'vendas') === 'connected', 'connected');
    core.conversations.retry(id);
    await until(() => message(id).status === 'sent', 'sent');
    expect(core.conversations.messages({ conversationId: 1, limit: 10 }).items.at(-1)?.text).toBe(
      'Tem alguém aí?',
    );
  });

  it('on start, fails the messages left pending for an account that was removed meanwhile', async () => {
    const { service } = setup();
    const id = agentWrites('para uma conta que não existe mais', 'antiga');
    expect(message(id).status).toBe('pending');
    await service.start();
    expect(message(id)).toMatchObject({
      status: 'failed',
      error:
        'No Telegram account "antiga" is connected. Add it on the Channels page, then send again.',
    });
  });

  it('sends messages left pending by an earlier run when it starts', async () => {
    const { network, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    const id = agentWrites('escrita antes de abrir');
    expect(message(id).status).toBe('pending');
    await service.start();
    await until(() => message(id).status === 'sent', 'sent');
    expect(network.delivered).toHaveLength(1);
  });
});

describe('pausing and resuming an account', () => {
  const PAUSED =
    'The Telegram account "default" is paused. Resume it on the Channels page, then send again.';

  it('stops its connector and keeps it stopped across a restart; resuming reconnects with the same secrets and session', async () => {
    const { network, events, service, registry } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    // What a WhatsApp pairing leaves in the account's folder.
    const session = join(service.accounts.dataDir('telegram', 'default'), 'session.json');
    mkdirSync(join(session, '..'), { recursive: true });
    writeFileSync(session, '{"paired":true}');
    await service.start();
    await until(() => statusOf(service) === 'connected', 'connected');

    expect(await service.setEnabled('telegram', 'default', false)).toMatchObject({
      enabled: false,
      status: 'stopped',
    });
    // Stopped by the time the call returns, and the page was told.
    expect(network.connectors[0]).toMatchObject({ stopped: true });
    expect(network.connectors[0]!.context.signal.aborted).toBe(true);
    expect(events.at(-1)).toEqual({
      type: 'channel.status',
      channel: 'telegram',
      account: 'default',
      status: 'stopped',
    });
    expect(service.list()).toMatchObject([{ account: 'default', enabled: false }]);

    // The app closed and opened again: a paused account stays paused.
    await service.stop();
    channels = createChannelService(core, { registry, log: quiet });
    const reopened = channels;
    await reopened.start();
    expect(reopened.list()).toMatchObject([{ enabled: false, status: 'stopped' }]);
    expect(network.connectors).toHaveLength(1);

    // Resumed: the same token and the same session folder, no new pairing.
    expect(await reopened.setEnabled('telegram', 'default', true)).toMatchObject({
      enabled: true,
    });
    await until(() => statusOf(reopened) === 'connected', 'connected again');
    expect(network.connectors).toHaveLength(2);
    expect(network.connectors[1]!.context.secrets).toEqual({ token: TOKEN });
    expect(network.connectors[1]!.context.dataDir).toBe(join(session, '..'));
    expect(readFileSync(session, 'utf8')).toBe('{"paired":true}');
  });

  it('fails what is typed to a paused account at once, saying it is paused; after resuming it sends', async () => {
    const { network, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    await service.start();
    await until(() => statusOf(service) === 'connected', 'connected');
    await service.setEnabled('telegram', 'default', false);

    const id = agentWrites('Seu pedido chegou?');
    expect(message(id)).toMatchObject({ status: 'failed', error: PAUSED });
    expect(network.delivered).toEqual([]);

    await service.setEnabled('telegram', 'default', true);
    await until(() => statusOf(service) === 'connected', 'connected');
    const next = agentWrites('Já saiu para entrega');
    await until(() => message(next).status === 'sent', 'the new message sent');
    core.conversations.retry(id);
    await until(() => message(id).status === 'sent', 'the failed one sent on retry');
    expect(network.delivered.map((d) => d.message.text)).toEqual([
      'Já saiu para entrega',
      'Seu pedido chegou?',
    ]);
  });

  it('fails the messages still waiting for the account when it is paused, instead of leaving them "sending"', async () => {
    const { network, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    network.failStarts = 1_000;
    await service.start();
    const id = agentWrites('escrita enquanto conectava');
    expect(message(id).status).toBe('pending');
    await service.setEnabled('telegram', 'default', false);
    expect(message(id)).toMatchObject({ status: 'failed', error: PAUSED });
  });

  it('picks up a pause and a resume made by another process (the command line beside host mode)', async () => {
    core = tempCore();
    const { driver, network } = emulatedChannel('telegram');
    const registry = registryOf([driver]);
    channels = createChannelService(core, { registry, log: quiet, reconcileEveryMs: 20 });
    const service = channels;
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    await service.start();
    await until(() => statusOf(service) === 'connected', 'connected');
    const cli = openCore(core.file);
    try {
      const other = createChannelService(cli, { registry, log: quiet });
      await other.setEnabled('telegram', 'default', false);
      await until(() => network.connectors[0]!.stopped, 'the connector stopped');
      expect(statusOf(service)).toBe('stopped');
      await other.setEnabled('telegram', 'default', true);
      await until(() => statusOf(service) === 'connected', 'connected again');
      expect(network.connectors).toHaveLength(2);
    } finally {
      cli.close();
    }
  });

  it('paused and resumed at once (two people at the switch), it ends connected and says so', async () => {
    const { network, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    await service.start();
    await until(() => statusOf(service) === 'connected', 'connected');
    await Promise.all([
      service.setEnabled('telegram', 'default', false),
      service.setEnabled('telegram', 'default', true),
    ]);
    await until(
      () => network.connectors.length === 2 && network.connectors[0]!.stopped,
      'replaced',
    );
    await until(() => statusOf(service) === 'connected', 'connected again');
    // The old connector's last word ("stopped") came after the new one's; it must not stick.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(service.list()).toMatchObject([{ enabled: true, status: 'connected' }]);
  });

  it('refuses to pause an account that does not exist', async () => {
    const { service } = setup();
    await expect(service.setEnabled('telegram', 'nada', false)).rejects.toThrow(
      'There is no Telegram account named "nada"',
    );
  });
});

describe('actions and secrets', () => {
  it('runs a connector’s action; a long one goes on in the background with progress events', async () => {
    const { network, events, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    await service.start();
    await until(() => statusOf(service) === 'connected', 'connected');
    expect(await service.action('telegram', 'default', 'ping')).toEqual({ done: true });
    const started = Date.now();
    expect(await service.action('telegram', 'default', 'importHistory')).toEqual({ done: false });
    expect(Date.now() - started).toBeLessThan(5_000);
    network.finishImport!();
    await until(
      () => events.some((e) => e.type === 'channel.progress' && e.state === 'done'),
      'done',
    );
    await expect(service.action('telegram', 'default', 'constructor')).rejects.toThrow(
      'Telegram accounts have no action "constructor"',
    );
    await expect(service.action('telegram', 'nope', 'ping')).rejects.toThrow(/no Telegram account/);
  });

  it('the token never reaches the database, the events or what the API shows', async () => {
    const { events, service } = setup();
    await service.add({ channel: 'telegram', fields: { token: TOKEN } });
    await service.start();
    const id = agentWrites('Olá');
    await until(() => message(id).status === 'sent', 'sent');
    core.db.pragma('wal_checkpoint(PASSIVE)');
    for (const file of [core.file, `${core.file}-wal`])
      if (existsSync(file)) expect(readFileSync(file).includes(TOKEN)).toBe(false);
    const shown = JSON.stringify([service.list(), service.drivers(), events]);
    expect(shown).not.toContain(TOKEN);
    expect(shown).not.toContain('AAH-secret');
  });
});
