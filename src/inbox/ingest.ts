import type { Database } from 'better-sqlite3';
import type { DomainEvent, IngestReport } from '../api/types';
import { addActivity, createActivityWriter, type Activity } from '../customers/activity';
import { createContactLookup, normalizeEmail } from '../customers/contact-lookup';
import { normalizePhone, phoneFromWhatsAppId } from '../customers/phone';
import { createProfileRefresher } from '../customers/profile';
import type { SettingsStore } from '../settings/store';
import type { Direction } from '../shared/domain';
import { preview } from '../shared/text';
import type { EventBus } from './event-bus';
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
const CUSTOMER_FIELDS = new Set<ProfileField>(['displayName', 'phone', 'email', 'username', 'profilePictureUrl']);

/** One identity as the batch sees it: its stored row, then this batch's changes. */
interface IdentityState extends Profile {
  id: number;
  customerId: number | null;
  conversationId: number;
  lastReadAt: number;
  profileAt: number;
  dirty: boolean;
}

interface ConversationChange {
  id: number;
  customerId: number | null;
  firstAt: number;
  lastAt: number;
  lastKey: string;
  lastText: string;
  lastDirection: Direction;
  newUnread: number;
  readUpTo: number;
}

type IdentityRow = Omit<IdentityState, 'dirty' | 'isBusiness'> & { isBusiness: number | null };

export interface IngestOptions {
  /** The connector's resume point, committed together with these messages. */
  cursor?: ConnectorCursor;
  /** Outbound messages typed in the app are stored as `pending` until their channel accepts them. */
  outboundStatus?: 'sent' | 'pending';
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

/** The inbox: turns InboundEvents into stored customers, conversations and messages. */
export function createInbox(
  db: Database,
  deps: { settings: SettingsStore; bus: EventBus; now?: () => number },
): Inbox {
  const now = deps.now ?? Date.now;
  const lookupIdentity = db.prepare<[string, string, string], IdentityRow>(
    `SELECT i.id, i.customer_id AS customerId, c.id AS conversationId, c.last_read_at AS lastReadAt,
            i.display_name AS displayName, i.phone, i.email, i.username, i.language,
            i.profile_picture_url AS profilePictureUrl, i.is_business AS isBusiness,
            i.profile_at AS profileAt
     FROM identities i LEFT JOIN conversations c ON c.identity_id = i.id
     WHERE i.channel = ? AND i.account = ? AND i.external_id = ?`,
  );
  const insertCustomer = db.prepare(
    `INSERT INTO customers (sort_name, source, source_channel, source_account, original_external_id,
                            created_at, updated_at)
     VALUES ('', 'auto_created', @channel, @account, @externalId, @now, @now)`,
  );
  const insertIdentity = db.prepare(
    `INSERT INTO identities (customer_id, channel, account, external_id, display_name, phone, email,
                             username, language, profile_picture_url, is_business, profile_at, created_at)
     VALUES (@customerId, @channel, @account, @externalId, @displayName, @phone, @email, @username,
             @language, @profilePictureUrl, @isBusiness, @profileAt, @now)`,
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
  const insertConversation = db.prepare(
    `INSERT INTO conversations (identity_id, channel, account, created_at)
     VALUES (@identityId, @channel, @account, @now)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (conversation_id, channel, account, external_id, direction, text, timestamp,
                           status, created_at)
     VALUES (@conversationId, @channel, @account, @externalId, @direction, @text, @timestamp,
             @status, @now)
     ON CONFLICT (channel, account, external_id) DO NOTHING`,
  );
  const updateConversation = db.prepare(
    `UPDATE conversations SET
       first_message_at = CASE WHEN first_message_at IS NULL OR first_message_at > @firstAt
                          THEN @firstAt ELSE first_message_at END,
       last_message_at = CASE WHEN ${newer} THEN @lastAt ELSE last_message_at END,
       last_message_key = CASE WHEN ${newer} THEN @lastKey ELSE last_message_key END,
       last_message_text = CASE WHEN ${newer} THEN @lastText ELSE last_message_text END,
       last_message_direction = CASE WHEN ${newer} THEN @lastDirection ELSE last_message_direction END,
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
  const profiles = createProfileRefresher(db);
  const activityWriter = createActivityWriter(db);

  function run(
    events: readonly InboundEvent[],
    options: IngestOptions,
  ): { report: IngestReport; domainEvents: DomainEvent[] } {
    const { autoCreateCustomers, defaultRegion } = deps.settings.get();
    const at = now();
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
    const created = new Set<number>();
    const profileChanged = new Set<number>();
    const needsRecompute = new Set<number>();
    const domainEvents: DomainEvent[] = [];

    function createCustomer(event: InboundEvent): number {
      const id = Number(
        insertCustomer.run({
          channel: event.channel,
          account: event.account,
          externalId: event.externalUserId,
          now: at,
        }).lastInsertRowid,
      );
      created.add(id);
      report.customersCreated++;
      return id;
    }

    function identityFor(event: InboundEvent, timestamp: number): IdentityState {
      const key = `${event.channel}\n${event.account}\n${event.externalUserId}`;
      let state = identities.get(key);
      if (state) return state;
      const row = lookupIdentity.get(event.channel, event.account, event.externalUserId);
      if (row && row.conversationId !== null) {
        state = { ...row, isBusiness: row.isBusiness === null ? null : row.isBusiness === 1, dirty: false };
        if (state.customerId === null && autoCreateCustomers) {
          // Wrote while auto-creation was off, and it is on again: now the person joins the list.
          state.customerId = createCustomer(event);
          attachIdentity.run(state.customerId, state.id);
          needsRecompute.add(state.customerId);
        }
      } else {
        const phone =
          (event.phone ? normalizePhone(event.phone, defaultRegion) : null) ??
          (event.channel === 'whatsapp' ? phoneFromWhatsAppId(event.externalUserId) : null) ??
          (event.channel === 'sms' ? normalizePhone(event.externalUserId, defaultRegion) : null);
        const email = normalizeEmail(event.email);
        let customerId = contacts.find(phone, email);
        if (customerId !== null) report.identitiesLinked++;
        else if (autoCreateCustomers) customerId = createCustomer(event);
        const profile: Profile = {
          displayName: event.displayName ?? null,
          phone,
          email,
          username: event.username?.replace(/^@/, '') ?? null,
          language: event.language ?? null,
          profilePictureUrl: event.profilePictureUrl ?? null,
          isBusiness: event.isBusiness ?? null,
        };
        const identityId = Number(
          insertIdentity.run({
            ...profile,
            isBusiness: profile.isBusiness === null ? null : Number(profile.isBusiness),
            customerId,
            channel: event.channel,
            account: event.account,
            externalId: event.externalUserId,
            profileAt: timestamp,
            now: at,
          }).lastInsertRowid,
        );
        const conversationId = Number(
          insertConversation.run({
            identityId,
            channel: event.channel,
            account: event.account,
            now: at,
          }).lastInsertRowid,
        );
        if (customerId !== null) profileChanged.add(customerId);
        state = {
          ...profile,
          id: identityId,
          customerId,
          conversationId,
          lastReadAt: 0,
          profileAt: timestamp,
          dirty: false,
        };
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
        if (CUSTOMER_FIELDS.has(field) && state.customerId !== null) profileChanged.add(state.customerId);
      }
      if (carried && timestamp > state.profileAt) {
        state.profileAt = timestamp;
        state.dirty = true;
      }
    }

    function recordMessage(state: IdentityState, event: InboundEvent, timestamp: number, messageId: number) {
      const inbound = event.direction === 'in';
      let change = conversations.get(state.conversationId);
      if (!change) {
        change = {
          id: state.conversationId,
          customerId: state.customerId,
          firstAt: timestamp,
          lastAt: -Infinity,
          lastKey: '',
          lastText: '',
          lastDirection: event.direction,
          newUnread: 0,
          readUpTo: 0,
        };
        conversations.set(state.conversationId, change);
      }
      change.firstAt = Math.min(change.firstAt, timestamp);
      if (timestamp > change.lastAt || (timestamp === change.lastAt && event.messageId > change.lastKey)) {
        change.lastAt = timestamp;
        change.lastKey = event.messageId;
        change.lastText = preview(event.text);
        change.lastDirection = event.direction;
      }
      if (inbound && timestamp > state.lastReadAt) change.newUnread++;
      // A reply from the business (in the app or from the phone) means the chat was read.
      if (!inbound) change.readUpTo = Math.max(change.readUpTo, timestamp);
      if (state.customerId !== null) {
        activity.set(state.customerId, addActivity(activity.get(state.customerId), timestamp, inbound));
      }
      domainEvents.push({
        type: 'message.created',
        messageId,
        conversationId: state.conversationId,
        direction: event.direction,
      });
    }

    for (const event of events) {
      const timestamp = Date.parse(event.timestamp);
      const state = identityFor(event, timestamp);
      applyProfile(state, event, timestamp);
      const result = insertMessage.run({
        conversationId: state.conversationId,
        channel: event.channel,
        account: event.account,
        externalId: event.messageId,
        direction: event.direction,
        text: event.text,
        timestamp,
        status: event.direction === 'in' ? 'received' : (options.outboundStatus ?? 'sent'),
        now: at,
      });
      if (result.changes === 0) {
        report.duplicates++;
        continue;
      }
      report.stored++;
      recordMessage(state, event, timestamp, Number(result.lastInsertRowid));
    }

    for (const state of identities.values()) {
      if (state.dirty) {
        updateIdentity.run({ ...state, isBusiness: state.isBusiness === null ? null : Number(state.isBusiness) });
      }
    }
    for (const change of conversations.values()) {
      updateConversation.run({
        id: change.id,
        firstAt: change.firstAt,
        lastAt: change.lastAt,
        lastKey: change.lastKey,
        lastText: change.lastText,
        lastDirection: change.lastDirection,
        newUnread: change.newUnread,
        readUpTo: change.readUpTo,
      });
      domainEvents.push({ type: 'conversation.updated', conversationId: change.id, customerId: change.customerId });
    }
    const touched = new Set([...created, ...profileChanged, ...activity.keys(), ...needsRecompute]);
    for (const customerId of touched) {
      if (needsRecompute.has(customerId)) activityWriter.recompute(customerId, at);
      else {
        const times = activity.get(customerId);
        if (times) activityWriter.merge(customerId, times, at);
      }
      if (profileChanged.has(customerId) || created.has(customerId)) {
        profiles.refresh(customerId, at, created.has(customerId));
      }
      domainEvents.push({
        type: created.has(customerId) ? 'customer.created' : 'customer.updated',
        customerId,
      });
    }
    if (options.cursor) {
      const { channel, account, value } = options.cursor;
      saveCursor.run(channel, account, value, at);
    }
    // Customers first, then conversations, then messages: a listener can always look up what an
    // event refers to.
    domainEvents.sort((a, b) => EVENT_ORDER[a.type] - EVENT_ORDER[b.type]);
    return { report, domainEvents };
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

/** SQL condition: the batch's newest message is newer than the conversation's (ties by id). */
const newer = `(last_message_at IS NULL OR @lastAt > last_message_at
  OR (@lastAt = last_message_at AND @lastKey > last_message_key))`;

const EVENT_ORDER: Record<DomainEvent['type'], number> = {
  'customer.created': 0,
  'customer.updated': 1,
  'customer.deleted': 2,
  'conversation.updated': 3,
  'message.created': 4,
  'message.updated': 5,
  'channel.status': 6,
};
