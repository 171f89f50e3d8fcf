/**
 * The SMS channel end to end: a real core on a real SQLite file, the connector and its provider,
 * and a local HTTP server answering as the SMS Gateway for Android app does.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, whatsapp, type TestCore } from '../../testing/fixtures';
import { avatarDirFor } from '../avatars';
import type { Connector } from '../connector';
import { createConnectorContext } from '../context';
import { createOutbox } from '../outbox';
import { recordAccount } from '../testing/recording';
import { until } from '../../testing/waiting';
import {
  startGatewayEmulator,
  type GatewayEmulator,
  type GatewayEmulatorOptions,
} from './testing/android-gateway-emulator';
import { createAndroidGatewayProvider } from './android-gateway/provider';
import type { SmsConfig } from './config';
import { smsDriver } from './driver';
import { createSmsConnector, type SmsTiming } from './connector';

const PASSWORD = 'senha-do-celular';
const FAST: SmsTiming = {
  inboxEveryMs: 20,
  statusEveryMs: 20,
  healthEveryMs: 20,
  giveUpAfterMs: 60_000,
};
const MINUTE = 60_000;

let core: TestCore;
let phone: GatewayEmulator;
const running: Array<() => Promise<void>> = [];

beforeEach(async () => {
  core = tempCore();
  phone = await startGatewayEmulator({ password: PASSWORD });
});
afterEach(async () => {
  for (const stop of running.splice(0)) await stop();
  await phone.close();
  core.dispose();
});

/** Swaps the phone for one emulated with `options`. */
async function usePhone(options: GatewayEmulatorOptions) {
  await phone.close();
  phone = await startGatewayEmulator({ password: PASSWORD, ...options });
}

interface Account {
  connector: Connector;
  /** `status` or `status: detail`, in order. */
  statuses: string[];
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Runs the SMS account "loja" against the emulated phone, as the supervisor would: through the
 * driver (its own timing) or through the connector with a fast pace.
 */
async function connect(
  options: { password?: string; via?: 'driver' | 'fast' } = {},
): Promise<Account> {
  const controller = new AbortController();
  const { statuses, logs, log, unsubscribe } = recordAccount(core);
  const config = smsDriver.configSchema.parse({ url: phone.url, username: 'sms' });
  const secrets = { password: options.password ?? PASSWORD };
  const context = createConnectorContext<SmsConfig>(core, {
    channel: 'sms',
    account: 'loja',
    config,
    secrets,
    dataDir: join(core.dir, 'accounts', 'sms-loja'),
    avatarDir: avatarDirFor(core.file),
    log,
    signal: controller.signal,
  });
  const connector =
    options.via === 'driver'
      ? smsDriver.create(context)
      : createSmsConnector(
          context,
          createAndroidGatewayProvider({ ...config, password: secrets.password }),
          FAST,
        );
  const stop = async () => {
    controller.abort();
    await connector.stop();
    unsubscribe();
  };
  try {
    await connector.start();
  } catch (error) {
    await stop();
    throw error;
  }
  running.push(stop);
  return {
    connector,
    statuses,
    logs,
    async stop() {
      running.splice(running.indexOf(stop), 1);
      await stop();
    },
  };
}

/** Hands the agents' pending messages to the running connector, as the supervisor's outbox does. */
function outboxFor(account: Account) {
  const outbox = createOutbox(core, {
    connectorFor: () => account.connector,
    accountState: () => 'enabled',
    log: { info: () => undefined, error: () => undefined },
  });
  running.push(async () => {
    unsubscribe();
    await outbox.idle();
  });
  const unsubscribe = core.bus.subscribe((events) => outbox.onEvents(events));
  return outbox;
}

/**
 * Maria has written `text` to the phone, and the account runs with its outbox: returns the running
 * account and her conversation's id.
 */
async function maria(text: string) {
  phone.receive({ sender: '+5511988887777', text, at: Date.now() - MINUTE });
  const account = await connect();
  outboxFor(account);
  const [conversation] = core.conversations.list({ limit: 10 }).items;
  return { account, conversationId: conversation!.id };
}

const count = (table: 'customers' | 'messages' | 'identities') =>
  core.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;

const messageRow = (id: number) =>
  core.db
    .prepare<[number], { status: string; error: string | null; externalId: string }>(
      'SELECT status, error, external_id AS externalId FROM messages WHERE id = ?',
    )
    .get(id)!;

const inboxReads = () => phone.requests.filter((r) => r.path === '/inbox').length;

describe('SMS through an Android phone (SMS Gateway for Android, local server)', () => {
  it('turns the SMS waiting on the phone into customers and conversations', async () => {
    const at = Date.now() - 30 * MINUTE;
    phone.receive({ sender: '+55 11 98888-7777', text: 'Vocês abrem sábado?', at });
    phone.receive({ sender: '+55 11 98888-7777', text: 'Até que horas?', at: at + MINUTE });
    phone.receive({ sender: '(21) 97777-6666', text: 'Quero um orçamento', at: at + 2 * MINUTE });

    const account = await connect({ via: 'driver' });

    expect(account.statuses).toEqual(['connected']);
    const customers = core.customers.list.list({ sort: 'name', limit: 10 }, 'UTC').items;
    expect(customers.map((c) => c.phone).sort()).toEqual(['+5511988887777', '+5521977776666']);
    const maria = core.customers.detail.get(
      customers.find((c) => c.phone === '+5511988887777')!.id,
    );
    expect(maria.metadata).toMatchObject({
      source: 'auto_created',
      channel: 'sms',
      originalExternalId: '+5511988887777',
      firstContactAt: new Date(at).toISOString(),
      lastSeenAt: new Date(at + MINUTE).toISOString(),
    });
    const [conversation] = maria.conversations;
    const { items } = core.conversations.messages({ conversationId: conversation!.id, limit: 10 });
    expect(items.map((m) => [m.direction, m.text, m.status])).toEqual([
      ['in', 'Vocês abrem sábado?', 'received'],
      ['in', 'Até que horas?', 'received'],
    ]);
    expect(conversation!.unreadCount).toBe(2);
  });

  it('does not start on an app that drops repeated SMS, and says why', async () => {
    await usePhone({ version: '1.65.3' });
    phone.receive({ sender: '+5511988887777', text: 'ok', at: Date.now() - MINUTE });
    await expect(connect()).rejects.toThrow(
      /app at .* is version 1\.65\.3: Clientela needs 1\.66\.2 or later \(this version drops an SMS/,
    );
    expect(phone.requests.map((r) => r.path)).toEqual(['/health']);
    expect(count('messages')).toBe(0);
  });

  it('stores the same short answer twice when the person sends it twice', async () => {
    phone.receive({ sender: '+5511988887777', text: 'ok', at: Date.now() - 10 * MINUTE });
    await connect();
    phone.receive({ sender: '+5511988887777', text: 'ok', at: Date.now() - 1_000 });
    await until(() => count('messages') === 2);
    const texts = core.db.prepare<[], { text: string }>('SELECT text FROM messages').all();
    expect(texts).toEqual([{ text: 'ok' }, { text: 'ok' }]);
  });

  it('keeps a sender that is not a phone number (a short code) as it is, by its name', async () => {
    phone.receive({ sender: '29000', text: 'Seu código é 4321', at: Date.now() - MINUTE });
    await connect();
    const [customer] = core.customers.list.list({ sort: 'name', limit: 10 }, 'UTC').items;
    expect(customer).toMatchObject({ displayName: '29000', phone: null, needsDetails: true });
  });

  it('reads the inbox again and again without storing anything twice, and picks up what arrives', async () => {
    const at = Date.now() - 10 * MINUTE;
    phone.receive({ sender: '+5511988887777', text: 'Oi', at });
    phone.receive({ sender: '+5511988887777', text: 'Tem entrega?', at: at + MINUTE });
    await connect();
    const reads = inboxReads();
    await until(() => inboxReads() >= reads + 3);
    expect(count('messages')).toBe(2);

    phone.receive({ sender: '+5511988887777', text: 'Ainda está aí?', at: Date.now() - 1_000 });
    await until(() => count('messages') === 3);
    await until(() => inboxReads() >= reads + 8);
    expect(count('messages')).toBe(3);
    expect(count('customers')).toBe(1);
    const [conversation] = core.conversations.list({ limit: 10 }).items;
    expect(conversation).toMatchObject({ unreadCount: 3, lastMessageText: 'Ainda está aí?' });
  });

  it('resumes after a restart from the saved position, and still takes an SMS that arrived late', async () => {
    const at = Date.now() - 60 * MINUTE;
    phone.receive({ sender: '+5511988887777', text: 'primeira', at });
    phone.receive({ sender: '+5511988887777', text: 'segunda', at: at + 30 * MINUTE });
    const first = await connect();
    await first.stop();
    const saved = core.db
      .prepare<[], { cursor: string }>("SELECT cursor FROM connector_cursors WHERE channel = 'sms'")
      .get();
    expect(JSON.parse(saved!.cursor)).toMatchObject({ newest: at + 30 * MINUTE });

    // While the app was closed: a new SMS, and one stamped earlier that the network held back.
    phone.receive({ sender: '+5511988887777', text: 'terceira', at: at + 40 * MINUTE });
    phone.receive({ sender: '+5521977776666', text: 'atrasada', at: at + 10 * MINUTE });
    const before = phone.requests.length;
    await connect();

    const resumed = phone.requests.slice(before).find((r) => r.path === '/inbox')!;
    expect(resumed.query.get('from')).toBe(
      new Date(at + 30 * MINUTE - 24 * 60 * MINUTE).toISOString(),
    );
    expect(count('messages')).toBe(4);
    const texts = core.db
      .prepare<[], { text: string }>('SELECT text FROM messages ORDER BY timestamp')
      .all()
      .map((m) => m.text);
    expect(texts).toEqual(['primeira', 'atrasada', 'segunda', 'terceira']);
  });

  it("sends an agent's reply through the phone and follows it from sent to delivered", async () => {
    const { conversationId } = await maria('Tem o tamanho 40?');

    const reply = core.conversations.send(conversationId, 'Temos sim! Quer reservar?');
    await until(() => messageRow(reply.id).status === 'sent');

    const post = phone.requests.find((r) => r.method === 'POST')!;
    expect(post).toMatchObject({
      path: '/messages',
      authorized: true,
      body: {
        textMessage: { text: 'Temos sim! Quer reservar?' },
        phoneNumbers: ['+5511988887777'],
        withDeliveryReport: true,
      },
    });
    const [onPhone] = phone.outbox();
    expect(messageRow(reply.id).externalId).toBe(onPhone!.id);

    phone.setState(onPhone!.id, 'Processed');
    phone.setState(onPhone!.id, 'Sent');
    const asked = phone.requests.length;
    await until(() =>
      phone.requests.slice(asked).some((r) => r.path === `/messages/${onPhone!.id}`),
    );
    expect(messageRow(reply.id).status).toBe('sent');

    phone.setState(onPhone!.id, 'Delivered');
    await until(() => messageRow(reply.id).status === 'delivered');
    expect(messageRow(reply.id).error).toBeNull();
  });

  it('sends replies typed one after another in that order, however the phone was set', async () => {
    const { conversationId } = await maria('Quanto custa?');
    expect(phone.processingOrder()).toBe('FIFO');
    const replies = ['Bom dia!', 'Custa R$ 50,00.', 'Entregamos amanhã.'].map(
      (text) => core.conversations.send(conversationId, text).id,
    );
    await until(() => replies.every((id) => messageRow(id).status === 'sent'));
    // The phone's queue runs once all three are in it (a send interval, a busy radio...).
    const order = phone.sendQueued();
    expect(order.map((id) => phone.outbox().find((m) => m.id === id)!.text)).toEqual([
      'Bom dia!',
      'Custa R$ 50,00.',
      'Entregamos amanhã.',
    ]);
  });

  it('writes first to a number never seen, typed the way people type it', async () => {
    const account = await connect();
    outboxFor(account);
    const { message } = core.conversations.start({
      channel: 'sms',
      account: 'loja',
      phone: '(11) 97777-6666',
      text: 'Seu pedido chegou',
    });
    await until(() => messageRow(message.id).status === 'sent');
    expect(phone.outbox()[0]).toMatchObject({
      phoneNumbers: ['+5511977776666'],
      text: 'Seu pedido chegou',
    });
    expect(core.customers.list.list({ sort: 'name', limit: 10 }, 'UTC').items).toMatchObject([
      { phone: '+5511977776666', source: 'auto_created' },
    ]);
  });

  it('marks a message the phone could not send as failed, with the reason', async () => {
    const { conversationId } = await maria('Oi');
    const reply = core.conversations.send(conversationId, 'Olá!');
    await until(() => messageRow(reply.id).status === 'sent');

    phone.setState(
      phone.outbox()[0]!.id,
      'Failed',
      'Send result: RESULT_ERROR_NO_SERVICE (Failed because service is currently unavailable)',
    );
    await until(() => messageRow(reply.id).status === 'failed');
    expect(messageRow(reply.id).error).toBe(
      'The phone could not send the SMS: Send result: RESULT_ERROR_NO_SERVICE (Failed because service is currently unavailable)',
    );
    // The agent's text is kept, to send again.
    expect(core.conversations.retry(reply.id)).toMatchObject({ status: 'pending', text: 'Olá!' });
  });

  it('sends a reply once when its answer was lost on the way and the agent sends it again', async () => {
    const { conversationId } = await maria('Tem o tamanho 40?');

    phone.loseNextAnswer('POST /messages');
    const reply = core.conversations.send(conversationId, 'Temos sim!');
    await until(() => messageRow(reply.id).status === 'failed');
    // The phone took it; only its answer was lost.
    expect(phone.outbox()).toHaveLength(1);

    core.conversations.retry(reply.id);
    await until(() => messageRow(reply.id).status === 'sent');
    expect(phone.outbox().map((m) => m.text)).toEqual(['Temos sim!']);
    expect(messageRow(reply.id).externalId).toBe(phone.outbox()[0]!.id);
  });

  it('sends a reply once when Clientela stopped after the phone took it, before recording it', async () => {
    phone.receive({ sender: '+5511988887777', text: 'Oi', at: Date.now() - MINUTE });
    const first = await connect();
    // This run hands the reply over and dies before the phone's answer is recorded.
    const dying = createOutbox(core, {
      connectorFor: () => ({
        ...first.connector,
        send: (message) => first.connector.send(message).then(() => new Promise<never>(() => {})),
      }),
      accountState: () => 'enabled',
      log: { info: () => undefined, error: () => undefined },
    });
    const unsubscribe = core.bus.subscribe((events) => dying.onEvents(events));
    const [conversation] = core.conversations.list({ limit: 10 }).items;
    const reply = core.conversations.send(conversation!.id, 'Já volto');
    await until(() => phone.outbox().length === 1);
    unsubscribe();
    await first.stop();
    expect(messageRow(reply.id).status).toBe('pending');

    // The next run finds it pending and hands it over again.
    outboxFor(await connect()).flush('sms', 'loja');
    await until(() => messageRow(reply.id).status === 'sent');
    expect(phone.outbox()).toHaveLength(1);
    expect(messageRow(reply.id).externalId).toBe(phone.outbox()[0]!.id);
  });

  it('fails a reply the phone could not send within four hours, and sends it anew when asked', async () => {
    const { conversationId } = await maria('Oi');
    const reply = core.conversations.send(conversationId, 'Pode vir buscar');
    await until(() => messageRow(reply.id).status === 'sent');

    // No signal all afternoon: when the phone's queue runs again, the reply is too old to go.
    phone.advanceClock(5 * 60 * MINUTE);
    expect(phone.sendQueued()).toEqual([]);
    await until(() => messageRow(reply.id).status === 'failed');
    expect(messageRow(reply.id).error).toMatch(/did not send the SMS within 4 h/);

    core.conversations.retry(reply.id);
    await until(() => phone.outbox().length === 2);
    await until(() => messageRow(reply.id).status === 'sent');
    expect(phone.sendQueued()).toEqual([messageRow(reply.id).externalId]);
  });

  it('still learns the fate of a message sent just before a restart', async () => {
    const { account: first, conversationId } = await maria('Oi');
    const reply = core.conversations.send(conversationId, 'Já volto');
    await until(() => messageRow(reply.id).status === 'sent');
    await first.stop();

    phone.setState(phone.outbox()[0]!.id, 'Delivered');
    await connect();
    await until(() => messageRow(reply.id).status === 'delivered');
  });

  it('says plainly when the password is wrong, and never writes it down', async () => {
    const refused = connect({ password: 'senha-antiga' });
    await expect(refused).rejects.toThrow(
      `The phone at ${phone.url} refused the username or password: compare them with Settings → Local Server in the SMS Gateway app`,
    );

    // Running, then the owner changes the password in the app: the account shows why it stopped.
    const account = await connect();
    phone.setPassword('senha-nova');
    await until(() => account.statuses.some((s) => s.startsWith('error')));
    expect(account.statuses.at(-1)).toBe(
      `error: The phone at ${phone.url} refused the username or password: compare them with Settings → Local Server in the SMS Gateway app`,
    );
    const written = account.logs.join('\n');
    expect(written).toContain('refused the username or password');
    expect(written).not.toContain(PASSWORD);
    expect(written).not.toContain(Buffer.from(`sms:${PASSWORD}`).toString('base64'));
  });

  it("shows on the account when the phone's battery runs low off the charger, until it is plugged in", async () => {
    await usePhone({ battery: { level: 18, plugged: false } });
    const account = await connect();
    const low =
      "connected: The phone's battery is at 18% and it is not plugged in: connect the charger, or SMS stop when it switches off";
    expect(account.statuses).toEqual([low]);

    phone.setBattery({ level: 19, plugged: true });
    await until(() => account.statuses.at(-1) === 'connected');
    // Reading the inbox again and again keeps the state as it is, without repeating it.
    const reads = inboxReads();
    await until(() => inboxReads() >= reads + 3);
    expect(account.statuses).toEqual([low, 'connected']);
  });

  it('joins an SMS to the customer already known on WhatsApp by the same number', async () => {
    // WhatsApp still carries the old eight-digit form of this mobile; the SMS comes with nine.
    core.inbox.ingest(
      whatsapp('551188887777', { displayName: 'Maria Souza', text: 'Oi pelo zap' }),
    );
    phone.receive({ sender: '+5511988887777', text: 'Oi por SMS', at: Date.now() - MINUTE });
    // And the other way round: WhatsApp with nine digits, the SMS typed nationally with eight.
    core.inbox.ingest(whatsapp('5521977776666', { displayName: 'João Lima' }));
    phone.receive({ sender: '(21) 7777-6666', text: 'Sou eu, João', at: Date.now() - MINUTE });

    await connect();

    expect(count('customers')).toBe(2);
    const customers = core.customers.list.list({ sort: 'name', limit: 10 }, 'UTC').items;
    const channelsOf = (name: string) =>
      core.customers.detail
        .get(customers.find((c) => c.displayName === name)!.id)
        .identities.map((i) => `${i.channel}:${i.externalId}`);
    expect(channelsOf('Maria Souza')).toEqual(['whatsapp:551188887777@c.us', 'sms:+5511988887777']);
    expect(channelsOf('João Lima')).toEqual(['whatsapp:5521977776666@c.us', 'sms:+5521977776666']);
  });
});
