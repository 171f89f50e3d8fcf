/** The text kept for each kind of WhatsApp message, read from the library's own Message. */
import { describe, expect, it } from 'vitest';
import { messageText } from './message-text';
import { EmulatedClient, EmulatedWorld, type RawMessage } from './testing/client-emulator';
import { whatsappTexts } from './texts';

const world = new EmulatedWorld();
const client = new EmulatedClient(world);
const MARIA = '5511999998888@c.us';
const media = { directPath: '/v/t62.7118-24/abc', mimetype: 'video/mp4' };
const text = (fields: Partial<RawMessage>, body = '', language: 'pt-BR' | 'en' = 'pt-BR') =>
  messageText(client.message(world.incoming(MARIA, body, fields)), whatsappTexts.in(language));

describe('message text', () => {
  it('keeps what a person typed as it is', () => {
    expect(text({ type: 'chat' }, 'Oi, tudo bem? 😊')).toBe('Oi, tudo bem? 😊');
  });

  it('names each kind of media, with its caption', () => {
    expect(text({ ...media, type: 'video', caption: 'olha isso' })).toBe('[Vídeo] olha isso');
    expect(text({ ...media, type: 'video', isGif: true })).toBe('[GIF]');
    expect(text({ ...media, type: 'audio' })).toBe('[Áudio]');
    expect(text({ ...media, type: 'document', caption: 'segue o boleto' })).toBe(
      '[Documento] segue o boleto',
    );
    expect(text({ ...media, type: 'document', filename: 'boleto.pdf' }, '', 'en')).toBe(
      '[Document: boleto.pdf]',
    );
  });

  it('names a video note and a pinned message, instead of calling them unsupported', () => {
    expect(text({ ...media, type: 'ptv' })).toBe('[Mensagem de vídeo]');
    expect(text({ ...media, type: 'ptv' }, '', 'en')).toBe('[Video message]');
    expect(text({ type: 'pinned_message' })).toBe('[Mensagem fixada]');
    expect(text({ type: 'pinned_message' }, '', 'en')).toBe('[Message pinned]');
  });

  it('never shows the base64 thumbnail WhatsApp keeps in a photo’s body', () => {
    // Media whose download path is gone: the library then reads `body`, the thumbnail.
    expect(text({ type: 'image' }, '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBD')).toBe('[Foto]');
  });

  it('lists the people of a shared contact card, or several', () => {
    const card = (name: string) => `BEGIN:VCARD\nVERSION:3.0\nFN:${name}\nEND:VCARD`;
    expect(
      text({
        type: 'multi_vcard',
        vcardList: [
          { displayName: 'Ana', vcard: card('Ana Lima') },
          { displayName: 'Bia', vcard: card('Bia Souza') },
        ],
      }),
    ).toBe('[Contato: Ana Lima, Bia Souza]');
  });

  it('shows a location without a name by its map link', () => {
    expect(text({ type: 'location', lat: -22.9068, lng: -43.1729 }, '', 'en')).toBe(
      '[Location] https://maps.google.com/?q=-22.9068,-43.1729',
    );
  });

  it('shows polls, deleted messages and kinds it does not know', () => {
    expect(text({ type: 'poll_creation' }, 'Qual sabor?')).toBe('[Enquete: Qual sabor?]');
    expect(text({ type: 'revoked' })).toBe('[Mensagem apagada]');
    expect(text({ type: 'payment' }, '', 'en')).toBe('[Unsupported message: payment]');
  });

  it('keeps out what nobody wrote: encryption notices, group events, reactions, calls', () => {
    for (const type of [
      'e2e_notification',
      'notification_template',
      'gp2',
      'protocol',
      'reaction',
    ]) {
      expect(text({ type })).toBeNull();
    }
    expect(text({ type: 'call_log' })).toBeNull();
  });
});
