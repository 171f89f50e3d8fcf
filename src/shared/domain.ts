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
