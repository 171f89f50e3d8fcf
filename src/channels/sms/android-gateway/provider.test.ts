import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SmsProviderError, type SmsProvider } from '../provider';
import {
  startGatewayEmulator,
  type GatewayEmulator,
  type GatewayEmulatorOptions,
} from '../testing/android-gateway-emulator';
import { createAndroidGatewayProvider } from './provider';

const PASSWORD = 'senha-do-celular';
const never = new AbortController().signal;
let phone: GatewayEmulator;
let provider: SmsProvider;

/** A phone (emulated with `options`) and the provider for it. */
async function startPhone(options: GatewayEmulatorOptions = {}) {
  phone = await startGatewayEmulator({ password: PASSWORD, model: 'moto g54', ...options });
  provider = createAndroidGatewayProvider({ url: phone.url, username: 'sms', password: PASSWORD });
}

/** Swaps the phone for another. */
async function usePhone(options: GatewayEmulatorOptions) {
  await phone.close();
  await startPhone(options);
}

beforeEach(() => startPhone());
afterEach(() => phone.close());

describe('SMS Gateway for Android, local server', () => {
  it('names the phone by its model and address, having checked the inbox is readable', async () => {
    expect(await provider.describe(never)).toBe(`moto g54 (${new URL(phone.url).host})`);
    expect(phone.requests.map((r) => `${r.method} ${r.path} ${[...r.query.keys()]}`)).toEqual([
      'GET /health ',
      'GET / ',
      'GET /inbox type,to,limit,offset',
    ]);
    expect(phone.requests.every((r) => r.authorized)).toBe(true);
  });

  it('refuses an app older than 1.66.2 by the version it reports, and says why', async () => {
    await usePhone({ version: '1.66.1' });
    await expect(provider.describe(never)).rejects.toThrow(
      `The SMS Gateway app at ${phone.url} is version 1.66.1: Clientela needs 1.66.2 or later (this version drops an SMS that repeats the previous one from the same sender, like a second "ok"). Update the app on the phone`,
    );
    await expect(provider.prepare(never)).rejects.toThrow(/is version 1\.66\.1/);
    // Nothing else was asked of it.
    expect(phone.requests.map((r) => r.path)).toEqual(['/health', '/health']);

    await usePhone({ version: '1.60.0' });
    await expect(provider.describe(never)).rejects.toThrow(
      `The SMS Gateway app at ${phone.url} is version 1.60.0: Clientela needs 1.66.2 or later. Update the app on the phone`,
    );
    // A version is a release number or a commit hash; a page of text is not passed on.
    await usePhone({ version: 'v'.repeat(65) });
    await expect(provider.describe(never)).rejects.toThrow(
      /answered GET \/health in an unexpected form \(version: /,
    );
    // A test build names its commit: taken at its word.
    await usePhone({ version: '0cdc5d86c6f3cc24101f27feefd926e801e8b2c7' });
    await expect(provider.describe(never)).resolves.toMatch(/^moto g54/);
    // A phone whose battery is almost flat answers /health with 500: its version still counts.
    await usePhone({ version: '1.66.2', battery: { level: 6, plugged: false } });
    await expect(provider.describe(never)).resolves.toBe(`moto g54 (${new URL(phone.url).host})`);
  });

  it('sets the phone to send its queue oldest first, as a conversation goes', async () => {
    expect(phone.processingOrder()).toBe('LIFO');
    await provider.prepare(never);
    expect(phone.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: '/settings',
      body: { messages: { processing_order: 'FIFO' } },
    });
    expect(phone.processingOrder()).toBe('FIFO');
  });

  it('takes an SMS that comes back under an id already taken, stamped at another time', async () => {
    // Apps 1.63.0 to 1.65.1 hash the id without the date and store the second "ok" over the first.
    await usePhone({ version: '1.65.0' });
    const at = Date.now() - 60_000;
    const id = phone.receive({ sender: '+5511988887777', text: 'ok', at });
    const first = await provider.inbox(null, never);
    expect(phone.receive({ sender: '+5511988887777', text: 'ok', at: at + 30_000 })).toBe(id);
    const second = await provider.inbox(first.cursor, never);
    expect(second.messages.map((m) => [m.text, Date.parse(m.sentAt)])).toEqual([
      ['ok', at + 30_000],
    ]);
    expect(second.messages[0]!.id).not.toBe(first.messages[0]!.id);
    expect((await provider.inbox(second.cursor, never)).messages).toEqual([]);
  });

  it('sends a text SMS to one number with a delivery report, and follows its state', async () => {
    const sent = await provider.send(
      { to: '+5511999998888', text: 'Seu pedido saiu para entrega', key: '42-mfx8k2a1' },
      never,
    );
    expect(phone.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/messages',
      body: {
        id: 'clientela-42-mfx8k2a1-0',
        textMessage: { text: 'Seu pedido saiu para entrega' },
        phoneNumbers: ['+5511999998888'],
        withDeliveryReport: true,
        // Four hours: a reply the phone could not send by then fails instead of arriving late.
        ttl: 14_400,
      },
    });
    expect(sent).toEqual({ id: 'clientela-42-mfx8k2a1-0', state: 'queued' });
    expect(phone.outbox().map((m) => m.id)).toEqual(['clientela-42-mfx8k2a1-0']);

    const states = [];
    for (const state of ['Processed', 'Sent', 'Delivered'] as const) {
      phone.setState(sent.id, state);
      states.push((await provider.status(sent.id, never))?.state);
    }
    expect(states).toEqual(['queued', 'sent', 'delivered']);
  });

  it('gives the reason the phone reports for a failed or cancelled SMS', async () => {
    const sent = await provider.send({ to: '+5511999998888', text: 'Olá', key: '1' }, never);
    phone.setState(
      sent.id,
      'Failed',
      'Send result: RESULT_ERROR_NO_SERVICE (Failed because service is currently unavailable)',
    );
    expect(await provider.status(sent.id, never)).toEqual({
      state: 'failed',
      error:
        'The phone could not send the SMS: Send result: RESULT_ERROR_NO_SERVICE (Failed because service is currently unavailable)',
    });
    phone.setState(sent.id, 'Cancelled');
    expect((await provider.status(sent.id, never))?.error).toMatch(/cancelled on the phone/);
  });

  it('sends through the SIM the account names, on a phone with two', async () => {
    await provider.send({ to: '+5511999998888', text: 'Oi', key: '1' }, never);
    expect(phone.requests.at(-1)!.body).not.toHaveProperty('simNumber');
    const second = createAndroidGatewayProvider(
      { url: phone.url, username: 'sms', password: PASSWORD },
      { simNumber: 2 },
    );
    await second.send({ to: '+5511999998888', text: 'Oi', key: '2' }, never);
    expect(phone.requests.at(-1)!.body).toMatchObject({ simNumber: 2 });
    expect(phone.outbox().map((m) => m.simNumber)).toEqual([null, 2]);
  });

  it('takes a reply the phone already holds as accepted, and sends anew one the phone failed', async () => {
    const sms = { to: '+5511999998888', text: 'Chega amanhã', key: '7-mfx8k2a1' };
    const first = await provider.send(sms, never);
    phone.setState(first.id, 'Sent');
    // Handed over again (its answer was lost, or Clientela stopped before it was recorded).
    expect(await provider.send(sms, never)).toEqual({ id: first.id, state: 'sent' });
    expect(phone.outbox()).toHaveLength(1);

    // The phone could not send it, and the agent sends it again: a new SMS, under the next id.
    phone.setState(first.id, 'Failed', 'Send result: RESULT_ERROR_NO_SERVICE');
    const again = await provider.send(sms, never);
    expect(again).toEqual({ id: 'clientela-7-mfx8k2a1-1', state: 'queued' });
    expect(await provider.send(sms, never)).toEqual(again);
    expect(phone.outbox().map((m) => [m.id, m.state])).toEqual([
      ['clientela-7-mfx8k2a1-0', 'Failed'],
      ['clientela-7-mfx8k2a1-1', 'Pending'],
    ]);
  });

  it('gives the phone ids it can keep: at most 36 characters, never a "|"', async () => {
    for (const key of ['1|2', '9'.repeat(40)]) {
      const { id } = await provider.send({ to: '+5511999998888', text: 'Oi', key }, never);
      expect(id).toMatch(/^clientela-[\w-]+-0$/);
      expect(id.length).toBeLessThanOrEqual(36);
    }
    expect(new Set(phone.outbox().map((m) => m.id)).size).toBe(2);
  });

  it('fails a reply the phone could not send in four hours, saying so', async () => {
    const sent = await provider.send({ to: '+5511999998888', text: 'Oi', key: '3' }, never);
    // The phone had no signal all afternoon; its queue runs again five hours later.
    phone.advanceClock(5 * 3_600_000);
    expect(phone.sendQueued()).toEqual([]);
    expect(await provider.status(sent.id, never)).toEqual({
      state: 'failed',
      error:
        'The phone did not send the SMS within 4 h (it was off, without signal or its queue stood still): send it again if it still makes sense',
    });
  });

  it('knows nothing more of a message the phone no longer keeps', async () => {
    expect(await provider.status('gone-from-the-phone', never)).toBeNull();
  });

  it('reads the whole inbox page by page on the first run, oldest first', async () => {
    const start = Date.now() - 2 * 3_600_000;
    for (let i = 0; i < 1_201; i++)
      phone.receive({ sender: '+5511988887777', text: `mensagem ${i}`, at: start + i * 1_000 });
    const batch = await provider.inbox(null, never);
    expect(batch.messages).toHaveLength(1_201);
    expect(batch.messages[0]!.text).toBe('mensagem 0');
    expect(batch.messages.at(-1)!.text).toBe('mensagem 1200');
    expect(phone.requests.map((r) => r.query.get('offset'))).toEqual(['0', '500', '1000']);
    expect(phone.requests.every((r) => r.query.get('from') === null)).toBe(true);
  });

  it('reads a little past now: an SMS stamped ahead of a phone whose clock runs late is not hidden', async () => {
    await usePhone({ clockOffsetMs: -3 * 60_000 });
    phone.receive({ sender: '+5511988887777', text: 'Oi', at: Date.now() - 1_000 });
    const before = Date.now();
    expect((await provider.inbox(null, never)).messages.map((m) => m.text)).toEqual(['Oi']);
    const to = Date.parse(phone.requests.at(-1)!.query.get('to')!);
    expect(to).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(to).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it('refuses a phone on Android 6 or older, where the app cannot look SMS up by date', async () => {
    await usePhone({ android: 6 });
    const tooOld = `The phone at ${phone.url} runs Android 6 or older, where SMS Gateway cannot look up SMS by date: Clientela needs Android 7 or later`;
    await expect(provider.describe(never)).rejects.toThrow(tooOld);
    await expect(provider.inbox(null, never)).rejects.toThrow(tooOld);
  });

  it("warns when the phone's battery runs low off the charger, by the app's own thresholds", async () => {
    expect(await provider.health(never)).toBeNull();
    phone.setBattery({ level: 18, plugged: true });
    expect(await provider.health(never)).toBeNull();
    phone.setBattery({ level: 18, plugged: false });
    expect(await provider.health(never)).toBe(
      "The phone's battery is at 18% and it is not plugged in: connect the charger, or SMS stop when it switches off",
    );
    phone.setBattery({ level: 30, plugged: false });
    expect(await provider.health(never)).toBeNull();
    // Under 10% the app answers /health with 500: still a warning, not a failure.
    phone.setBattery({ level: 6, plugged: false });
    expect(await provider.health(never)).toMatch(/battery is at 6%/);
  });

  it('asks again only from a day before the newest SMS and returns only new ones', async () => {
    const at = Date.now() - 60_000;
    phone.receive({ sender: '(11) 98888-7777', text: 'Oi', at });
    const first = await provider.inbox(null, never);
    phone.receive({ sender: '(11) 98888-7777', text: 'Tudo bem?', at: at + 30_000 });
    const second = await provider.inbox(first.cursor, never);
    expect(second.messages.map((m) => m.text)).toEqual(['Tudo bem?']);
    expect(second.messages[0]).toMatchObject({
      from: '(11) 98888-7777',
      id: expect.stringMatching(/^text:/),
    });
    expect(Date.parse(second.messages[0]!.sentAt)).toBe(at + 30_000);
    expect(phone.requests.at(-1)!.query.get('from')).toBe(
      new Date(at - 24 * 3_600_000).toISOString(),
    );
    expect((await provider.inbox(second.cursor, never)).messages).toEqual([]);
  });

  it('explains a refused password, an app too old to have an inbox, and a phone out of reach', async () => {
    const wrong = createAndroidGatewayProvider({
      url: phone.url,
      username: 'sms',
      password: 'errada',
    });
    await expect(wrong.inbox(null, never)).rejects.toThrow(
      /refused the username or password: compare them with Settings → Local Server/,
    );

    phone.withoutInbox();
    await expect(provider.describe(never)).rejects.toThrow(
      /update it to version 1\.66\.2 or later/,
    );

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const away = createAndroidGatewayProvider({
      url: `http://127.0.0.1:${port}`,
      username: 'sms',
      password: PASSWORD,
    });
    const error = await away.inbox(null, never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsProviderError);
    expect((error as Error).message).toMatch(
      /Cannot reach the phone at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\): check that SMS Gateway runs in Local Server mode/,
    );
  });

  it('reports a request the app rejects with its own words, as not worth retrying', async () => {
    const error = await provider
      .send({ to: '+5511999998888', text: '', key: '1' }, never)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      message: 'The phone rejected POST /messages: Text message is empty',
      permanent: true,
    });
  });

  it('stops waiting for the phone when the account is stopped', async () => {
    const stop = new AbortController();
    const pending = provider.inbox(null, stop.signal);
    stop.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
