/**
 * Desktop notifications on the running app: one per new message a person sends while the window
 * is not in front, none for history being filled in, and a click opens that conversation.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectorContext } from '../src/channels/context';
import type { InboundEvent } from '../src/inbox/inbound-event';
import { EVENTS_CHANNEL } from './ipc-channels';
import { app, world } from './testing/electron';
import { startTestDesktop, type TestDesktop } from './testing/desktop';

let running: TestDesktop;
beforeEach(async () => {
  running = await startTestDesktop();
  running.desktop.workspace.core.settings.update({ language: 'pt-BR' });
});
afterEach(() => running.dispose());

let sequence = 0;
const from = (digits: string, name: string, text: string): InboundEvent => ({
  channel: 'whatsapp',
  account: 'default',
  direction: 'in',
  messageId: `n-${++sequence}`,
  externalUserId: `${digits}@c.us`,
  displayName: name,
  text,
  timestamp: new Date(Date.now() - 1000 + sequence).toISOString(),
});

/** What a WhatsApp account's connector is given to store what it receives. */
const whatsappAccount = () =>
  createConnectorContext(running.desktop.workspace.core, {
    channel: 'whatsapp',
    account: 'default',
    config: {},
    secrets: {},
    dataDir: join(running.userData, 'channels', 'whatsapp', 'default'),
    avatarDir: join(running.userData, 'avatars'),
    log: { info() {}, error() {} },
    signal: new AbortController().signal,
  });

describe('notifications', () => {
  it('one per new message from a person while the window is in the background', () => {
    running.window().hide();
    const account = whatsappAccount();
    account.deliver([
      from('5511999998888', 'Maria Souza', 'Vocês entregam hoje?'),
      from('5521988887777', 'João Lima', 'Bom dia!'),
    ]);
    // What the business sent from the phone is not news to the business.
    account.deliver([{ ...from('5511999998888', 'Maria Souza', 'Entregamos!'), direction: 'out' }]);
    expect(world.notifications.map((n) => [n.title, n.body])).toEqual([
      ['Maria Souza', 'Vocês entregam hoje?'],
      ['João Lima', 'Bom dia!'],
    ]);
    // The badge counts what is unread: Maria's chat was answered, João's not.
    expect(app.getBadgeCount()).toBe(1);
  });

  it('none while the window is in front: the message is already on screen', () => {
    const win = running.window();
    win.show();
    whatsappAccount().deliver([from('5511999998888', 'Maria Souza', 'Oi')]);
    expect(world.notifications).toEqual([]);
    win.blur();
    whatsappAccount().deliver([from('5511999998888', 'Maria Souza', 'Oi de novo')]);
    expect(world.notifications.map((n) => n.body)).toEqual(['Oi de novo']);
  });

  it('none for a history import, however many messages it brings', () => {
    running.window().hide();
    const past = Array.from({ length: 300 }, (_, n) =>
      from(`55119${String(10_000_000 + n)}`, `Pessoa ${n}`, 'mensagem antiga'),
    );
    whatsappAccount().importHistory(past);
    expect(running.desktop.workspace.core.customers.stats.stats(Date.now(), 'UTC')).toMatchObject({
      totalCustomers: 300,
    });
    expect(world.notifications).toEqual([]);
    // The badge still counts what is unread.
    expect(app.getBadgeCount()).toBe(300);
  });

  it('opens that conversation when clicked, bringing the window back', () => {
    const win = running.window();
    win.hide();
    whatsappAccount().deliver([from('5511999998888', 'Maria Souza', 'Oi')]);
    const [conversation] = running.desktop.workspace.core.conversations.list({ limit: 1 }).items;
    world.notifications[0]!.click();
    expect(win.isVisible()).toBe(true);
    expect(win.isFocused()).toBe(true);
    expect(win.webContents.sent.at(-1)).toEqual({
      channel: EVENTS_CHANNEL,
      args: [[{ type: 'navigate', page: 'conversations', id: conversation!.id }]],
    });
  });

  it('stays quiet where the system shows none', () => {
    world.notificationsSupported = false;
    running.window().hide();
    whatsappAccount().deliver([from('5511999998888', 'Maria Souza', 'Oi')]);
    expect(world.notifications).toEqual([]);
  });
});
