/**
 * The database schema, the single source of truth for `drizzle-kit generate`.
 * Times are integers (milliseconds since the epoch, UTC); text enums are checked by SQLite.
 */
import { sql } from 'drizzle-orm';
import {
  blob,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

import {
  CHANNELS,
  DATA_REQUEST_KINDS,
  DATA_REQUEST_ORIGINS,
  DIRECTIONS,
  MESSAGE_STATUSES,
  SOURCES,
} from '../shared/domain';

export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey(),
    displayName: text('display_name'),
    /** Set once an agent types a name: from then on channel profile names no longer replace it. */
    nameLocked: integer('name_locked', { mode: 'boolean' }).notNull().default(false),
    /**
     * The phone and email are the customer's own (typed by an agent, imported, made by hand), not
     * only copies of an identity's: only then are they indexed here (identities index theirs).
     */
    ownContact: integer('own_contact', { mode: 'boolean' }).notNull().default(false),
    /** Accent-free, lower-case label; unnamed customers sort after named ones. */
    sortName: text('sort_name').notNull(),
    phone: text('phone'),
    email: text('email'),
    source: text('source', { enum: SOURCES }).notNull(),
    sourceChannel: text('source_channel', { enum: CHANNELS }),
    sourceAccount: text('source_account'),
    originalExternalId: text('original_external_id'),
    profilePictureUrl: text('profile_picture_url'),
    firstContactAt: integer('first_contact_at'),
    lastSeenAt: integer('last_seen_at'),
    lastInteractionAt: integer('last_interaction_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /**
     * The folded words the customer is found by, as in `customers_fts` (see
     * customers/search-index.ts): searches that match most customers check it row by row.
     */
    searchWords: text('search_words'),
  },
  (t) => [
    index('customers_last_seen').on(t.lastSeenAt),
    index('customers_first_contact').on(t.firstContactAt),
    index('customers_sort_name').on(t.sortName),
    // Only the customer's own contact: an auto-created customer's phone is its identity's, found
    // through identities_phone, and a second entry per person was ingest's dearest (issue 12).
    index('customers_phone')
      .on(t.phone)
      .where(sql`${t.phone} IS NOT NULL AND ${t.ownContact} = 1`),
    index('customers_email')
      .on(t.email)
      .where(sql`${t.email} IS NOT NULL AND ${t.ownContact} = 1`),
    check('customers_source', sql`${t.source} IN ('auto_created', 'manual', 'import')`),
  ],
);

export const identities = sqliteTable(
  'identities',
  {
    id: integer('id').primaryKey(),
    /** Null while auto-creation is off and no agent has added the person yet. */
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    account: text('account').notNull(),
    externalId: text('external_id').notNull(),
    displayName: text('display_name'),
    phone: text('phone'),
    email: text('email'),
    username: text('username'),
    language: text('language'),
    profilePictureUrl: text('profile_picture_url'),
    isBusiness: integer('is_business', { mode: 'boolean' }),
    /** Timestamp of the newest message whose profile fields were applied (latest wins). */
    profileAt: integer('profile_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('identities_channel_account_external').on(t.channel, t.account, t.externalId),
    index('identities_customer').on(t.customerId, t.channel),
    // With the customer: finding who has a phone (linking, "+55 21 9" searches) reads no row.
    index('identities_phone')
      .on(t.phone, t.customerId)
      .where(sql`${t.phone} IS NOT NULL`),
    index('identities_email')
      .on(t.email)
      .where(sql`${t.email} IS NOT NULL`),
    check('identities_channel', sql`${t.channel} IN ('whatsapp', 'telegram', 'webchat', 'sms')`),
  ],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: integer('id').primaryKey(),
    identityId: integer('identity_id')
      .notNull()
      .references(() => identities.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    account: text('account').notNull(),
    firstMessageAt: integer('first_message_at'),
    lastMessageAt: integer('last_message_at'),
    /** External id of the newest message: breaks timestamp ties the same way in any order. */
    lastMessageKey: text('last_message_key'),
    lastMessageText: text('last_message_text'),
    lastMessageDirection: text('last_message_direction', { enum: DIRECTIONS }),
    unreadCount: integer('unread_count').notNull().default(0),
    lastReadAt: integer('last_read_at').notNull().default(0),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('conversations_identity').on(t.identityId),
    index('conversations_last_message').on(t.lastMessageAt),
    // The unread total (the navigation's badge, the app icon's) reads only unread conversations.
    index('conversations_unread')
      .on(t.unreadCount)
      .where(sql`${t.unreadCount} > 0`),
  ],
);

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey(),
    conversationId: integer('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    account: text('account').notNull(),
    /** Null for an outbound message not yet accepted by its channel. */
    externalId: text('external_id'),
    direction: text('direction', { enum: DIRECTIONS }).notNull(),
    text: text('text').notNull(),
    timestamp: integer('timestamp').notNull(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
    error: text('error'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    // A message delivered twice is stored once. Keyed by conversation, so a batch's entries land
    // beside its people's other ones: keyed by the channel's id (random text), this index was the
    // one most of ingest's written pages belonged to (issue 12).
    uniqueIndex('messages_conversation_external').on(t.conversationId, t.externalId),
    index('messages_conversation_time').on(t.conversationId, t.timestamp),
    // A channel's receipt names only the id it gave the message sent.
    index('messages_sent_external')
      .on(t.channel, t.account, t.externalId)
      .where(sql`${t.direction} = 'out'`),
    index('messages_pending')
      .on(t.status)
      .where(sql`${t.status} IN ('pending', 'failed')`),
    check('messages_direction', sql`${t.direction} IN ('in', 'out')`),
  ],
);

export const tags = sqliteTable(
  'tags',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('tags_name').on(sql`${t.name} COLLATE NOCASE`)],
);

export const customerTags = sqliteTable(
  'customer_tags',
  {
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.tagId] }), index('customer_tags_tag').on(t.tagId)],
);

export const notes = sqliteTable(
  'notes',
  {
    id: integer('id').primaryKey(),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('notes_customer').on(t.customerId)],
);

/**
 * Pairs of customers an agent said are not the same person, though they share a phone or email
 * one of them only claimed: the pair is no longer offered as a possible match. Each pair is stored
 * once, the lower id first; it goes when either customer does (merged or deleted).
 */
export const dismissedMatches = sqliteTable(
  'dismissed_matches',
  {
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    otherId: integer('other_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.otherId] }),
    index('dismissed_matches_other').on(t.otherId),
    check('dismissed_matches_order', sql`${t.customerId} < ${t.otherId}`),
  ],
);

export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const connectorCursors = sqliteTable(
  'connector_cursors',
  {
    channel: text('channel', { enum: CHANNELS }).notNull(),
    account: text('account').notNull(),
    cursor: text('cursor').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.account] })],
);

/**
 * The channel accounts this installation runs (several per channel is normal: two WhatsApp
 * numbers). Only the non-secret settings live here; tokens and passwords are in the secret store.
 */
export const channelAccounts = sqliteTable(
  'channel_accounts',
  {
    id: integer('id').primaryKey(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    /** The `account` of every InboundEvent this account produces. */
    account: text('account').notNull(),
    /** A readable name, from the driver's check ("@loja_bot") or the key. */
    label: text('label').notNull(),
    /** The settings validated by the driver's configSchema, as JSON. */
    config: text('config').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('channel_accounts_channel_account').on(t.channel, t.account),
    check(
      'channel_accounts_channel',
      sql`${t.channel} IN ('whatsapp', 'telegram', 'webchat', 'sms')`,
    ),
  ],
);

/**
 * The database's own random salt for `erased_identifiers` (one row, drawn by the migration that
 * made it), so the same phone hashes differently in every database.
 */
export const erasureSalt = sqliteTable(
  'erasure_salt',
  {
    id: integer('id').primaryKey(),
    salt: blob('salt', { mode: 'buffer' }).notNull(),
  },
  (t) => [check('erasure_salt_one_row', sql`${t.id} = 1`)],
);

/**
 * Identifiers of erased customers (a phone, an e-mail, a channel's id of them) as salted hashes,
 * never as text: a history import skips messages of theirs from before `erased_at`, so an
 * erasure is not undone by the next import (privacy/erased-identifiers.ts).
 */
export const erasedIdentifiers = sqliteTable('erased_identifiers', {
  hash: blob('hash', { mode: 'buffer' }).primaryKey(),
  erasedAt: integer('erased_at').notNull(),
});

/**
 * Every export and erasure of one person's data: when, which customer id, from where. It holds
 * no personal data (the id of an erased customer names nobody any more), so it outlives them.
 */
export const dataRequests = sqliteTable(
  'data_requests',
  {
    id: integer('id').primaryKey(),
    kind: text('kind', { enum: DATA_REQUEST_KINDS }).notNull(),
    customerId: integer('customer_id').notNull(),
    origin: text('origin', { enum: DATA_REQUEST_ORIGINS }).notNull(),
    at: integer('at').notNull(),
  },
  (t) => [
    check('data_requests_kind', sql`${t.kind} IN ('export', 'erase')`),
    check('data_requests_origin', sql`${t.origin} IN ('desktop', 'host', 'cli')`),
  ],
);
