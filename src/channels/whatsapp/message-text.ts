/**
 * The text stored for a WhatsApp message: its words, or a readable placeholder for media and other
 * kinds ("[Foto] legenda", "[Documento: nota.pdf]", "[Localização: Padaria] https://maps...").
 * Media is not downloaded: the placeholder says what arrived, and the phone still has it.
 */
import type { Message } from 'whatsapp-web.js';
import { rawOf } from './client';
import type { Texts } from './texts';

/** Kinds that are not messages a person wrote: encryption notices, protocol and group events. */
const NOT_MESSAGES = new Set([
  'e2e_notification',
  'notification',
  'notification_template',
  'gp2',
  'group_notification',
  'protocol',
  'ciphertext',
  'debug',
  'reaction',
  'broadcast_notification',
  'call_log',
]);

const withCaption = (label: string, caption: string | undefined) =>
  caption?.trim() ? `[${label}] ${caption.trim()}` : `[${label}]`;

/** The full name on a vCard (its FN line), if any. */
function vcardName(vcard: string): string | null {
  const line = /^FN(?:;[^:]*)?:(.*)$/im.exec(vcard);
  return line?.[1]?.trim() || null;
}

function locationText(message: Message, t: Texts): string {
  const place = message.location;
  if (!place) return `[${t.location}]`;
  const name = [place.name, place.address].filter(Boolean).join(', ');
  const map = `https://maps.google.com/?q=${place.latitude},${place.longitude}`;
  return `[${name ? `${t.location}: ${name}` : t.location}] ${map}`;
}

/** What to store as the message's text; null when it is not a message to store at all. */
export function messageText(message: Message, t: Texts): string | null {
  const type = String(message.type);
  if (NOT_MESSAGES.has(type)) return null;
  const raw = rawOf(message);
  // A media message's `body` holds a base64 thumbnail when the media is gone: use the caption.
  const caption = raw.caption ?? (message.hasMedia ? message.body : undefined);
  switch (type) {
    case 'chat':
      return message.body;
    case 'image':
    case 'album':
      return withCaption(t.photo, caption);
    case 'video':
      return withCaption(message.isGif ? t.gif : t.video, caption);
    case 'audio':
      return `[${t.audio}]`;
    case 'ptt':
      return `[${t.voice}]`;
    case 'ptv':
      return `[${t.videoNote}]`;
    case 'document': {
      const name = raw.filename?.trim();
      return withCaption(name ? `${t.document}: ${name}` : t.document, caption);
    }
    case 'sticker':
      return `[${t.sticker}]`;
    case 'location':
      return locationText(message, t);
    case 'vcard':
    case 'multi_vcard': {
      const names = message.vCards.map(vcardName).filter((n): n is string => n !== null);
      if (names.length === 0 && raw.vcardFormattedName) names.push(raw.vcardFormattedName);
      return names.length ? `[${t.contact}: ${names.join(', ')}]` : `[${t.contact}]`;
    }
    case 'poll_creation':
      return `[${t.poll}: ${message.body}]`;
    case 'revoked':
      return `[${t.deleted}]`;
    case 'pinned_message':
      return `[${t.pinned}]`;
    default:
      // Whatever else has words (a list reply, a button reply, a template) is shown by them.
      return message.body?.trim() ? message.body : `[${t.unsupported}: ${type}]`;
  }
}
