/**
 * The real whatsapp-web.js Client in the real Chromium of this machine. There is no network here
 * and no phone to pair, so the browser is told that no name resolves (nothing leaves the machine):
 * - without WhatsApp Web, a start fails plainly, with the session kept in the account's folder;
 * - with an emulated WhatsApp Web served as https://web.whatsapp.com/ on this machine, the
 *   library's real QR, ready, message and receipt events travel through the connector into the
 *   database, with the app's own client settings.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tempCore, type TestCore } from '../../testing/fixtures';
import type { TaskProgress } from '../connector';
import { createConnectorContext } from '../context';
import { findInstalledBrowser } from './chrome';
import { whatsappTexts } from './texts';
import type { Client } from 'whatsapp-web.js';
import {
  serveEmulatedWhatsAppWeb,
  type EmulatedMessage,
  type EmulatedSite,
  type EmulatedWindow,
} from './testing/web-emulator';
import { sessionDirOf, webClientFactory } from './web-client';
import { createWhatsAppConnector } from './connector';
import { until as waitUntil } from '../../testing/waiting';

let core: TestCore;
let site: EmulatedSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
  core?.dispose();
});

/** Root in a container needs no sandbox; no name resolves, so nothing leaves this machine. */
const OFFLINE = ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND'];

function installedBrowser(): string {
  const found = findInstalledBrowser(undefined, whatsappTexts.in('en'));
  if ('error' in found) throw new Error(`This test needs Chromium or Chrome: ${found.error}`);
  return found.path;
}

/** Real Chromium starts slowly on a shared machine. */
const until = (condition: () => boolean, what: string) => waitUntil(condition, what, 20_000);

/** A connector of account "loja" in `dataDir` over real clients; `real()` is the latest one. */
function realConnector(dataDir: string, browserArgs: readonly string[] = OFFLINE) {
  const factory = webClientFactory({
    account: 'loja',
    dataDir,
    browser: installedBrowser,
    browserArgs,
  });
  let latest: Client | null = null;
  const errors: string[] = [];
  const connector = createWhatsAppConnector(
    createConnectorContext(core, {
      channel: 'whatsapp',
      account: 'loja',
      config: { includeGroups: false, markChatsRead: false },
      secrets: {},
      dataDir,
      avatarDir: join(core.dir, 'avatars'),
      log: { info: () => undefined, error: (message) => void errors.push(message) },
      signal: new AbortController().signal,
    }),
    {
      createClient: async () => {
        const client = await factory();
        latest = client as Client;
        return client;
      },
      sessionDir: sessionDirOf(dataDir, 'loja'),
    },
  );
  return { connector, real: () => latest!, errors };
}

/** What the account announced: its statuses and the history import's progress. */
function announcements() {
  const statuses: { status: string; detail?: string }[] = [];
  const progress: TaskProgress[] = [];
  core.bus.subscribe((events) => {
    for (const e of events) {
      if (e.type === 'channel.status') statuses.push({ status: e.status, detail: e.detail });
      if (e.type === 'channel.progress') progress.push(e);
    }
  });
  return { statuses, progress };
}

/** The library's QR text: ref, keys in base64, secret and platform, comma-separated. */
const qr = (ref: string) =>
  `${ref},${btoa('static-key')},${btoa('identity-key')},adv-secret,Chrome`;

const SHOP = '5511900000000@c.us';
const page = (client: Client) => client.pupPage!;

/**
 * Account "loja" over the emulated WhatsApp Web, paired: the phone had `chats` before it scanned
 * the code (so they are there when the library becomes ready).
 */
async function pairedOverStandIn(
  chats: { id: string; title: string; messages: EmulatedMessage[] }[] = [],
) {
  core = tempCore();
  site = await serveEmulatedWhatsAppWeb();
  const dataDir = join(core.dir, 'whatsapp', 'loja');
  const heard = announcements();
  const account = realConnector(dataDir, ['--no-sandbox', ...site.browserArgs]);
  await account.connector.start();
  await until(() => heard.statuses.at(-1)?.detail === qr('ref-1'), 'the first QR code');
  await page(account.real()).evaluate((chats) => {
    const emulator = (globalThis as unknown as EmulatedWindow).emulator;
    for (const chat of chats) emulator.addChat(chat.id, chat.title, chat.messages);
    emulator.scan('5511900000000');
  }, chats);
  await until(() => heard.statuses.at(-1)?.status === 'connected', 'the connection');
  return { ...account, ...heard, dataDir };
}

/** A text message as the emulated page takes it. */
function text(fromMe: boolean, chat: string, id: string, body: string, t: number): EmulatedMessage {
  return {
    key: { fromMe, remote: chat, id },
    type: 'chat',
    body,
    t,
    from: fromMe ? SHOP : chat,
    to: fromMe ? chat : SHOP,
  };
}

const rows = () =>
  core.db
    .prepare('SELECT direction, text, status, external_id AS id FROM messages ORDER BY timestamp')
    .all() as { direction: string; text: string; status: string; id: string }[];

it('fails plainly without WhatsApp Web, keeping its files in the account folder', async () => {
  core = tempCore();
  const dataDir = join(core.dir, 'whatsapp', 'loja');
  const statuses: string[] = [];
  core.bus.subscribe((events) =>
    events.forEach((e) => e.type === 'channel.status' && statuses.push(e.status)),
  );
  const cwd = process.cwd();
  const { connector } = realConnector(dataDir);
  await expect(connector.start()).rejects.toThrow('net::ERR_NAME_NOT_RESOLVED');
  await connector.stop();
  expect(statuses).toEqual(['connecting']);
  expect(readdirSync(dataDir)).toContain('session-loja');
  expect(existsSync(join(cwd, '.wwebjs_auth'))).toBe(false);
  expect(existsSync(join(cwd, '.wwebjs_cache'))).toBe(false);
});

it('shows the library’s QR codes, connects, and stores what WhatsApp Web reports', async () => {
  core = tempCore();
  const dataDir = join(core.dir, 'whatsapp', 'loja');
  site = await serveEmulatedWhatsAppWeb();
  const { statuses } = announcements();
  const { connector, real } = realConnector(dataDir, ['--no-sandbox', ...site.browserArgs]);
  try {
    await connector.start();
    await until(() => statuses.at(-1)?.detail === qr('ref-1'), 'the first QR code');
    expect(statuses.at(-1)?.status).toBe('needs_qr');
    await page(real()).evaluate(() =>
      (globalThis as unknown as EmulatedWindow).emulator.rotateQr('ref-2'),
    );
    await until(() => statuses.at(-1)?.detail === qr('ref-2'), 'the refreshed QR code');

    await page(real()).evaluate(() =>
      (globalThis as unknown as EmulatedWindow).emulator.scan('5511900000000'),
    );
    await until(() => statuses.at(-1)?.status === 'connected', 'the connection');
    expect(real().info.wid._serialized).toBe(SHOP);

    const maria = '5511999998888@c.us';
    const incoming = {
      ...text(false, maria, '3EB0AA01', 'Olá! Vocês entregam hoje?', 1795000000),
      notifyName: 'Maria Souza',
    };
    const outgoing = text(true, maria, '3EB0AA02', 'Entregamos sim!', 1795000060);
    await page(real()).evaluate(
      (incoming, outgoing) => {
        const emulator = (globalThis as unknown as EmulatedWindow).emulator;
        emulator.addMessage(incoming);
        emulator.addMessage(outgoing);
        emulator.ack(`true_5511999998888@c.us_${outgoing.key.id}`, 3);
      },
      incoming,
      outgoing,
    );
    await until(() => rows().length === 2 && rows()[1]!.status === 'read', 'the messages');
    expect(rows()).toEqual([
      {
        direction: 'in',
        text: 'Olá! Vocês entregam hoje?',
        status: 'received',
        id: `false_${maria}_3EB0AA01`,
      },
      { direction: 'out', text: 'Entregamos sim!', status: 'read', id: `true_${maria}_3EB0AA02` },
    ]);
    expect(core.db.prepare('SELECT display_name, phone FROM customers').all()).toEqual([
      { display_name: 'Maria Souza', phone: '+5511999998888' },
    ]);

    // The phone unlinks this computer: the library reports it, and a fresh client (a new
    // browser) shows a new QR code.
    const unlinked = real();
    // Later, not inside this call: the library closes the browser while handling it.
    await page(real()).evaluate(() => {
      setTimeout(() => (globalThis as unknown as EmulatedWindow).emulator.setState('UNPAIRED'));
    });
    await until(() => real() !== unlinked && statuses.at(-1)?.status === 'needs_qr', 'a new QR');
    expect(statuses.at(-1)?.detail).toBe(qr('ref-1'));
    expect(unlinked.pupBrowser?.connected).toBe(false);
  } finally {
    await connector.stop();
  }
});

it('shows as Clientela on the phone, looks like a current Chrome, and keeps no copies of WhatsApp Web', async () => {
  const { connector, real, dataDir } = await pairedOverStandIn();
  try {
    // What the phone lists under Settings › Linked devices.
    const device = await page(real()).evaluate(() =>
      (globalThis as unknown as EmulatedWindow).emulator.linkedDevice(),
    );
    expect(device.os).toBe('Clientela');
    // WhatsApp Web turns old browsers away: the library's own default says Chrome 101 (2022).
    const installed = Number(/\/(\d+)\./.exec(await real().pupBrowser!.version())![1]);
    expect(site!.userAgents.length).toBeGreaterThan(0);
    for (const agent of site!.userAgents) {
      expect(agent).not.toContain('Headless');
      expect(Number(/Chrome\/(\d+)\./.exec(agent)![1])).toBeGreaterThanOrEqual(installed - 4);
    }
    // The library's local version cache only ever piles up pages it never serves again.
    expect(existsSync(join(dataDir, 'web-cache'))).toBe(false);
  } finally {
    await connector.stop();
  }
});

it('imports the phone’s chats through the library, though their message keys lack _serialized', async () => {
  const ana = '5511911110001@c.us';
  const bia = '5521922220002@c.us';
  const { connector, progress } = await pairedOverStandIn([
    {
      id: ana,
      title: 'Ana',
      messages: [
        text(false, ana, '3EB0A001', 'Tem bolo de cenoura?', 1794000000),
        text(true, ana, '3EB0A002', 'Tem sim, sai às 15h', 1794000060),
      ],
    },
    {
      id: bia,
      title: 'Bia',
      messages: [text(false, bia, '3EB0B001', 'Vocês abrem sábado?', 1794100000)],
    },
  ]);
  try {
    await until(() => progress.some((p) => p.state !== 'running'), 'the history import');
    expect(progress.at(-1)).toMatchObject({ task: 'history', state: 'done', done: 2, total: 2 });
    expect(rows().map((r) => [r.direction, r.text, r.id])).toEqual([
      ['in', 'Tem bolo de cenoura?', `false_${ana}_3EB0A001`],
      ['out', 'Tem sim, sai às 15h', `true_${ana}_3EB0A002`],
      ['in', 'Vocês abrem sábado?', `false_${bia}_3EB0B001`],
    ]);
  } finally {
    await connector.stop();
  }
});

it('sends through the library with WhatsApp’s id, also what WhatsApp files under a @lid', async () => {
  const ana = '5511911110001@c.us';
  const bia = '5521922220002@c.us';
  const lid = '180123456789012@lid';
  const { connector, real } = await pairedOverStandIn();
  try {
    const first = await connector.send({
      messageId: 1,
      externalUserId: ana,
      phone: '+5511911110001',
      text: 'Seu pedido saiu',
    });
    expect(first.externalId).toMatch(/^true_5511911110001@c\.us_3EB0\d+$/);
    await page(real()).evaluate(
      (bia, lid) => (globalThis as unknown as EmulatedWindow).emulator.fileUnderLid(bia, lid),
      bia,
      lid,
    );
    // The library finds nothing under the key it made and resolves undefined: the echo has it.
    const second = await connector.send({
      messageId: 2,
      externalUserId: bia,
      phone: '+5521922220002',
      text: 'Chega amanhã',
    });
    expect(second.externalId).toMatch(/^true_180123456789012@lid_3EB0\d+$/);
    // Both echoes were known as the app's own: neither became a message from the phone.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rows()).toEqual([]);
  } finally {
    await connector.stop();
  }
});

it('pairs again when the phone logs this computer out, with nothing left unhandled', async () => {
  const { connector, real, statuses } = await pairedOverStandIn();
  try {
    const unlinked = real();
    // WhatsApp Web reloads itself with ?post_logout=1: the library deletes the session and
    // injects itself into the new page, while the account closes that browser for a fresh one.
    await page(unlinked).evaluate(() =>
      (globalThis as unknown as EmulatedWindow).emulator.logout(),
    );
    await until(() => real() !== unlinked && statuses.at(-1)?.status === 'needs_qr', 'a new QR');
    expect(statuses.at(-1)?.detail).toBe(qr('ref-1'));
    expect(unlinked.pupBrowser?.connected).toBe(false);
    // What the library still does with the closed browser happens within this test.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
  } finally {
    await connector.stop();
  }
});

it('says in words that WhatsApp banned the number, closing the browser instead of retrying', async () => {
  const { connector, real, statuses } = await pairedOverStandIn();
  try {
    const banned = real();
    await page(banned).evaluate(() => {
      setTimeout(() => (globalThis as unknown as EmulatedWindow).emulator.setState('TOS_BLOCK'));
    });
    await until(() => statuses.at(-1)?.status === 'error', 'the error');
    expect(statuses.at(-1)?.detail).toBe(whatsappTexts().refused.TOS_BLOCK);
    await until(() => banned.pupBrowser?.connected === false, 'the browser to close');
    expect(real()).toBe(banned);
  } finally {
    await connector.stop();
  }
});

it('builds the library’s own Client, with LocalAuth under the account folder', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clientela-wa-'));
  try {
    const client = await webClientFactory({
      account: 'loja/2',
      dataDir,
      browser: () => 'chrome',
    })();
    const { Client, LocalAuth } = (await import('whatsapp-web.js')).default;
    expect(client).toBeInstanceOf(Client);
    const auth = (client as unknown as { authStrategy: InstanceType<typeof LocalAuth> })
      .authStrategy;
    expect(auth).toBeInstanceOf(LocalAuth);
    expect({ clientId: auth.clientId, dataPath: auth.dataPath }).toEqual({
      clientId: 'loja_2',
      dataPath: dataDir,
    });
    // The library's own logout leaves the folder: the account wipes it once Chrome has closed.
    mkdirSync(sessionDirOf(dataDir, 'loja/2'), { recursive: true });
    await auth.logout();
    expect(existsSync(sessionDirOf(dataDir, 'loja/2'))).toBe(true);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
