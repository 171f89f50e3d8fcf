/**
 * The state of one ingest batch: who wrote (each identity once, stored or new), which customer
 * each belongs to, what the messages did to each conversation and customer, and what to announce.
 * Nothing here writes: ingest.ts inserts the messages as they come (a duplicate is found by its
 * insert), and write-batch.ts writes the rest once, complete, when the batch ends.
 */
import type { Settings } from '../api/contract';
import type { DomainEvent, IngestReport } from '../api/types';
import type { ConversationChange } from '../conversations/conversation-store';
import { addActivity, type Activity } from '../customers/activity';
import { normalizeEmail } from '../customers/contact-lookup';
import type { NewIdentity } from '../customers/identity-store';
import { normalizePhone, phoneFromWhatsAppId } from '../customers/phone';
import type { ContactKind } from '../customers/possible-matches';
import { isVouched } from '../shared/domain';
import type { InboundEvent } from './inbound-event';
import type { InboxStatements } from './statements';

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
/** Fields that change what the customer list shows or finds; `language` and `isBusiness` do not. */
const CUSTOMER_FIELDS = new Set<ProfileField>([
  'displayName',
  'phone',
  'email',
  'username',
  'profilePictureUrl',
]);

/** One identity as the batch sees it: its stored row (or a new one), then this batch's changes. */
export interface IdentityState extends NewIdentity {
  conversationId: number;
  lastReadAt: number;
  /** Not in the database yet: inserted, with its conversation, when the batch ends. */
  isNew: boolean;
  /** Stored, and given a customer by this batch (it wrote while auto-creation was off). */
  attached: boolean;
  /** Its profile changed. */
  dirty: boolean;
}

/** What the batch's messages did to one conversation. */
export interface ConversationState extends ConversationChange {
  /** Times of the new inbound messages, to count the unread ones of a brand-new conversation. */
  inboundTimes: number[];
}

type BatchSettings = Pick<Settings, 'autoCreateCustomers' | 'defaultRegion'>;

/** A report of nothing ingested yet, that a batch (or a file of them) adds up into. */
export const emptyIngestReport = (): IngestReport => ({
  received: 0,
  stored: 0,
  duplicates: 0,
  customersCreated: 0,
  identitiesLinked: 0,
  erased: 0,
});

/** A batch's state over the inbox's statements; `backfill` marks its messages as past ones. */
export function createBatch(
  statements: InboxStatements,
  settings: BatchSettings,
  backfill: boolean,
) {
  const { autoCreateCustomers, defaultRegion } = settings;
  const ids = statements.nextIds();
  const report = emptyIngestReport();
  const identities = new Map<string, IdentityState>();
  const conversations = new Map<number, ConversationState>();
  const activity = new Map<number, Activity>();
  /** Customers created by this batch, with the identities that belong to them. */
  const newCustomers = new Map<number, IdentityState[]>();
  const newByPhone = new Map<string, number>();
  const newByEmail = new Map<string, number>();
  /** Customers already stored whose profile must be re-derived (a new identity, a new name). */
  const profileChanged = new Set<number>();
  /** Customers whose times must be recomputed from every message (someone who waited joined). */
  const needsRecompute = new Set<number>();
  /** Phones and emails web visitors typed in this batch (see write-batch.ts `announceClaims`). */
  const claims: [ContactKind, string][] = [];
  const messageEvents: DomainEvent[] = [];

  function newCustomer(identity: IdentityState): number {
    const id = ids.customer++;
    newCustomers.set(id, [identity]);
    report.customersCreated++;
    return id;
  }

  /** The same lookup for everyone a channel vouches for: this batch's new customers, then stored. */
  function findCustomer(phone: string | null, email: string | null): number | null {
    return (
      (phone ? newByPhone.get(phone) : undefined) ??
      (email ? newByEmail.get(email) : undefined) ??
      statements.contacts.find(phone, email)
    );
  }

  /**
   * Gives a vouched identity the customer its phone or email belongs to, else a new one (when
   * auto-creation is on). Only what a channel vouches for links people (shared/domain.ts
   * `isVouched`): a web visitor who types a customer's email or phone gets a customer of their
   * own, which the agent is offered as a possible match. Two visitors typing the same email are
   * two customers too: neither can prove it, and each record holds what one person said.
   */
  function assignCustomer(state: IdentityState): void {
    const vouched = isVouched(state.channel);
    const owner = vouched ? findCustomer(state.phone, state.email) : null;
    if (owner !== null) {
      state.customerId = owner;
      report.identitiesLinked++;
      const siblings = newCustomers.get(owner);
      if (siblings && state.isNew) siblings.push(state);
      else profileChanged.add(owner);
    } else if (autoCreateCustomers) {
      state.customerId = newCustomer(state);
    }
    // Whoever comes next in this batch with the same phone or email finds the new customer.
    if (vouched && state.customerId !== null && newCustomers.has(state.customerId)) {
      if (state.phone) newByPhone.set(state.phone, state.customerId);
      if (state.email) newByEmail.set(state.email, state.customerId);
    }
  }

  function newIdentity(event: InboundEvent, timestamp: number): IdentityState {
    const phone =
      (event.phone ? normalizePhone(event.phone, defaultRegion) : null) ??
      (event.channel === 'whatsapp' ? phoneFromWhatsAppId(event.externalUserId) : null) ??
      (event.channel === 'sms' ? normalizePhone(event.externalUserId, defaultRegion) : null);
    const email = normalizeEmail(event.email);
    const state: IdentityState = {
      id: ids.identity++,
      channel: event.channel,
      account: event.account,
      externalId: event.externalUserId,
      customerId: null,
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
      attached: false,
      dirty: false,
    };
    assignCustomer(state);
    if (!isVouched(state.channel)) {
      if (phone) claims.push(['phone', phone]);
      if (email) claims.push(['email', email]);
    }
    return state;
  }

  /** The identity `event` comes from: this batch's, the stored one, or a new one. */
  function identityFor(event: InboundEvent, timestamp: number): IdentityState {
    const key = `${event.channel}\n${event.account}\n${event.externalUserId}`;
    let state = identities.get(key);
    if (state) return state;
    const row = statements.storedIdentity(event.channel, event.account, event.externalUserId);
    if (!row) state = newIdentity(event, timestamp);
    else {
      state = {
        ...row,
        isBusiness: row.isBusiness === null ? null : row.isBusiness === 1,
        isNew: false,
        attached: false,
        dirty: false,
      };
      if (state.customerId === null && autoCreateCustomers) {
        // Wrote while auto-creation was off, and it is on again: the person joins the list with
        // the history already stored, looked up as a new person is (one number on WhatsApp and
        // SMS is one customer).
        assignCustomer(state);
        state.attached = true;
        needsRecompute.add(state.customerId!);
        profileChanged.add(state.customerId!);
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

  /** Folds a stored message into its conversation and its customer's times. */
  function recordMessage(
    state: IdentityState,
    event: InboundEvent,
    timestamp: number,
    messageId: number,
  ): void {
    report.stored++;
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
      ...(backfill && { backfill: true }),
    });
  }

  return {
    report,
    identities,
    conversations,
    activity,
    newCustomers,
    profileChanged,
    needsRecompute,
    claims,
    messageEvents,
    identityFor,
    applyProfile,
    recordMessage,
  };
}
export type Batch = ReturnType<typeof createBatch>;
