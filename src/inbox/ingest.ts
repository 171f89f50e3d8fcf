import type { Database } from 'better-sqlite3';
import type { DomainEvent, IngestReport } from '../api/types';
import { addActivity, createActivityWriter, type Activity } from '../customers/activity';
import { createContactLookup, normalizeEmail } from '../customers/contact-lookup';
import { normalizePhone, phoneFromWhatsAppId } from '../customers/phone';
import { createPossibleMatches, type ContactKind } from '../customers/possible-matches';
import {
  createProfileRefresher,
  deriveProfile,
  type DerivedProfile,
  type IdentityProfile,
} from '../customers/profile';
import {
  createSearchIndexBatch,
  createSearchIndexWriter,
  searchBody,
} from '../customers/search-index';
import type { SettingsStore } from '../settings/store';
import { isVouched, type Channel, type Direction } from '../shared/domain';
import { preview } from '../shared/text';
import type { EventBus } from '../events/event-bus';
import type { ConnectorCursor, InboundEvent } from './inbound-event';

/** Profile fields a message can carry; the newest message that carries one wins. */
const PROFILE_FIELDS = [
  'displayName',
  'phone',
  'email',
  'username',
  'language',
  'profilePictureUrl',
  'isBusiness',
] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];
type Profile = { [K in ProfileField]: K extends 'isBusiness' ? boolean | null : string | null };
/** Fields that change what the customer list shows or finds; `language` and `isBusiness` do not. */
const CUSTOMER_FIELDS = new Set<ProfileField>([
  'displayName',
  'phone',
  'email',
  'username',
  'profilePictureUrl',
]);

/** One identity as the batch sees it: its stored row (or a new one), then this batch's changes. */
interface IdentityState extends Profile {
  id: number;
  channel: Channel;
  account: string;
  externalId: string;
  customerId: number | null;
  conversationId: number;
  lastReadAt: number;
  profileAt: number;
  /** Not in the database yet: inserted, with its conversation, when the batch ends. */
  isNew: boolean;
  dirty: boolean;
}

interface ConversationChange {
  firstAt: number;
  lastAt: number;
  lastKey: string;
  lastText: string;
  lastDirection: Direction;
  /** Inbound messages newer than the stored last-read time. */
  newUnread: number;
  readUpTo: number;
  /** Times of the new inbound messages, to count the unread ones of a brand-new conversation. */
  inboundTimes: number[];
}

type IdentityInsert = [
  id: number,
  customerId: number | null,
  channel: Channel,
  account: string,
  externalId: string,
  displayName: string | null,
  phone: string | null,
  email: string | null,
  username: string | null,
  language: string | null,
  profilePictureUrl: string | null,
  isBusiness: number | null,
  profileAt: number,
  createdAt: number,
];
type ConversationInsert = [
  id: number,
  identityId: number,
  channel: Channel,
  account: string,
  firstAt: number | null,
  lastAt: number | null,
  lastKey: string | null,
  lastText: string | null,
  lastDirection: Direction | null,
  unread: number,
  readUpTo: number,
  createdAt: number,
];

type IdentityRow = Omit<IdentityState, 'dirty' | 'isNew' | 'isBusiness'> & {
  isBusiness: number | null;
};

export interface IngestOptions {
  /** The connector's resume point, committed together with these messages. */
  cursor?: ConnectorCursor;
  /** Outbound messages typed in the app are stored as `pending` until their channel accepts them. */
  outboundStatus?: 'sent' | 'pending';
  /**
   * Past messages (a history import, a bulk ingest, sample data): stored like any others, but
   * announced with `backfill: true`, so nothing greets them as news (no desktop notification).
   */
  backfill?: boolean;
}

export interface Inbox {
  /** Stores one event (see `ingestBatch`). */
  ingest(event: InboundEvent, options?: IngestOptions): IngestReport;
  /**
   * Stores many events in one transaction: identities, customers (auto-created when the setting
   * allows), conversations and messages. Idempotent per message id and independent of order.
   * Domain events are emitted after the commit.
   */
  ingestBatch(events: readonly InboundEvent[], options?: IngestOptions): IngestReport;
}

const bool = (value: boolean | null) => (value === null ? null : Number(value));

/** The inbox: turns InboundEvents into stored customers, conversations and messages. */
export function createInbox(
  db: Database,
  deps: { settings: SettingsStore; bus: EventBus; now?: () => number },
): Inbox {
  const now = deps.now ?? Date.now;
  const nextIds = db.prepare<[], { customer: number; identity: number; conversation: number }>(
    `SELECT (SELECT coalesce(max(id), 0) + 1 FROM customers) AS customer,
            (SELECT coalesce(max(id), 0) + 1 FROM identities) AS identity,
            (SELECT coalesce(max(id), 0) + 1 FROM conversations) AS conversation`,
  );
  const lookupIdentity = db.prepare<[string, string, string], IdentityRow>(
    `SELECT i.id, i.channel, i.account, i.external_id AS externalId, i.customer_id AS customerId,
            c.id AS conversationId, c.last_read_at AS lastReadAt,
            i.display_name AS displayName, i.phone, i.email, i.username, i.language,
            i.profile_picture_url AS profilePictureUrl, i.is_business AS isBusiness,
            i.profile_at AS profileAt
     FROM identities i JOIN conversations c ON c.identity_id = i.id
     WHERE i.channel = ? AND i.account = ? AND i.external_id = ?`,
  );
  const insertCustomerRow = db.prepare(
    `INSERT INTO customers (id, display_name, sort_name, phone, email, source, source_channel,
       source_account, original_external_id, profile_picture_url, first_contact_at, last_seen_at,
       last_interaction_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'auto_created', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  /** Writes an auto-created customer, complete, in one statement. */
  const insertCustomer = (id: number, p: CustomerInsert, times: Activity | undefined, at: number) =>
    insertCustomerRow.run(
      id,
      p.displayName,
      p.sortName,
      p.phone,
      p.email,
      p.sourceChannel,
      p.sourceAccount,
      p.originalExternalId,
      p.profilePictureUrl,
      times?.first ?? null,
      times?.lastIn ?? null,
      times?.last ?? null,
      at,
      at,
    );
  const insertIdentity = db.prepare<IdentityInsert>(
    `INSERT INTO identities (id, customer_id, channel, account, external_id, display_name, phone, email,
                             username, language, profile_picture_url, is_business, profile_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const attachIdentity = db.prepare<[number, number]>(
    'UPDATE identities SET customer_id = ? WHERE id = ?',
  );
  const updateIdentity = db.prepare(
    `UPDATE identities SET display_name = @displayName, phone = @phone, email = @email,
       username = @username, language = @language, profile_picture_url = @profilePictureUrl,
       is_business = @isBusiness, profile_at = @profileAt
     WHERE id = @id`,
  );
  const insertConversation = db.prepare<ConversationInsert>(
    `INSERT INTO conversations (id, identity_id, channel, account, first_message_at, last_message_at,
       last_message_key, last_message_text, last_message_direction, unread_count, last_read_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Positional parameters: this runs once per message, and binding by name costs ~15% more.
  const insertMessage = db.prepare<
    [number, Channel, string, string, Direction, string, number, string, number]
  >(
    `INSERT INTO messages (conversation_id, channel, account, external_id, direction, text, timestamp,
                           status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (channel, account, external_id) DO NOTHING`,
  );
  const updateConversation = db.prepare(
    `UPDATE conversations SET
       first_message_at = CASE WHEN first_message_at IS NULL OR first_message_at > @firstAt
                          THEN @firstAt ELSE first_message_at END,
       last_message_at = CASE WHEN ${NEWER} THEN @lastAt ELSE last_message_at END,
       last_message_key = CASE WHEN ${NEWER} THEN @lastKey ELSE last_message_key END,
       last_message_text = CASE WHEN ${NEWER} THEN @lastText ELSE last_message_text END,
       last_message_direction = CASE WHEN ${NEWER} THEN @lastDirection ELSE last_message_direction END,
       unread_count = CASE WHEN @readUpTo > last_read_at
         THEN (SELECT count(*) FROM messages
               WHERE conversation_id = @id AND direction = 'in' AND timestamp > @readUpTo)
         ELSE unread_count + @newUnread END,
       last_read_at = max(last_read_at, @readUpTo)
     WHERE id = @id`,
  );
  const saveCursor = db.prepare(
    `INSERT INTO connector_cursors (channel, account, cursor, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (channel, account) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  );
  const contacts = createContactLookup(db);
  const matches = createPossibleMatches(db);
  const profiles = createProfileRefresher(db);
  const activityWriter = createActivityWriter(db);
  const searchIndex = createSearchIndexWriter(db);

  function run(
    events: readonly InboundEvent[],
    options: IngestOptions,
  ): { report: IngestReport; domainEvents: DomainEvent[] } {
    const { autoCreateCustomers, defaultRegion } = deps.settings.get();
    const outboundStatus = options.outboundStatus ?? 'sent';
    const at = now();
    // New rows get their ids up front and are written once, complete, when the batch ends; the
    // write lock is ours for the whole transaction, and foreign keys are checked at commit.
    db.pragma('defer_foreign_keys = ON');
    const ids = nextIds.get()!;
    const report: IngestReport = {
      received: events.length,
      stored: 0,
      duplicates: 0,
      customersCreated: 0,
      identitiesLinked: 0,
    };
    const identities = new Map<string, IdentityState>();
    const conversations = new Map<number, ConversationChange>();
    const activity = new Map<number, Activity>();
    /** Customers created by this batch, with the identities that belong to them. */
    const newCustomers = new Map<number, IdentityState[]>();
    const newByPhone = new Map<string, number>();
    const newByEmail = new Map<string, number>();
    /** Customers already stored whose profile must be re-derived (a new identity, a new name). */
    const profileChanged = new Set<number>();
    /** Phones and emails web visitors typed in this batch (see `announceClaims`). */
    const claims: [ContactKind, string][] = [];
    const needsRecompute = new Set<number>();
    // Announced in this order, so a listener can always look up what an event refers to.
    const customerEvents: DomainEvent[] = [];
    const conversationEvents: DomainEvent[] = [];
    const messageEvents: DomainEvent[] = [];
    const searchEntries = createSearchIndexBatch(searchIndex);

    function newCustomer(identity: IdentityState): number {
      const id = ids.customer++;
      newCustomers.set(id, [identity]);
      report.customersCreated++;
      return id;
    }

    function findCustomer(phone: string | null, email: string | null): number | null {
      return (
        (phone ? newByPhone.get(phone) : undefined) ??
        (email ? newByEmail.get(email) : undefined) ??
        contacts.find(phone, email)
      );
    }

    function identityFor(event: InboundEvent, timestamp: number): IdentityState {
      const key = `${event.channel}\n${event.account}\n${event.externalUserId}`;
      let state = identities.get(key);
      if (state) return state;
      const row = lookupIdentity.get(event.channel, event.account, event.externalUserId);
      if (row) {
        state = {
          ...row,
          isBusiness: row.isBusiness === null ? null : row.isBusiness === 1,
          isNew: false,
          dirty: false,
        };
        if (state.customerId === null && autoCreateCustomers) {
          // Wrote while auto-creation was off, and it is on again: now the person joins the list,
          // with the history already stored.
          state.customerId = ids.customer++;
          insertCustomer(
            state.customerId,
            {
              ...EMPTY_CUSTOMER,
              sourceChannel: state.channel,
              sourceAccount: state.account,
              originalExternalId: state.externalId,
            },
            undefined,
            at,
          );
          report.customersCreated++;
          attachIdentity.run(state.customerId, state.id);
          needsRecompute.add(state.customerId);
          profileChanged.add(state.customerId);
        }
      } else {
        const phone =
          (event.phone ? normalizePhone(event.phone, defaultRegion) : null) ??
          (event.channel === 'whatsapp' ? phoneFromWhatsAppId(event.externalUserId) : null) ??
          (event.channel === 'sms' ? normalizePhone(event.externalUserId, defaultRegion) : null);
        const email = normalizeEmail(event.email);
        // Only what a channel vouches for links people (shared/domain.ts `isVouched`): a web
        // visitor who types a customer's email or phone gets a customer of their own, which the
        // agent is offered as a possible match. Two visitors typing the same email are two
        // customers too: neither can prove it, and each record holds what one person said.
        const vouched = isVouched(event.channel);
        state = {
          id: ids.identity++,
          channel: event.channel,
          account: event.account,
          externalId: event.externalUserId,
          customerId: vouched ? findCustomer(phone, email) : null,
          conversationId: ids.conversation++,
          lastReadAt: 0,
          displayName: event.displayName ?? null,
          phone,
          email,
          username: event.username?.replace(/^@/, '') ?? null,
          language: event.language ?? null,
          profilePictureUrl: event.profilePictureUrl ?? null,
          isBusiness: event.isBusiness ?? null,
          profileAt: timestamp,
          isNew: true,
          dirty: false,
        };
        if (state.customerId !== null) {
          report.identitiesLinked++;
          const siblings = newCustomers.get(state.customerId);
          if (siblings) siblings.push(state);
          else profileChanged.add(state.customerId);
        } else if (autoCreateCustomers) {
          state.customerId = newCustomer(state);
        }
        if (!vouched) {
          if (phone) claims.push(['phone', phone]);
          if (email) claims.push(['email', email]);
        }
        if (vouched && state.customerId !== null && newCustomers.has(state.customerId)) {
          if (phone) newByPhone.set(phone, state.customerId);
          if (email) newByEmail.set(email, state.customerId);
        }
      }
      identities.set(key, state);
      return state;
    }

    /** Newest message wins a field; an older one only fills a field still empty. */
    function applyProfile(state: IdentityState, event: InboundEvent, timestamp: number): void {
      const newer = timestamp >= state.profileAt;
      let carried = false;
      for (const field of PROFILE_FIELDS) {
        let value = event[field];
        if (value === undefined || value === null) continue;
        if (field === 'phone') value = normalizePhone(value as string, defaultRegion);
        else if (field === 'email') value = normalizeEmail(value as string);
        else if (field === 'username') value = (value as string).replace(/^@/, '');
        if (value === null) continue;
        carried = true;
        if (state[field] === value || (!newer && state[field] !== null)) continue;
        (state as Record<ProfileField, unknown>)[field] = value;
        state.dirty = true;
        if ((field === 'phone' || field === 'email') && !isVouched(state.channel))
          claims.push([field, value as string]);
        if (CUSTOMER_FIELDS.has(field) && state.customerId !== null)
          profileChanged.add(state.customerId);
      }
      if (carried && timestamp > state.profileAt) {
        state.profileAt = timestamp;
        state.dirty = true;
      }
    }

    function recordMessage(
      state: IdentityState,
      event: InboundEvent,
      timestamp: number,
      messageId: number,
    ) {
      const inbound = event.direction === 'in';
      let change = conversations.get(state.conversationId);
      if (!change) {
        change = {
          firstAt: timestamp,
          lastAt: -Infinity,
          lastKey: '',
          lastText: '',
          lastDirection: event.direction,
          newUnread: 0,
          readUpTo: 0,
          inboundTimes: [],
        };
        conversations.set(state.conversationId, change);
      }
      if (timestamp < change.firstAt) change.firstAt = timestamp;
      if (
        timestamp > change.lastAt ||
        (timestamp === change.lastAt && event.messageId > change.lastKey)
      ) {
        change.lastAt = timestamp;
        change.lastKey = event.messageId;
        change.lastText = event.text;
        change.lastDirection = event.direction;
      }
      if (inbound) {
        change.inboundTimes.push(timestamp);
        if (timestamp > state.lastReadAt) change.newUnread++;
      }
      // A reply from the business (in the app or from the phone) means the chat was read.
      if (!inbound && timestamp > change.readUpTo) change.readUpTo = timestamp;
      if (state.customerId !== null) {
        activity.set(
          state.customerId,
          addActivity(activity.get(state.customerId), timestamp, inbound),
        );
      }
      messageEvents.push({
        type: 'message.created',
        messageId,
        conversationId: state.conversationId,
        direction: event.direction,
        ...(options.backfill && { backfill: true }),
      });
    }

    for (const event of events) {
      const timestamp = Date.parse(event.timestamp);
      const state = identityFor(event, timestamp);
      applyProfile(state, event, timestamp);
      const result = insertMessage.run(
        state.conversationId,
        event.channel,
        event.account,
        event.messageId,
        event.direction,
        event.text,
        timestamp,
        event.direction === 'in' ? 'received' : outboundStatus,
        at,
      );
      if (result.changes === 0) {
        report.duplicates++;
        continue;
      }
      report.stored++;
      recordMessage(state, event, timestamp, Number(result.lastInsertRowid));
    }

    for (const state of identities.values()) {
      const change = conversations.get(state.conversationId);
      if (state.isNew) {
        // Positional binding: these run once per new person, a million times in a backfill.
        insertIdentity.run(
          state.id,
          state.customerId,
          state.channel,
          state.account,
          state.externalId,
          state.displayName,
          state.phone,
          state.email,
          state.username,
          state.language,
          state.profilePictureUrl,
          bool(state.isBusiness),
          state.profileAt,
          at,
        );
        if (change) {
          insertConversation.run(
            state.conversationId,
            state.id,
            state.channel,
            state.account,
            change.firstAt,
            change.lastAt,
            change.lastKey,
            preview(change.lastText),
            change.lastDirection,
            change.inboundTimes.filter((t) => t > change.readUpTo).length,
            change.readUpTo,
            at,
          );
        } else {
          insertConversation.run(
            state.conversationId,
            state.id,
            state.channel,
            state.account,
            null,
            null,
            null,
            null,
            null,
            0,
            0,
            at,
          );
        }
      } else {
        if (state.dirty) updateIdentity.run(profileParams(state));
        if (change)
          updateConversation.run({ id: state.conversationId, ...conversationParams(change) });
      }
      if (change)
        conversationEvents.push({
          type: 'conversation.updated',
          conversationId: state.conversationId,
          customerId: state.customerId,
        });
    }

    for (const [customerId, members] of newCustomers) {
      const profile = deriveProfile(
        {
          id: customerId,
          displayName: null,
          nameLocked: false,
          phone: null,
          email: null,
          source: 'auto_created',
        },
        members.map((m) =>
          identityProfile(m, conversations.get(m.conversationId)?.firstAt ?? null),
        ),
      );
      insertCustomer(customerId, profile, activity.get(customerId), at);
      searchEntries.write(
        customerId,
        searchBody({
          names: [profile.displayName, ...members.map((m) => m.displayName)],
          phones: members.map((m) => m.phone),
          emails: members.map((m) => m.email),
          usernames: members.map((m) => m.username),
          notes: [],
        }),
        true,
      );
      customerEvents.push({ type: 'customer.created', customerId });
    }

    const touched = new Set([...profileChanged, ...activity.keys(), ...needsRecompute]);
    for (const customerId of touched) {
      if (newCustomers.has(customerId)) continue;
      if (needsRecompute.has(customerId)) activityWriter.recompute(customerId, at);
      else {
        const times = activity.get(customerId);
        if (times) activityWriter.merge(customerId, times, at);
      }
      if (profileChanged.has(customerId)) profiles.refresh(customerId, at, false, searchEntries);
      customerEvents.push({ type: 'customer.updated', customerId });
    }
    announceClaims(claims, customerEvents);
    searchEntries.flush();
    if (options.cursor) {
      const { channel, account, value } = options.cursor;
      saveCursor.run(channel, account, value, at);
    }
    return { report, domainEvents: [...customerEvents, ...conversationEvents, ...messageEvents] };
  }

  /**
   * Tells whoever else holds a phone or email a visitor just typed that they changed: their open
   * detail now offers the visitor as a possible match. One indexed look-up per claim, none per
   * message, none for vouched identities.
   */
  function announceClaims(claims: [ContactKind, string][], customerEvents: DomainEvent[]): void {
    if (claims.length === 0) return;
    const announced = new Set(customerEvents.map((e) => (e as { customerId: number }).customerId));
    for (const [kind, value] of claims) {
      for (const customerId of matches.holders(kind, value)) {
        if (announced.has(customerId)) continue;
        announced.add(customerId);
        customerEvents.push({ type: 'customer.updated', customerId });
      }
    }
  }

  const transaction = db.transaction(run);

  function ingestBatch(events: readonly InboundEvent[], options: IngestOptions = {}): IngestReport {
    const { report, domainEvents } = transaction.immediate(events, options);
    deps.bus.emit(domainEvents);
    return report;
  }

  return {
    ingest: (event, options) => ingestBatch([event], options),
    ingestBatch,
  };
}

const profileParams = (s: IdentityState) => ({
  id: s.id,
  displayName: s.displayName,
  phone: s.phone,
  email: s.email,
  username: s.username,
  language: s.language,
  profilePictureUrl: s.profilePictureUrl,
  isBusiness: bool(s.isBusiness),
  profileAt: s.profileAt,
});

const conversationParams = (c: ConversationChange) => ({
  firstAt: c.firstAt,
  lastAt: c.lastAt,
  lastKey: c.lastKey,
  lastText: preview(c.lastText),
  lastDirection: c.lastDirection,
  newUnread: c.newUnread,
  readUpTo: c.readUpTo,
});

type CustomerInsert = Omit<DerivedProfile, 'sourceChannel'> & { sourceChannel: Channel | null };

/** A customer whose profile and times are derived right after (from history already stored). */
const EMPTY_CUSTOMER = {
  displayName: null,
  sortName: '',
  phone: null,
  email: null,
  profilePictureUrl: null,
};

const identityProfile = (s: IdentityState, firstMessageAt: number | null): IdentityProfile => ({
  channel: s.channel,
  account: s.account,
  externalId: s.externalId,
  displayName: s.displayName,
  phone: s.phone,
  email: s.email,
  username: s.username,
  profilePictureUrl: s.profilePictureUrl,
  profileAt: s.profileAt,
  firstMessageAt,
});

/** SQL condition: the batch's newest message is newer than the conversation's (ties by id). */
const NEWER = `(last_message_at IS NULL OR @lastAt > last_message_at
  OR (@lastAt = last_message_at AND @lastKey > last_message_key))`;
