/**
 * The "floor" for ingest: the rows ingest must write for the same events, written with nothing
 * else. A message row per message; for each new person (the first time a channel, account and
 * external user id is seen) an identity, a conversation and a customer, with the same columns as
 * src/inbox/ingest.ts writes, filled from the events. Which person a message belongs to and which
 * customer a phone already has are kept in JavaScript Maps: no lookups in SQLite, no profile
 * logic, no search index, foreign keys off. Same pragmas and batches as ingest, one transaction
 * each. Later messages of people stored in an earlier batch update nothing (ingest moves their
 * conversation and customer forward), so the floor errs on the fast side: ingest cannot beat it.
 */
import BetterSqlite3, { type Database, type Statement } from 'better-sqlite3';
import { customerSqlFunctions } from '../src/customers/sql-functions';
import { applyPragmas, openDatabase } from '../src/db/open';
import { phoneFromWhatsAppId } from '../src/customers/phone';
import type { InboundEvent } from '../src/inbox/inbound-event';
import { removeDatabase, timeBatches } from './bare';
import { NOW } from './dataset';

/**
 * `schema`: the real tables and every index of customers, identities, conversations and messages.
 * `required`: conversations folded into identities, and only the indexes the features need, a
 * message delivered twice found by its channel's id (ingest's target is measured against it).
 * `required-by-conversation`: the same, a message delivered twice found in its conversation as
 * the schema does since migration 0008 (and the sent ones by their channel's id, for receipts).
 * `unique-only`: the two unique indexes and messages by conversation, below what the product needs.
 */
export type FloorLevel = 'schema' | 'required' | 'required-by-conversation' | 'unique-only';
export const FLOOR_LEVELS: readonly FloorLevel[] = [
  'schema',
  'required',
  'required-by-conversation',
  'unique-only',
];

/** Drops a message delivered twice (ingest is idempotent per message id). */
const MESSAGE_ID_INDEX =
  'CREATE UNIQUE INDEX messages_channel_account_external ON messages (channel, account, external_id)';

/** The same in the message's conversation, and a receipt's look-up of the sent messages. */
const MESSAGE_ID_BY_CONVERSATION_INDEXES = [
  'CREATE UNIQUE INDEX messages_conversation_external ON messages (conversation_id, external_id)',
  "CREATE INDEX messages_sent_external ON messages (channel, account, external_id) WHERE direction = 'out'",
];

/** Indexes the `unique-only` level keeps besides the message id's, and the `required` ones too. */
const UNIQUE_ONLY_INDEXES = [
  /** Finds the person a message is from when they write again. */
  'CREATE UNIQUE INDEX identities_channel_account_external ON identities (channel, account, external_id)',
  /** Opens a conversation at its latest messages. */
  'CREATE INDEX messages_conversation_time ON messages (conversation_id, timestamp)',
];

/** Indexes the `required` level adds: what the product's features need besides the above. */
const REQUIRED_INDEXES = [
  /** A customer's identities and conversations (the customer page, merging customers). */
  'CREATE INDEX identities_customer ON identities (customer_id)',
  /** Links a new identity to the customer who already has its phone (WhatsApp and SMS). */
  'CREATE INDEX identities_phone ON identities (phone) WHERE phone IS NOT NULL',
  /** The customer list by last seen: its first page must come in < 20 ms. */
  'CREATE INDEX customers_last_seen ON customers (last_seen_at)',
  /** The customer list by first contact: its first page must come in < 20 ms. */
  'CREATE INDEX customers_first_contact ON customers (first_contact_at)',
  /** The customer list by name: its first page must come in < 20 ms. */
  'CREATE INDEX customers_sort_name ON customers (sort_name)',
];

/**
 * Tables of the `required` and `unique-only` levels: customers and messages as in the schema
 * (without foreign keys), identities with the conversation's columns, one row per person.
 */
const FOLDED_TABLES = `
  CREATE TABLE customers (
    id integer PRIMARY KEY NOT NULL,
    display_name text,
    name_locked integer DEFAULT false NOT NULL,
    sort_name text NOT NULL,
    phone text,
    email text,
    source text NOT NULL,
    source_channel text,
    source_account text,
    original_external_id text,
    profile_picture_url text,
    first_contact_at integer,
    last_seen_at integer,
    last_interaction_at integer,
    created_at integer NOT NULL,
    updated_at integer NOT NULL,
    CONSTRAINT customers_source CHECK (source IN ('auto_created', 'manual', 'import'))
  );
  CREATE TABLE identities (
    id integer PRIMARY KEY NOT NULL,
    customer_id integer,
    channel text NOT NULL,
    account text NOT NULL,
    external_id text NOT NULL,
    display_name text,
    phone text,
    email text,
    username text,
    language text,
    profile_picture_url text,
    is_business integer,
    profile_at integer NOT NULL,
    created_at integer NOT NULL,
    first_message_at integer,
    last_message_at integer,
    last_message_key text,
    last_message_text text,
    last_message_direction text,
    unread_count integer DEFAULT 0 NOT NULL,
    last_read_at integer DEFAULT 0 NOT NULL,
    CONSTRAINT identities_channel CHECK (channel IN ('whatsapp', 'telegram', 'webchat', 'sms'))
  );
  CREATE TABLE messages (
    id integer PRIMARY KEY NOT NULL,
    conversation_id integer NOT NULL,
    channel text NOT NULL,
    account text NOT NULL,
    external_id text,
    direction text NOT NULL,
    text text NOT NULL,
    timestamp integer NOT NULL,
    status text NOT NULL,
    error text,
    created_at integer NOT NULL,
    CONSTRAINT messages_direction CHECK (direction IN ('in', 'out'))
  );
`;

/** The columns of src/inbox/ingest.ts's INSERT statements; `key`: the message id's index. */
const insertMessageSql = (key: string) => `INSERT INTO messages (conversation_id, channel, account,
    external_id, direction, text, timestamp, status, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (${key}) DO NOTHING`;
/** Where a level finds a message delivered twice (the schema's: see migration 0008). */
const byConversation = (level: FloorLevel) =>
  level === 'schema' || level === 'required-by-conversation';
const INSERT_CUSTOMER = `INSERT INTO customers (id, display_name, sort_name, phone, email, source, source_channel,
    source_account, original_external_id, profile_picture_url, first_contact_at, last_seen_at,
    last_interaction_at, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, 'auto_created', ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const IDENTITY_COLUMNS = `id, customer_id, channel, account, external_id, display_name, phone, email,
    username, language, profile_picture_url, is_business, profile_at, created_at`;
const CONVERSATION_COLUMNS = `first_message_at, last_message_at, last_message_key, last_message_text,
    last_message_direction, unread_count, last_read_at`;
const INSERT_IDENTITY = `INSERT INTO identities (${IDENTITY_COLUMNS})
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_CONVERSATION = `INSERT INTO conversations (id, identity_id, channel, account, ${CONVERSATION_COLUMNS},
    created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_FOLDED_IDENTITY = `INSERT INTO identities (${IDENTITY_COLUMNS}, ${CONVERSATION_COLUMNS})
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** A person first seen in the current batch: what their rows are made of. */
interface NewPerson {
  /** Identity id, and conversation id (ingest numbers both from 1 in an empty database). */
  id: number;
  customerId: number;
  /** Whether this person brings a new customer (else their phone's customer has one already). */
  newCustomer: boolean;
  first: InboundEvent;
  firstAt: number;
  last: InboundEvent;
  lastAt: number;
  lastInAt: number | null;
  /** The latest event carrying profile fields (connectors send them on inbound messages). */
  profile: InboundEvent;
  phone: string | null;
  profileAt: number;
  unread: number;
  readUpTo: number;
}

/**
 * The identity's phone as ingest stores it for this data set: a WhatsApp id's number (with the
 * ninth digit, so the same person texting by SMS finds their customer), an SMS sender, else the
 * phone the event carries as it is (ingest would normalise a web-chat visitor's).
 */
const phoneOf = (e: InboundEvent): string | null =>
  (e.channel === 'whatsapp' ? phoneFromWhatsAppId(e.externalUserId) : null) ?? e.phone ?? null;

/** Creates the level's tables and indexes in an empty file, opened with ingest's pragmas. */
function createDatabase(file: string, level: FloorLevel): Database {
  if (level === 'schema') {
    // The real migrations, so the tables and indexes are the schema's exactly; the search index
    // is dropped (it is maintained by ingest's JavaScript, which the floor leaves out).
    const db = openDatabase(file, customerSqlFunctions);
    db.pragma('foreign_keys = OFF');
    db.exec('DROP TABLE customers_fts');
    return db;
  }
  const db = new BetterSqlite3(file);
  applyPragmas(db);
  db.pragma('foreign_keys = OFF');
  db.exec(FOLDED_TABLES);
  for (const sql of byConversation(level) ? MESSAGE_ID_BY_CONVERSATION_INDEXES : [MESSAGE_ID_INDEX])
    db.exec(sql);
  for (const sql of UNIQUE_ONLY_INDEXES) db.exec(sql);
  if (level !== 'unique-only') for (const sql of REQUIRED_INDEXES) db.exec(sql);
  return db;
}

/**
 * Inserts every batch's rows at `level`; the time counts the inserts and the final close (which
 * checkpoints the WAL, as ingest's time does), not making the events or the empty database.
 */
export function floorInsert(
  file: string,
  batches: Iterable<readonly InboundEvent[]>,
  level: FloorLevel,
): { millis: number; cpuMillis: number; events: number } {
  removeDatabase(file);
  const db = createDatabase(file, level);
  const folded = level !== 'schema';
  const insertMessage = db.prepare(
    insertMessageSql(
      byConversation(level) ? 'conversation_id, external_id' : 'channel, account, external_id',
    ),
  );
  const insertCustomer = db.prepare(INSERT_CUSTOMER);
  const insertIdentity = db.prepare(folded ? INSERT_FOLDED_IDENTITY : INSERT_IDENTITY);
  const insertConversation: Statement | null = folded ? null : db.prepare(INSERT_CONVERSATION);
  const at = NOW;

  /** Conversation id of every person seen, by channel, account and external user id. */
  const people = new Map<string, number>();
  /** Customer of every phone seen: a WhatsApp person texting by SMS is one customer. */
  const customerByPhone = new Map<string, number>();
  let nextPerson = 1;
  let nextCustomer = 1;

  const writePerson = (p: NewPerson) => {
    const e = p.profile;
    const displayName = e.displayName ?? null;
    const phone = p.phone;
    const email = e.email ?? null;
    const username = e.username ?? null;
    const identity = [
      p.id,
      p.customerId,
      p.first.channel,
      p.first.account,
      p.first.externalUserId,
      displayName,
      phone,
      email,
      username,
      e.language ?? null,
      e.profilePictureUrl ?? null,
      e.isBusiness === undefined || e.isBusiness === null ? null : Number(e.isBusiness),
      p.profileAt,
      at,
    ];
    const conversation = [
      p.firstAt,
      p.lastAt,
      p.last.messageId,
      p.last.text,
      p.last.direction,
      p.unread,
      p.readUpTo,
    ];
    if (insertConversation) {
      insertIdentity.run(...identity);
      insertConversation.run(p.id, p.id, p.first.channel, p.first.account, ...conversation, at);
    } else {
      insertIdentity.run(...identity, ...conversation);
    }
    if (!p.newCustomer) return;
    const label = phone ?? email ?? username ?? p.first.externalUserId;
    insertCustomer.run(
      p.customerId,
      displayName,
      displayName ? displayName.toLowerCase() : `~${label.toLowerCase()}`,
      phone,
      email,
      p.first.channel,
      p.first.account,
      p.first.externalUserId,
      e.profilePictureUrl ?? null,
      p.firstAt,
      p.lastInAt,
      p.lastAt,
      at,
      at,
    );
  };

  const insertBatch = db.transaction((batch: readonly InboundEvent[]) => {
    const fresh = new Map<number, NewPerson>();
    for (const e of batch) {
      const timestamp = Date.parse(e.timestamp);
      const inbound = e.direction === 'in';
      const key = `${e.channel}\n${e.account}\n${e.externalUserId}`;
      let id = people.get(key);
      if (id === undefined) {
        id = nextPerson++;
        people.set(key, id);
        const phone = phoneOf(e);
        const known = phone ? customerByPhone.get(phone) : undefined;
        const customerId = known ?? nextCustomer++;
        if (phone && known === undefined) customerByPhone.set(phone, customerId);
        fresh.set(id, {
          id,
          customerId,
          newCustomer: known === undefined,
          first: e,
          firstAt: timestamp,
          last: e,
          lastAt: timestamp,
          lastInAt: inbound ? timestamp : null,
          profile: e,
          profileAt: timestamp,
          phone,
          unread: inbound ? 1 : 0,
          readUpTo: inbound ? 0 : timestamp,
        });
      } else {
        const p = fresh.get(id);
        if (p) {
          // The data set yields each person's messages in time order.
          p.last = e;
          p.lastAt = timestamp;
          if (inbound) {
            p.lastInAt = timestamp;
            p.unread++;
            if (e.displayName !== undefined || e.phone !== undefined) {
              p.profile = e;
              p.profileAt = timestamp;
              p.phone ??= e.phone ?? null;
            }
          } else {
            p.unread = 0;
            p.readUpTo = timestamp;
          }
        }
      }
      insertMessage.run(
        id,
        e.channel,
        e.account,
        e.messageId,
        e.direction,
        e.text,
        timestamp,
        inbound ? 'received' : 'sent',
        at,
      );
    }
    // Like ingest: the new people's rows once the batch's messages are in, complete.
    for (const p of fresh.values()) writePerson(p);
  });

  const { millis, cpuMillis, rows } = timeBatches(db, batches, insertBatch);
  return { millis, cpuMillis, events: rows };
}
