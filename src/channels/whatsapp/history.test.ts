/**
 * The history import: the phone's existing chats become customers with their recent messages, in
 * the background, with progress, cancellable, and adding nothing when run again.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TaskProgress } from '../connector';
import {
  storedCustomers,
  storedMessages,
  whatsappHarness,
  type Harness,
  type HarnessOptions,
} from './testing/harness';

let harness: Harness;
afterEach(() => harness?.dispose());

const PEOPLE = [
  '5511911110001@c.us',
  '5521922220002@c.us',
  '551188880003@c.us',
  '5531944440004@c.us',
];

/** A phone with four people's chats (five messages each, both ways), a group and a channel. */
function fillPhone(h: Harness) {
  const { world } = h;
  PEOPLE.forEach((id, p) => {
    world.contact(id, { pushname: `Pessoa ${p + 1}` });
    const messages = Array.from({ length: 5 }, (_, m) => {
      const t = Math.floor(Date.parse('2026-10-01T12:00:00Z') / 1000) + p * 86_400 + m * 60;
      return m % 2 === 0
        ? world.incoming(id, `pergunta ${m} de ${p + 1}`, { t, notifyName: `Pessoa ${p + 1}` })
        : world.outgoing(id, `resposta ${m} para ${p + 1}`, { t });
    });
    world.chat(id, messages);
  });
  world.chat('120363041234567890@g.us', [
    world.incoming('120363041234567890@g.us', 'oi grupo', { author: PEOPLE[0] }),
  ]);
  world.chat('120363025246125888@newsletter', [
    world.incoming('120363025246125888@newsletter', 'novidades'),
  ]);
}

const finished = (h: Harness) => h.progress.find((p) => p.state !== 'running');

async function importFinished(h: Harness): Promise<TaskProgress> {
  await vi.waitFor(() => expect(finished(h)).toBeDefined());
  return finished(h)!;
}

describe('history import', () => {
  it('makes a customer of every private chat, with its recent messages, on first connection', async () => {
    harness = await connectedWithPhone({ messagesPerChat: 3, eventsPerBatch: 4 });

    expect(await importFinished(harness)).toEqual({
      task: 'history',
      done: 4,
      total: 4,
      state: 'done',
    });
    const customers = storedCustomers(harness.core);
    expect(customers.map((c) => c.phone)).toEqual([
      '+5511911110001',
      '+5521922220002',
      '+5511988880003',
      '+5531944440004',
    ]);
    expect(customers.map((c) => c.name)).toEqual(['Pessoa 1', 'Pessoa 2', 'Pessoa 3', 'Pessoa 4']);
    const messages = storedMessages(harness.core);
    expect(messages).toHaveLength(4 * 3);
    // The three most recent of each chat, both directions.
    expect(messages.filter((m) => m.who === PEOPLE[0]).map((m) => m.text)).toEqual([
      'pergunta 2 de 1',
      'resposta 3 para 1',
      'pergunta 4 de 1',
    ]);
    const running = harness.progress.filter((p) => p.state === 'running').map((p) => p.done);
    expect(running).toEqual([0, 1, 2, 3, 4]);
    expect(existsSync(join(harness.dataDir, 'history-imported.json'))).toBe(true);
  });

  it('leaves out the “message yourself” chat of an account moved to @lid', async () => {
    harness = await connectedWithPhone({}, (world) => {
      world.ownLidContact();
      world.chat(world.meLid, [world.outgoing(world.meLid, 'lista de compras')]);
    });
    await importFinished(harness);
    expect(storedMessages(harness.core).map((m) => m.text)).not.toContain('lista de compras');
    expect(storedCustomers(harness.core)).toHaveLength(4);
  });

  it('asks WhatsApp for the pictures one at a time, spaced out', async () => {
    harness = await connectedWithPhone({ pictureGapMs: 60 });
    await importFinished(harness);
    const asked = harness.world.pictureRequests.map((r) => r.at);
    expect(asked).toHaveLength(4);
    const gaps = asked.slice(1).map((at, i) => at - asked[i]!);
    // Timers may fire a millisecond or two early against the wall clock.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(55);
  });

  it('adds nothing when run again on demand', async () => {
    harness = await connectedWithPhone();
    await importFinished(harness);
    const before = {
      customers: storedCustomers(harness.core),
      messages: storedMessages(harness.core),
    };
    harness.progress.length = 0;
    await harness.connector.actions!.importHistory!();
    expect(finished(harness)).toEqual({ task: 'history', done: 4, total: 4, state: 'done' });
    expect(storedCustomers(harness.core)).toEqual(before.customers);
    expect(storedMessages(harness.core)).toEqual(before.messages);
    expect(before.messages).toHaveLength(4 * 5);
  });

  it('keeps the messages of a chat that moved to @lid, filed under the lid', async () => {
    const lid = '180123456789012@lid';
    const number = '5541955550005@c.us';
    harness = await connectedWithPhone({}, (world) => {
      world.lids.set(lid, number);
      // Older messages still name the number as sender; WhatsApp files them under the lid.
      world.chat(lid, [
        world.incoming(number, 'pedido antigo', { t: 1790000000 }, lid),
        world.outgoing(number, 'resposta antiga', { t: 1790000060 }, lid),
        world.incoming(lid, 'pedido novo', { t: 1790000120 }),
      ]);
    });
    await importFinished(harness);
    expect(storedMessages(harness.core).filter((m) => m.who === number)).toEqual([
      expect.objectContaining({ text: 'pedido antigo', direction: 'in' }),
      expect.objectContaining({ text: 'resposta antiga', direction: 'out' }),
      expect.objectContaining({ text: 'pedido novo', direction: 'in' }),
    ]);
  });

  it('runs again once the phone has finished syncing, adding only what was missing', async () => {
    const late = '5551966660006@c.us';
    harness = await connectedWithPhone({ settleCheckMs: 40 });
    const unsubscribe = harness.core.bus.subscribe((events) => {
      // The phone goes on syncing older chats after the first import.
      if (events.some((e) => e.type === 'channel.progress' && e.state === 'done')) {
        unsubscribe();
        harness.world.chat(late, [
          harness.world.incoming(late, 'conversa de 2024', { t: 1720000000 }),
        ]);
      }
    });
    await vi.waitFor(() =>
      expect(harness.progress.filter((p) => p.state === 'done')).toHaveLength(2),
    );
    expect(harness.progress.filter((p) => p.state === 'done').map((p) => p.total)).toEqual([4, 5]);
    expect(storedCustomers(harness.core)).toHaveLength(5);
    expect(storedMessages(harness.core)).toHaveLength(4 * 5 + 1);
    // Settled: the next connection does not read everything a third time.
    harness = await harness.restart();
    await harness.start();
    harness.world.client.becomeReady();
    await harness.connector.idle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(harness.progress).toEqual([]);
  });

  it('fills in what arrived while the app was closed, reading only the chats it happened in', async () => {
    harness = await connectedWithPhone({ settleCheckMs: 20, messagesPerChat: 3 });
    await vi.waitFor(() =>
      expect(harness.progress.filter((p) => p.state === 'done')).toHaveLength(2),
    );
    harness = await harness.restart();
    // Closed: one customer writes eight times, more than one read of the chat brings.
    const now = Math.floor(Date.now() / 1000);
    for (let m = 0; m < 8; m++) {
      harness.world.add(
        PEOPLE[1]!,
        harness.world.incoming(PEOPLE[1]!, `enquanto fechado ${m}`, { t: now + m }),
      );
    }
    harness.world.fetches.length = 0;
    await harness.start();
    harness.world.client.becomeReady();
    expect(await importFinished(harness)).toEqual({
      task: 'history',
      done: 1,
      total: 1,
      state: 'done',
    });
    expect(new Set(harness.world.fetches.map((f) => f.chatId))).toEqual(new Set([PEOPLE[1]]));
    const texts = storedMessages(harness.core)
      .filter((m) => m.who === PEOPLE[1])
      .map((m) => m.text);
    expect(texts.filter((t) => t.startsWith('enquanto fechado'))).toHaveLength(8);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('can be cancelled, keeping what it had imported', async () => {
    harness = await connectedWithPhone({}, (world) => {
      world.onFetch = (chatId) => {
        if (chatId === PEOPLE[1]) void harness.connector.actions!.cancelImport!();
      };
    });
    expect(await importFinished(harness)).toEqual({
      task: 'history',
      done: 2,
      total: 4,
      state: 'cancelled',
    });
    expect(storedCustomers(harness.core)).toHaveLength(2);
    // The owner said no: it does not start again by itself.
    expect(existsSync(join(harness.dataDir, 'history-imported.json'))).toBe(true);
  });

  it('runs in the background: connected at once, live messages stored while it works', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    harness = await connectedWithPhone({}, (world) => {
      world.onFetch = () => held;
    });
    const announced: (true | undefined)[] = [];
    harness.core.bus.subscribe((events) => {
      for (const e of events) if (e.type === 'message.created') announced.push(e.backfill);
    });
    expect(harness.statuses.at(-1)).toEqual({ status: 'connected' });
    harness.world.client.deliver(harness.world.incoming('5511977776666@c.us', 'ao vivo'));
    await vi.waitFor(() =>
      expect(storedMessages(harness.core).map((m) => m.text)).toEqual(['ao vivo']),
    );
    release();
    expect((await importFinished(harness)).state).toBe('done');
    // The live message is news (a notification); the imported past is not.
    expect(announced[0]).toBeUndefined();
    expect(announced.slice(1)).toEqual(Array(20).fill(true));
  });

  it('stops when WhatsApp disconnects, and starts over on reconnection', async () => {
    let release!: () => void;
    harness = await connectedWithPhone({ settings: { language: 'en' } }, (world) => {
      world.onFetch = () => new Promise<void>((resolve) => (release = resolve));
    });
    await vi.waitFor(() => expect(release).toBeDefined());
    harness.world.client.emit('disconnected', 'NAVIGATION');
    release();
    expect(await importFinished(harness)).toMatchObject({
      state: 'failed',
      detail: 'The import stopped because WhatsApp disconnected; it starts again on reconnection',
    });
    expect(existsSync(join(harness.dataDir, 'history-imported.json'))).toBe(false);
    harness.world.onFetch = () => undefined;
    harness.progress.length = 0;
    await vi.waitFor(() => expect(harness.world.clients).toHaveLength(2));
    await vi.waitFor(() => expect(harness.world.client.initialized).toBe(true));
    harness.world.client.becomeReady();
    expect(await importFinished(harness)).toMatchObject({ state: 'done', done: 4 });
    expect(storedCustomers(harness.core)).toHaveLength(4);
  });

  it('does not bring back a customer erased under the LGPD; one who writes again is new', async () => {
    harness = await connectedWithPhone();
    await importFinished(harness);
    const erased = storedCustomers(harness.core).find((c) => c.phone === '+5511911110001')!;
    harness.core.privacy.erase(erased.id, 'desktop');

    harness.progress.length = 0;
    await harness.connector.actions!.importHistory!();
    expect(finished(harness)).toMatchObject({ state: 'done', done: 4 });
    expect(storedCustomers(harness.core).map((c) => c.phone)).not.toContain('+5511911110001');
    expect(storedMessages(harness.core).filter((m) => m.who === PEOPLE[0])).toEqual([]);

    // Writing on their own, now, they are a customer again, with that message alone.
    harness.world.client.deliver(harness.world.incoming(PEOPLE[0]!, 'voltei!'));
    await harness.connector.idle();
    expect(storedCustomers(harness.core).map((c) => c.phone)).toContain('+5511911110001');
    expect(storedMessages(harness.core).filter((m) => m.who === PEOPLE[0])).toMatchObject([
      { text: 'voltei!', direction: 'in' },
    ]);
  });

  it('cannot be started before WhatsApp is connected', async () => {
    harness = await connectedWithPhone();
    await importFinished(harness);
    harness.world.client.emit('disconnected', 'NAVIGATION');
    await expect(harness.connector.actions!.importHistory!()).rejects.toThrow(/WhatsApp/);
  });
});

/** An account whose phone is filled before it becomes ready (the import starts at `ready`). */
async function connectedWithPhone(
  options: HarnessOptions = {},
  prepare: (world: Harness['world']) => void = () => undefined,
): Promise<Harness> {
  const h = whatsappHarness(options);
  harness = h;
  fillPhone(h);
  prepare(h.world);
  await h.start();
  h.world.client.becomeReady();
  return h;
}
