import type { Message, Update } from 'node-telegram-bot-api';
import { describe, expect, it } from 'vitest';
import { messageText, translateUpdate, type TranslateOptions } from './translate';

const maria = {
  id: 5511001,
  is_bot: false,
  first_name: 'Maria',
  last_name: 'Souza',
  username: 'mariasouza',
  language_code: 'pt-br',
};
const privateChat = { id: maria.id, type: 'private', first_name: 'Maria', username: 'mariasouza' };
const group = { id: -1001234, type: 'supergroup', title: 'Clientes VIP' };

const DATE = Date.parse('2026-11-24T12:00:00Z') / 1000;
const message = (fields: Partial<Message>): Message => ({
  message_id: 7,
  date: DATE,
  chat: privateChat,
  from: maria,
  ...fields,
});
const options: TranslateOptions = { account: 'loja', includeGroups: false, language: 'pt-BR' };

describe('translateUpdate', () => {
  it('makes a private message an event from the person, named and with their language', () => {
    const update: Update = { update_id: 1, message: message({ text: 'Olá! Tem entrega hoje?' }) };
    expect(translateUpdate(update, options)).toEqual({
      channel: 'telegram',
      account: 'loja',
      direction: 'in',
      messageId: '5511001:7',
      externalUserId: '5511001',
      displayName: 'Maria Souza',
      username: 'mariasouza',
      language: 'pt-br',
      text: 'Olá! Tem entrega hoje?',
      timestamp: '2026-11-24T12:00:00.000Z',
    });
  });

  it('ignores groups unless the account includes them, then names the chat and the author', () => {
    const update: Update = {
      update_id: 2,
      message: message({ chat: group, text: 'Alguém aí?' }),
    };
    expect(translateUpdate(update, options)).toBeNull();
    expect(translateUpdate(update, { ...options, includeGroups: true })).toMatchObject({
      externalUserId: '-1001234',
      messageId: '-1001234:7',
      displayName: 'Clientes VIP',
      text: 'Maria Souza: Alguém aí?',
    });
  });

  it('gives no event for edits and for service messages', () => {
    const edited: Update = { update_id: 3, edited_message: message({ text: 'corrigido' }) };
    const joined: Update = {
      update_id: 4,
      message: message({ chat: group, new_chat_members: [maria] }),
    };
    expect(translateUpdate(edited, options)).toBeNull();
    expect(translateUpdate(joined, { ...options, includeGroups: true })).toBeNull();
  });
});

describe('messageText placeholders', () => {
  const file = { file_id: 'f', file_unique_id: 'u' };
  const cases: [string, Partial<Message>, string, string][] = [
    [
      'a photo with its caption',
      { photo: [{ ...file, width: 90, height: 90 }], caption: 'Este modelo tem em azul?' },
      '[Foto] Este modelo tem em azul?',
      '[Photo] Este modelo tem em azul?',
    ],
    [
      'a document by its file name',
      { document: { ...file, file_name: 'pedido-123.pdf' } },
      '[Documento: pedido-123.pdf]',
      '[Document: pedido-123.pdf]',
    ],
    [
      'a voice message with its length',
      { voice: { ...file, duration: 42 } },
      '[Mensagem de voz: 0:42]',
      '[Voice message: 0:42]',
    ],
    [
      'a song by performer and title',
      { audio: { ...file, duration: 200, performer: 'Anitta', title: 'Envolver' } },
      '[Áudio: Anitta – Envolver]',
      '[Audio: Anitta – Envolver]',
    ],
    [
      'a video',
      { video: { ...file, width: 1, height: 1, duration: 3 }, caption: 'olha' },
      '[Vídeo] olha',
      '[Video] olha',
    ],
    [
      'a sticker by its emoji',
      {
        sticker: {
          ...file,
          type: 'regular',
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
          emoji: '😂',
        },
      },
      '[Figurinha: 😂]',
      '[Sticker: 😂]',
    ],
    [
      'a location by its coordinates',
      { location: { latitude: -23.55052, longitude: -46.633308 } },
      '[Localização: -23.55052, -46.633308]',
      '[Location: -23.55052, -46.633308]',
    ],
    [
      'a contact by name and phone',
      { contact: { phone_number: '+5511999998888', first_name: 'João', last_name: 'Lima' } },
      '[Contato: João Lima, +5511999998888]',
      '[Contact: João Lima, +5511999998888]',
    ],
  ];

  it.each(cases)('shows %s', (_what, fields, portuguese, english) => {
    expect(messageText(message(fields), 'pt-BR')).toBe(portuguese);
    expect(messageText(message(fields), 'en')).toBe(english);
  });

  it('still shows something for a kind it does not know', () => {
    expect(
      messageText(message({ checklist: { title: 'x', tasks: [] } } as Partial<Message>), 'en'),
    ).toBe('[Message of a kind the app does not show]');
  });
});
