import { afterEach, describe, expect, it } from 'vitest';
import { tempCore, whatsapp, type TestCore } from './testing/fixtures';
import { ApiError } from './api/errors';
import { invoke } from './api/invoke';
import { createHandlers } from './handlers';

let core: TestCore;
afterEach(() => core?.dispose());

const setup = () => {
  core = tempCore();
  return createHandlers(core);
};
const rejection = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a rejection');
};

describe('the API handler table', () => {
  it('serves the seed endpoints: list, stats, get and update', async () => {
    const handlers = setup();
    core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria Souza' }));
    const page = (await invoke(handlers, 'customers.list', { limit: '10' })) as {
      items: { id: number }[];
    };
    expect(page.items).toHaveLength(1);
    expect(await invoke(handlers, 'customers.stats', undefined)).toEqual({
      totalCustomers: 1,
      newCustomersThisMonth: 1,
      activeCustomersThisWeek: 1,
    });
    const id = page.items[0]!.id;
    const updated = await invoke(handlers, 'customers.update', {
      id,
      tags: ['vip'],
      email: 'maria@exemplo.com',
    });
    expect(updated).toMatchObject({
      id,
      tags: ['vip'],
      email: 'maria@exemplo.com',
      displayName: 'Maria Souza',
    });
  });

  it('counts what a filter covers, for the list header and the export progress bar', async () => {
    const handlers = setup();
    core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria Souza' }));
    core.inbox.ingest(whatsapp('5521988887777', { displayName: 'João Lima' }));
    expect(await invoke(handlers, 'customers.count', {})).toEqual({ count: 2 });
    expect(await invoke(handlers, 'customers.count', { search: 'mar' })).toEqual({ count: 1 });
    expect(await invoke(handlers, 'customers.count', { channel: 'sms' })).toEqual({ count: 0 });
  });

  it('sends a failed message again, keeping its text, and refuses to resend a sent one', async () => {
    const handlers = setup();
    const { message } = (await invoke(handlers, 'conversations.start', {
      channel: 'whatsapp',
      phone: '+55 11 99999-8888',
      text: 'Olá!',
    })) as { message: { id: number } };
    core.conversations.setStatus(message.id, 'failed', { error: 'Phone offline' });
    const retried = await invoke(handlers, 'conversations.retry', { messageId: message.id });
    expect(retried).toMatchObject({ id: message.id, text: 'Olá!', status: 'pending', error: null });
    core.conversations.setStatus(message.id, 'sent');
    const refused = await rejection(
      invoke(handlers, 'conversations.retry', { messageId: message.id }),
    );
    expect(refused.code).toBe('bad_input');
  });

  it('answers bad input with a readable error naming the field, and changes nothing', async () => {
    const handlers = setup();
    core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria Souza' }));
    const [customer] = core.customers.list.list({ sort: 'name', limit: 1 }, 'UTC').items;
    const tooBig = await rejection(invoke(handlers, 'customers.list', { limit: 100000 }));
    expect(tooBig).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/^Limit: /) });
    const badChannel = await rejection(invoke(handlers, 'customers.list', { channel: 'fax' }));
    expect(badChannel.message).toMatch(/^Channel: /);
    const emptyName = await rejection(
      invoke(handlers, 'customers.update', { id: customer!.id, displayName: '  ' }),
    );
    expect(emptyName).toMatchObject({
      code: 'bad_input',
      message: 'Name: The name cannot be empty',
    });
    const badPhone = await rejection(
      invoke(handlers, 'customers.update', { id: customer!.id, phone: 'abc', tags: ['x'] }),
    );
    expect(badPhone).toMatchObject({
      code: 'bad_input',
      message: expect.stringContaining('is not a phone number'),
    });
    expect(core.customers.detail.get(customer!.id)).toMatchObject({
      displayName: 'Maria Souza',
      tags: [],
      phone: '+5511999998888',
    });
    const unknownSetting = await rejection(invoke(handlers, 'settings.update', { theme: 'pink' }));
    expect(unknownSetting.code).toBe('bad_input');
    const badZone = await rejection(
      invoke(handlers, 'settings.update', { timeZone: 'Mars/Olympus' }),
    );
    expect(badZone.message).toBe('Time zone: Unknown time zone');
    expect(core.settings.get().timeZone).toBe('America/Sao_Paulo');
  });

  it('leaves a setting sent as undefined as it was (the desktop app’s IPC carries such keys)', async () => {
    const handlers = setup();
    const updated = await invoke(handlers, 'settings.update', {
      defaultRegion: undefined,
      csvDelimiter: ';',
    });
    expect(updated).toMatchObject({ defaultRegion: 'BR', csvDelimiter: ';' });
    expect(core.settings.get()).toEqual(updated);
  });

  it('reads an id only from a number or digits, so a value of another type deletes nothing', async () => {
    const handlers = setup();
    core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria Souza' }));
    for (const id of [true, [1], '', '0x1', '1e0', null, { valueOf: 1 }]) {
      const refused = await rejection(invoke(handlers, 'customers.delete', { id }));
      expect(refused.code, JSON.stringify(id)).toBe('bad_input');
    }
    expect(core.customers.detail.get(1).displayName).toBe('Maria Souza');
    expect(await rejection(invoke(handlers, 'customers.get', {}))).toMatchObject({
      message: 'id: Required',
    });
    expect(await rejection(invoke(handlers, 'customers.get', { id: '!' }))).toMatchObject({
      message: 'id: Invalid input: expected number, received string',
    });
    // What a URL path or a query string carries still reads as the number it writes.
    expect(await invoke(handlers, 'customers.get', { id: '1' })).toMatchObject({ id: 1 });
    expect(await invoke(handlers, 'customers.list', { limit: '10' })).toMatchObject({
      nextCursor: null,
    });
  });

  it('refuses text holding half of a character, which the database could not keep, and stores whole emoji', async () => {
    const handlers = setup();
    core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria Souza' }));
    const half = '😀'.slice(0, 1);
    const refused = await rejection(
      invoke(handlers, 'customers.addNote', { customerId: 1, body: `Gosta de ${half}` }),
    );
    expect(refused).toMatchObject({
      code: 'bad_input',
      message:
        'Note: The text holds half of a character (an emoji cut in two); delete it and type it again',
    });
    expect(core.customers.detail.get(1).notes).toEqual([]);
    const note = await invoke(handlers, 'customers.addNote', {
      customerId: 1,
      body: 'Gosta de 😀',
    });
    expect(core.customers.detail.get(1).notes).toEqual([note]);
    expect(note).toMatchObject({ body: 'Gosta de 😀' });
  });

  it('reports unknown methods and missing customers as such', async () => {
    const handlers = setup();
    expect(await rejection(invoke(handlers, 'customers.hack', {}))).toMatchObject({
      code: 'unknown_method',
    });
    expect(await rejection(invoke(handlers, '__proto__', {}))).toMatchObject({
      code: 'unknown_method',
    });
    expect(await rejection(invoke(handlers, 'customers.get', { id: 999 }))).toMatchObject({
      code: 'not_found',
      message: 'Customer not found',
    });
  });

  it('starts a conversation and lists its messages', async () => {
    const handlers = setup();
    const started = (await invoke(handlers, 'conversations.start', {
      channel: 'sms',
      phone: '+55 11 98888-7777',
      text: 'Seu pedido está pronto',
    })) as { conversation: { id: number } };
    const messages = await invoke(handlers, 'conversations.messages', {
      conversationId: started.conversation.id,
    });
    expect(messages).toMatchObject({
      items: [{ text: 'Seu pedido está pronto', status: 'pending' }],
      nextCursor: null,
    });
    const noTarget = await rejection(
      invoke(handlers, 'conversations.start', { channel: 'sms', text: 'oi' }),
    );
    expect(noTarget.message).toMatch(/Give a phone number/);
  });
});
