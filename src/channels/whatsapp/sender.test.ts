/**
 * What an agent sends: the number's registered id looked up first (the Brazilian ninth digit), a
 * clear failure for a number not on WhatsApp, the sent message stored once although the library
 * echoes it, and receipts moving its status forward only.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PermanentSendError } from '../connector';
import { numberForms } from './sender';
import { connected, storedMessages, whatsappHarness, type Harness } from './testing/harness';

let harness: Harness;
afterEach(() => harness?.dispose());

const LID = '180123456789012@lid';

/** An agent writes to a number from the app; the outbox hands it over and records the result. */
async function agentWrites(phone: string, text: string) {
  const { message, conversation } = harness.core.conversations.start({
    channel: 'whatsapp',
    account: 'loja',
    phone,
    text,
  });
  const identity = harness.core.db
    .prepare('SELECT external_id AS externalUserId, phone FROM identities WHERE id = ?')
    .get(conversation.identityId) as { externalUserId: string; phone: string };
  const result = await harness.connector.send({ messageId: message.id, ...identity, text });
  // As the outbox does with the answer.
  harness.core.conversations.setStatus(message.id, result.status ?? 'sent', {
    externalId: result.externalId,
  });
  return { id: message.id, ...result };
}

describe('sending', () => {
  it('writes to the id WhatsApp registered an old number under, without its ninth digit', async () => {
    harness = await connected();
    harness.world.registered.set('5511999998888', '551199998888');
    const sent = await agentWrites('+55 11 99999-8888', 'Seu pedido está pronto');
    expect(harness.world.sent).toEqual([
      expect.objectContaining({ chatId: '551199998888@c.us', text: 'Seu pedido está pronto' }),
    ]);
    expect(sent.externalId).toBe(harness.world.sent[0]!.raw.id.$1);
    expect(sent.externalId).toMatch(/^true_551199998888@c\.us_3EB0/);
  });

  it('asks WhatsApp about a number once', async () => {
    harness = await connected();
    harness.world.registered.set('5511999998888', '5511999998888');
    await agentWrites('+5511999998888', 'um');
    await agentWrites('+5511999998888', 'dois');
    expect(harness.world.numberLookups).toEqual(['5511999998888']);
  });

  it('tries the old eight-digit form when WhatsApp does not know the nine-digit one', async () => {
    harness = await connected();
    harness.world.registered.set('551199998888', '551199998888');
    await agentWrites('+5511999998888', 'oi');
    expect(harness.world.numberLookups).toEqual(['5511999998888', '551199998888']);
    expect(harness.world.sent[0]!.chatId).toBe('551199998888@c.us');
  });

  it('fails for good, saying so, for a number not on WhatsApp', async () => {
    harness = await connected({ settings: { language: 'pt-BR' } });
    const attempt = agentWrites('+55 11 3333-4444', 'oi');
    await expect(attempt).rejects.toBeInstanceOf(PermanentSendError);
    await expect(attempt).rejects.toThrow('O número +55 11 3333-4444 não está no WhatsApp');
    expect(harness.world.sent).toEqual([]);
  });

  it('stores a sent message once, whether its echo comes before or after the answer', async () => {
    for (const echo of ['before', 'after'] as const) {
      harness = await connected();
      harness.world.echo = echo;
      harness.world.registered.set('5511999998888', '5511999998888');
      const sent = await agentWrites('+5511999998888', `eco ${echo}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(storedMessages(harness.core)).toEqual([
        expect.objectContaining({
          externalId: sent.externalId,
          text: `eco ${echo}`,
          status: 'sent',
        }),
      ]);
      await harness.dispose();
    }
  });

  it('waits for the connection instead of failing a message typed while reconnecting', async () => {
    harness = whatsappHarness();
    await harness.start();
    harness.world.registered.set('5511999998888', '5511999998888');
    const sending = agentWrites('+5511999998888', 'escrito durante o pareamento');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(harness.world.sent).toEqual([]);
    harness.world.client.becomeReady();
    await expect(sending).resolves.toMatchObject({ externalId: expect.stringMatching(/^true_/) });
  });

  it('keeps a message WhatsApp filed under the person’s @lid as sent, with its id, once', async () => {
    for (const echo of ['before', 'after'] as const) {
      harness = await connected();
      harness.world.echo = echo;
      harness.world.registered.set('5511999998888', '5511999998888');
      // sendMessage then resolves undefined: the library looks for the key it made.
      harness.world.filedUnderLid.set('5511999998888@c.us', LID);
      harness.world.lids.set(LID, '5511999998888@c.us');
      const sent = await agentWrites('+5511999998888', `pelo lid ${echo}`);
      const { raw } = harness.world.sent[0]!;
      expect(raw.id.remote).toBe(LID);
      expect(sent.externalId).toBe(raw.id.$1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(storedMessages(harness.core)).toEqual([
        expect.objectContaining({
          externalId: raw.id.$1,
          text: `pelo lid ${echo}`,
          status: 'sent',
        }),
      ]);
      await harness.dispose();
    }
  });

  it('takes each message’s id from its echo when the library never returns the message', async () => {
    harness = await connected();
    // whatsapp-web.js 1.34.7 as published, on WhatsApp Web 2.3000.1042401057+ (issue #201857).
    harness.world.sendAnswer = 'nothing';
    harness.world.registered.set('5511999998888', '5511999998888');
    harness.world.registered.set('5521988887777', '5521988887777');
    const first = await agentWrites('+5511999998888', 'ok');
    const second = await agentWrites('+5521988887777', 'ok');
    expect([first.externalId, second.externalId]).toEqual(
      harness.world.sent.map((s) => s.raw.id.$1),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(storedMessages(harness.core).map((m) => [m.who, m.status])).toEqual([
      ['5511999998888@c.us', 'sent'],
      ['5521988887777@c.us', 'sent'],
    ]);
  });

  it('never marks failed a message that left although the library then failed', async () => {
    harness = await connected();
    harness.world.registered.set('5511999998888', '5511999998888');
    harness.world.failAfterSend = new Error('Evaluation failed: TypeError: reading serialize');
    const sent = await agentWrites('+5511999998888', 'saiu mesmo assim');
    expect(sent.externalId).toBe(harness.world.sent[0]!.raw.id.$1);
    expect(storedMessages(harness.core)).toEqual([
      expect.objectContaining({ text: 'saiu mesmo assim', status: 'sent' }),
    ]);
  });

  it('does not take the owner’s same words to someone else as the echo of a send', async () => {
    harness = await connected({ echoWaitMs: 300 });
    harness.world.registered.set('5511999998888', '5511999998888');
    harness.world.sendAnswer = 'nothing';
    harness.world.echo = 'never';
    // Another customer, whose number this account knows behind their lid.
    harness.world.lids.set(LID, '5521988887777@c.us');
    const sending = agentWrites('+5511999998888', 'ok');
    await vi.waitFor(() => expect(harness.world.sent).toHaveLength(1));
    harness.world.client.deliver(harness.world.outgoing(LID, 'ok'));
    await expect(sending).rejects.toThrow(/não confirmou|did not confirm/);
    await harness.connector.idle();
    // Stored as what it is: the owner's message to that other customer.
    expect(storedMessages(harness.core).filter((m) => m.who === '5521988887777@c.us')).toEqual([
      expect.objectContaining({ text: 'ok', direction: 'out', status: 'sent' }),
    ]);
  });

  it('fails a message WhatsApp never showed as sent, saying to look at the phone first', async () => {
    harness = await connected({ settings: { language: 'pt-BR' }, echoWaitMs: 100 });
    harness.world.registered.set('5511999998888', '5511999998888');
    harness.world.sendAnswer = 'nothing';
    harness.world.echo = 'never';
    await expect(agentWrites('+5511999998888', 'sumiu')).rejects.toThrow(
      'O WhatsApp não confirmou o envio: confira no celular se a mensagem saiu antes de enviar de novo',
    );
  });

  it('leaves the chat unread on the phone when an agent replies, unless the shop asks', async () => {
    harness = await connected();
    harness.world.registered.set('5511999998888', '5511999998888');
    await agentWrites('+5511999998888', 'Já respondo pelo app');
    expect(harness.world.readOnPhone).toEqual(new Set());
    await harness.dispose();

    harness = await connected({ config: { markChatsRead: true } });
    harness.world.registered.set('5511999998888', '5511999998888');
    await agentWrites('+5511999998888', 'Já respondo pelo app');
    expect(harness.world.readOnPhone).toEqual(new Set(['5511999998888@c.us']));
  });

  it('sends what an agent typed as text, even when it starts like a contact card', async () => {
    harness = await connected();
    harness.world.registered.set('5511999998888', '5511999998888');
    const card = 'BEGIN:VCARD\nVERSION:3.0\nFN:Loja do Zé\nEND:VCARD';
    await agentWrites('+5511999998888', card);
    expect(harness.world.sent).toEqual([expect.objectContaining({ text: card, type: 'chat' })]);
  });

  it('knows the forms of a Brazilian mobile number', () => {
    expect(numberForms('+5511999998888')).toEqual(['5511999998888', '551199998888']);
    expect(numberForms('+551133334444')).toEqual(['551133334444']);
    expect(numberForms('+14155550100')).toEqual(['14155550100']);
  });
});

describe('receipts', () => {
  const status = () => storedMessages(harness.core).map((m) => m.status);

  it('moves a sent message to delivered and read, never back', async () => {
    harness = await connected();
    harness.world.registered.set('5511999998888', '5511999998888');
    await agentWrites('+5511999998888', 'chegou?');
    const { raw } = harness.world.sent[0]!;
    const client = harness.world.client;
    client.ack(raw, 2);
    expect(status()).toEqual(['delivered']);
    client.ack(raw, 3);
    expect(status()).toEqual(['read']);
    client.ack(raw, 2); // a late receipt
    client.ack(raw, -1);
    expect(status()).toEqual(['read']);
  });

  it('keeps a receipt that arrived before WhatsApp answered the send', async () => {
    harness = await connected();
    harness.world.registered.set('5511999998888', '5511999998888');
    harness.world.earlyAcks = [1, 2];
    await agentWrites('+5511999998888', 'rápido');
    await vi.waitFor(() => expect(status()).toEqual(['delivered']));
  });

  it('applies a receipt that came while the phone’s message was still being stored', async () => {
    harness = await connected();
    const mine = harness.world.outgoing('5511999998888@c.us', 'do celular');
    harness.world.client.deliver(mine);
    harness.world.client.ack(mine, 3);
    await vi.waitFor(() => expect(status()).toEqual(['read']));
  });

  it('marks a message WhatsApp could not deliver as failed, with the reason', async () => {
    harness = await connected({ settings: { language: 'en' } });
    harness.world.registered.set('5511999998888', '5511999998888');
    await agentWrites('+5511999998888', 'vai falhar');
    harness.world.client.ack(harness.world.sent[0]!.raw, -1);
    const row = harness.core.db.prepare('SELECT status, error FROM messages').get();
    expect(row).toEqual({ status: 'failed', error: 'WhatsApp could not deliver the message' });
  });

  it('updates the owner’s messages sent from the phone, and ignores receipts of the person’s', async () => {
    harness = await connected();
    const mine = harness.world.outgoing('5511999998888@c.us', 'do celular');
    const theirs = harness.world.incoming('5511999998888@c.us', 'resposta');
    harness.world.client.deliver(mine);
    harness.world.client.deliver(theirs);
    await vi.waitFor(() => expect(storedMessages(harness.core)).toHaveLength(2));
    harness.world.client.ack(mine, 3);
    harness.world.client.ack(theirs, 3);
    const byText = Object.fromEntries(storedMessages(harness.core).map((m) => [m.text, m.status]));
    expect(byText).toEqual({ 'do celular': 'read', resposta: 'received' });
  });
});
