/**
 * Pairing and staying connected, through the emulated Client emitting the library's events with
 * the library's payloads: qr (a string), authenticated, ready, auth_failure (a message) and
 * disconnected (a reason).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempCore } from '../../testing/fixtures';
import { createConnectorContext } from '../context';
import { whatsappDriver } from './driver';
import {
  ACCOUNT,
  connected,
  storedMessages,
  whatsappHarness,
  type Harness,
} from './testing/harness';

let harness: Harness;
afterEach(() => harness?.dispose());

const QR_1 =
  '2@9Q8tWf6bnezr8uVGwVCluyRuBOJ3tIglimzI5dHB0vQW2m4DQ0GMlCGf,f1/vGcW4Z3vBa1eDNl3tOjWqLL5DpYTI84DMVkYnQE8=,ZL7YnK2qdPN8vKo2ESxhOQ==';
const QR_2 =
  '2@Kd83hfPqa0f9WmzLx1n2B3v4C5x6Z7a8S9d0F1g2H3j4K5l6,f1/vGcW4Z3vBa1eDNl3tOjWqLL5DpYTI84DMVkYnQE8=,ZL7YnK2qdPN8vKo2ESxhOQ==';

const last = (h: Harness) => h.statuses.at(-1);

describe('pairing', () => {
  it('shows the QR code, and each refreshed one in its place', async () => {
    harness = whatsappHarness();
    await harness.start();
    expect(harness.world.client.initialized).toBe(true);
    expect(last(harness)).toEqual({ status: 'connecting' });
    harness.world.client.emit('qr', QR_1);
    expect(last(harness)).toEqual({ status: 'needs_qr', detail: QR_1 });
    harness.world.client.emit('qr', QR_2);
    expect(last(harness)).toEqual({ status: 'needs_qr', detail: QR_2 });
  });

  it('is connecting once the code is scanned, and connected when WhatsApp is ready', async () => {
    harness = whatsappHarness();
    await harness.start();
    harness.world.client.emit('qr', QR_1);
    harness.world.client.emit('authenticated');
    expect(last(harness)).toEqual({ status: 'connecting' });
    harness.world.client.becomeReady();
    expect(last(harness)).toEqual({ status: 'connected' });
  });

  it('wipes a refused session and pairs again with a fresh client', async () => {
    harness = whatsappHarness();
    mkdirSync(join(harness.sessionDir, 'Default'), { recursive: true });
    writeFileSync(join(harness.sessionDir, 'Default', 'Cookies'), 'old session');
    await harness.start();
    const first = harness.world.client;
    first.emit('auth_failure', 'Unable to restore the session');
    await vi.waitFor(() => expect(harness.world.clients).toHaveLength(2));
    expect(first.destroyed).toBe(true);
    expect(existsSync(join(harness.sessionDir, 'Default', 'Cookies'))).toBe(false);
    await vi.waitFor(() => expect(harness.world.client.initialized).toBe(true));
    harness.world.client.emit('qr', QR_2);
    expect(last(harness)).toEqual({ status: 'needs_qr', detail: QR_2 });
  });

  it('says plainly why it cannot start, instead of crashing', async () => {
    harness = whatsappHarness();
    harness.world.failInitialize = new Error('Failed to launch the browser process!');
    await expect(harness.start()).rejects.toThrow('Failed to launch the browser process!');
    expect(harness.world.client.destroyed).toBe(true);
  });

  it('explains a missing browser on the Channels page (the real driver, no browser there)', async () => {
    const core = tempCore();
    try {
      core.settings.update({ language: 'en' });
      const connector = whatsappDriver.create(
        createConnectorContext(core, {
          channel: 'whatsapp',
          account: ACCOUNT,
          config: {
            includeGroups: false,
            markChatsRead: false,
            chromePath: join(core.dir, 'no-such-chrome'),
          },
          secrets: {},
          dataDir: join(core.dir, 'whatsapp'),
          avatarDir: join(core.dir, 'avatars'),
          log: { info: () => undefined, error: () => undefined },
          signal: new AbortController().signal,
        }),
      );
      await expect(connector.start()).rejects.toThrow(
        `The browser named in the settings does not exist: ${join(core.dir, 'no-such-chrome')}`,
      );
      await connector.stop();
    } finally {
      core.dispose();
    }
  });
});

describe('staying connected', () => {
  it('replaces a disconnected client by a fresh one, listening to it once', async () => {
    harness = await connected();
    const old = harness.world.client;
    old.emit('disconnected', 'NAVIGATION');
    expect(last(harness)).toEqual({ status: 'connecting' });
    await vi.waitFor(() => expect(harness.world.clients).toHaveLength(2));
    const fresh = harness.world.client;
    await vi.waitFor(() => expect(fresh.initialized).toBe(true));
    expect(old.destroyed).toBe(true);
    expect(old.listenerCount('message_create')).toBe(0);
    for (const event of ['message_create', 'message_ack', 'qr', 'ready', 'disconnected']) {
      expect(fresh.listenerCount(event)).toBe(1);
    }
    fresh.becomeReady();
    expect(last(harness)).toEqual({ status: 'connected' });

    const raw = harness.world.incoming('5511999998888@c.us', 'depois de reconectar');
    fresh.deliver(raw);
    // The old client is gone: what it might still say is not heard.
    old.deliver(harness.world.incoming('5511999998888@c.us', 'do cliente antigo'));
    await vi.waitFor(() => expect(storedMessages(harness.core)).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(storedMessages(harness.core).map((m) => m.text)).toEqual(['depois de reconectar']);
  });

  it('pairs again at once, with the old session wiped, when the phone unlinks this computer', async () => {
    harness = await connected();
    mkdirSync(harness.sessionDir, { recursive: true });
    writeFileSync(join(harness.sessionDir, 'Local State'), '{}');
    harness.world.client.emit('disconnected', 'LOGOUT');
    await vi.waitFor(() => expect(harness.world.clients).toHaveLength(2));
    await vi.waitFor(() => expect(harness.world.client.initialized).toBe(true));
    expect(existsSync(join(harness.sessionDir, 'Local State'))).toBe(false);
  });

  it('reports a reconnection that fails, for the supervisor to restart the account', async () => {
    harness = await connected();
    harness.world.failInitialize = new Error('net::ERR_INTERNET_DISCONNECTED');
    harness.world.client.emit('disconnected', 'TIMEOUT');
    await vi.waitFor(() =>
      expect(last(harness)).toEqual({ status: 'error', detail: 'net::ERR_INTERNET_DISCONNECTED' }),
    );
    expect(harness.world.clients).toHaveLength(2);
  });

  it('builds one fresh client when several disconnections arrive together', async () => {
    harness = await connected();
    const old = harness.world.client;
    old.emit('disconnected', 'CONFLICT');
    old.emit('disconnected', 'LOGOUT');
    await vi.waitFor(() => expect(harness.world.client.initialized).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.world.clients).toHaveLength(2);
  });

  it('says why WhatsApp refused the number, and does not knock again every minute', async () => {
    harness = await connected({ settings: { language: 'pt-BR' } });
    harness.world.client.emit('disconnected', 'TOS_BLOCK');
    const banned =
      'O WhatsApp bloqueou este número por violar os termos de uso. Peça a revisão pelo app do ' +
      'WhatsApp no celular; o Clientela tenta conectar de novo a cada hora.';
    await vi.waitFor(() => expect(last(harness)).toEqual({ status: 'error', detail: banned }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(harness.world.clients).toHaveLength(1);
    expect(harness.world.client.destroyed).toBe(true);

    // The supervisor starts the account again after a pause: it answers at once, with no browser.
    harness = await harness.restart();
    await expect(harness.start()).rejects.toThrow(banned);
    expect(harness.world.clients).toHaveLength(1);

    // An hour later it tries WhatsApp again.
    const marker = join(harness.dataDir, 'refused.json');
    const refusal = JSON.parse(readFileSync(marker, 'utf8')) as { at: string };
    refusal.at = new Date(Date.now() - 61 * 60_000).toISOString();
    writeFileSync(marker, JSON.stringify(refusal));
    await harness.start();
    expect(harness.world.clients).toHaveLength(2);
    expect(harness.world.client.initialized).toBe(true);
  });

  it('names each refusal WhatsApp gives in words an owner understands', async () => {
    const said: Record<string, string> = {};
    for (const reason of ['SMB_TOS_BLOCK', 'PROXYBLOCK', 'DEPRECATED_VERSION']) {
      harness = await connected({ settings: { language: 'en' } });
      harness.world.client.emit('disconnected', reason);
      await vi.waitFor(() => expect(last(harness)?.status).toBe('error'));
      said[reason] = last(harness)!.detail!;
      await harness.dispose();
    }
    expect(said).toEqual({
      SMB_TOS_BLOCK:
        'WhatsApp Business blocked this number for breaking its terms of service. Ask for a ' +
        'review in the WhatsApp Business app on the phone; Clientela tries to connect again every hour.',
      PROXYBLOCK:
        'WhatsApp refused connections from this network (a proxy or VPN). Connect this computer ' +
        'without it; Clientela tries to connect again every hour.',
      DEPRECATED_VERSION:
        'WhatsApp no longer accepts this version of Clientela. Update Clientela; it tries to ' +
        'connect again every hour.',
    });
  });

  it('closes the client when the account stops, and reconnects no more', async () => {
    harness = await connected();
    const client = harness.world.client;
    client.emit('disconnected', 'NAVIGATION');
    await harness.connector.stop();
    expect(client.destroyed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.world.clients.every((c) => c.destroyed || !c.initialized)).toBe(true);
  });
});
