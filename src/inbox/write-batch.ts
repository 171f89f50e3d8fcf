/**
 * Writes what a batch gathered, each row once and complete: new identities with their
 * conversations, changed ones, new customers (profile, times and search entry in one insert
 * each), then the stored customers the batch touched. Returns the domain events in the order they
 * are announced, so a listener can always look up what an event refers to.
 */
import type { DomainEvent } from '../api/types';
import { holdsOwnContact } from '../customers/contact-lookup';
import { deriveProfile, type IdentityProfile } from '../customers/profile';
import { createSearchIndexBatch, searchBody, searchWords } from '../customers/search-index';
import type { Batch, IdentityState } from './batch';
import type { InboxStatements } from './statements';

export function writeBatch(statements: InboxStatements, batch: Batch, at: number): DomainEvent[] {
  const customerEvents: DomainEvent[] = [];
  const conversationEvents: DomainEvent[] = [];
  const searchEntries = createSearchIndexBatch(statements.index);

  for (const state of batch.identities.values()) {
    const change = batch.conversations.get(state.conversationId);
    if (state.isNew) {
      statements.identities.insert(state, at);
      const unread = change ? change.inboundTimes.filter((t) => t > change.readUpTo).length : 0;
      statements.conversations.insert(state.conversationId, state, change, unread, at);
    } else {
      if (state.attached) statements.identities.attach(state.id, state.customerId!);
      if (state.dirty) statements.identities.setProfile(state.id, state);
      if (change) statements.conversations.apply(state.conversationId, change);
    }
    if (change)
      conversationEvents.push({
        type: 'conversation.updated',
        conversationId: state.conversationId,
        customerId: state.customerId,
      });
  }

  for (const [customerId, members] of batch.newCustomers) {
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
        identityProfile(m, batch.conversations.get(m.conversationId)?.firstAt ?? null),
      ),
    );
    const words = searchWords(
      searchBody({
        names: [profile.displayName, ...members.map((m) => m.displayName)],
        phones: members.map((m) => m.phone),
        emails: members.map((m) => m.email),
        usernames: members.map((m) => m.username),
        notes: [],
      }),
    );
    // The row is written once, complete with its search words; the index entry at the flush.
    statements.customers.insertAutoCreated(
      customerId,
      profile,
      batch.activity.get(customerId),
      words,
      holdsOwnContact(profile, members),
      at,
    );
    searchEntries.writeInserted(customerId, words);
    customerEvents.push({ type: 'customer.created', customerId });
  }

  const { profileChanged, needsRecompute, activity } = batch;
  for (const customerId of new Set([...profileChanged, ...activity.keys(), ...needsRecompute])) {
    // A customer this batch created is complete, unless someone who waited joined it: then
    // their earlier history counts too.
    const isNew = batch.newCustomers.has(customerId);
    if (isNew && !needsRecompute.has(customerId)) continue;
    const times = activity.get(customerId);
    if (needsRecompute.has(customerId)) statements.customers.recomputeActivity(customerId, at);
    else if (times) statements.customers.mergeActivity(customerId, times, at);
    if (profileChanged.has(customerId))
      statements.profiles.refresh(customerId, at, isNew, searchEntries);
    if (!isNew) customerEvents.push({ type: 'customer.updated', customerId });
  }
  announceClaims(statements, batch.claims, customerEvents);
  searchEntries.flush();
  return [...customerEvents, ...conversationEvents, ...batch.messageEvents];
}

/**
 * Tells whoever else holds a phone or email a visitor just typed that they changed: their open
 * detail now offers the visitor as a possible match. One indexed look-up per claim, none per
 * message, none for vouched identities.
 */
function announceClaims(
  statements: InboxStatements,
  claims: Batch['claims'],
  customerEvents: DomainEvent[],
): void {
  if (claims.length === 0) return;
  const announced = new Set(customerEvents.map((e) => (e as { customerId: number }).customerId));
  for (const [kind, value] of claims) {
    for (const customerId of statements.matches.holders(kind, value)) {
      if (announced.has(customerId)) continue;
      announced.add(customerId);
      customerEvents.push({ type: 'customer.updated', customerId });
    }
  }
}

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
