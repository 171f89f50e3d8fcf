/** Names shared by the database, the API contract and the renderer. */
export const CHANNELS = ['whatsapp', 'telegram', 'webchat', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SOURCES = ['auto_created', 'manual', 'import'] as const;
export type Source = (typeof SOURCES)[number];

export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const MESSAGE_STATUSES = [
  'received',
  'pending',
  'sent',
  'delivered',
  'read',
  'failed',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** What a person asked of their data under the LGPD (art. 18): a copy, or its erasure. */
export const DATA_REQUEST_KINDS = ['export', 'erase'] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
/** Where such a request was carried out: the desktop app, host mode, the command line. */
export const DATA_REQUEST_ORIGINS = ['desktop', 'host', 'cli'] as const;
export type DataRequestOrigin = (typeof DATA_REQUEST_ORIGINS)[number];

/**
 * Vouched and claimed, the one place it is decided (shared/DESIGN.md): a WhatsApp or SMS number
 * and a Telegram account are vouched for by their network, so what arrives with them (the number,
 * the profile name) is that person's. Whatever a web chat visitor types (name, e-mail, even a
 * phone) is only a claim: anyone can type anyone's e-mail. A claim never joins or renames a
 * customer on its own; it is offered to the agent as a possible match. A record the owner typed
 * in or imported is the owner's own word (see customers/claims.ts). Every channel must say which
 * it is, so a new one cannot be added without deciding.
 */
const VOUCHED: Record<Channel, boolean> = {
  whatsapp: true,
  telegram: true,
  webchat: false,
  sms: true,
};

/** Whether the channel's network vouches for who wrote (see VOUCHED). */
export const isVouched = (channel: Channel): boolean => VOUCHED[channel];
