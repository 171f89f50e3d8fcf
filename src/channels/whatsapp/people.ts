/**
 * Who is behind a WhatsApp chat: the phone number (from the id, or for a `@lid` privacy id from
 * what the library knows), the saved and public names, the business flag, and the profile picture.
 * Looked up once per chat and kept for a while: each lookup is a round trip into WhatsApp Web, and
 * asking WhatsApp for many numbers at once is what gets accounts flagged.
 */
import type { Contact } from 'whatsapp-web.js';
import { phoneFromWhatsAppId } from '../../customers/phone';
import type { ConnectorContext } from '../connector';
import type { WhatsAppClient } from './client';
import { chatKind, userIdForPhone } from './ids';
import { LOOKUP_TIMEOUT_MS, pacer, within } from './pacing';

export interface Person {
  /** The id the app keeps: the phone's canonical id, else the `@lid` or group id itself. */
  externalUserId: string;
  phone: string | null;
  /** The name the business saved for the person in the phone's address book. */
  savedName: string | null;
  /** The name the person chose for themselves. */
  pushName: string | null;
  isBusiness: boolean | null;
  /** The owner's own contact: their "message yourself" chat, under their number or `@lid`. */
  isMe: boolean;
  /** The cached picture, carried by the first message after each lookup only. */
  profilePictureUrl: string | null;
}

/** How long a looked-up person is trusted before names and picture are looked up again. */
const FRESH_MS = 60 * 60 * 1000;
const AVATAR_TIMEOUT_MS = 15_000;
/** The least time between two requests for a profile picture (each goes to WhatsApp's servers). */
export const PICTURE_GAP_MS = 400;

export interface PeopleOptions {
  lookupTimeoutMs?: number;
  pictureGapMs?: number;
}

async function download(url: string, signal: AbortSignal): Promise<Uint8Array> {
  const response = await fetch(url, {
    signal: AbortSignal.any([signal, AbortSignal.timeout(AVATAR_TIMEOUT_MS)]),
  });
  if (!response.ok) throw new Error(`profile picture: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The people of one account, looked up through whichever client is current. */
export function createPeople(
  ctx: Pick<ConnectorContext, 'settings' | 'saveAvatar' | 'signal'>,
  options: PeopleOptions = {},
) {
  const known = new Map<string, { at: number; lookup: Promise<Person> }>();
  const bound = options.lookupTimeoutMs ?? LOOKUP_TIMEOUT_MS;
  const nextPicture = pacer(options.pictureGapMs ?? PICTURE_GAP_MS);

  /** The phone number behind a `@lid` id, when this account is allowed to know it. */
  async function phoneOfLid(client: WhatsAppClient, lid: string, contact: Contact | null) {
    // The library puts the phone id in place of the lid when WhatsApp Web already knows the
    // number: free, whereas asking WhatsApp may go to its servers (and many such questions flag
    // a number).
    const known = contact ? phoneFromWhatsAppId(contact.id._serialized) : null;
    if (known) return known;
    const [pair] = await within(client.getContactLidAndPhone([lid]), bound, []);
    return pair?.pn ? phoneFromWhatsAppId(pair.pn) : null;
  }

  async function picture(client: WhatsAppClient, chatId: string, externalUserId: string) {
    // Asking for the address costs a round trip: skip it when pictures are switched off.
    if (!ctx.settings().fetchProfilePictures) return null;
    await nextPicture();
    const url = await within(client.getProfilePicUrl(chatId), bound, undefined);
    if (!url) return null;
    return ctx.saveAvatar(externalUserId, () => download(url, ctx.signal));
  }

  async function lookUp(client: WhatsAppClient, chatId: string): Promise<Person> {
    const contact = await within<Contact | null>(client.getContactById(chatId), bound, null);
    const kind = chatKind(chatId);
    const phone =
      kind === 'user'
        ? phoneFromWhatsAppId(chatId)
        : kind === 'lid'
          ? await phoneOfLid(client, chatId, contact)
          : null;
    const externalUserId = phone ? userIdForPhone(phone) : chatId;
    return {
      externalUserId,
      phone,
      savedName: contact?.name?.trim() || null,
      pushName: contact?.pushname?.trim() || null,
      isBusiness: contact ? Boolean(contact.isBusiness) : null,
      isMe: Boolean(contact?.isMe),
      profilePictureUrl: await picture(client, chatId, externalUserId),
    };
  }

  return {
    /**
     * The person behind a chat. The picture comes with the answer of a fresh lookup only: the
     * stored one stays, and an unchanged picture is not written again with every message.
     */
    async resolve(client: WhatsAppClient, chatId: string): Promise<Person> {
      const entry = known.get(chatId);
      if (entry && Date.now() - entry.at < FRESH_MS) {
        return { ...(await entry.lookup), profilePictureUrl: null };
      }
      // Kept as a promise so that two messages of a new chat arriving together share one lookup.
      const lookup = lookUp(client, chatId);
      known.set(chatId, { at: Date.now(), lookup });
      return lookup;
    },
  };
}
export type People = ReturnType<typeof createPeople>;
