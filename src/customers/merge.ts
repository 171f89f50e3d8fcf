/**
 * Joining and parting customers by hand: merge two records of one person, split identities out
 * into a record of their own, or say that two possible matches are not the same person.
 */
import { badInput } from '../api/errors';
import type { Rows } from '../db/rows';
import { texts } from '../i18n/texts';
import { hasVouchedIdentity } from './claims';
import type { Editing } from './editing';

type OwnedIdentity = Pick<Rows['identities'], 'id' | 'phone' | 'email'>;

export function createMergeEditor(editing: Editing) {
  const { db, commit, requireCustomer, customers, identities, notes, tags, index, profiles } =
    editing;
  const vouchedIdentity = db.prepare<[number], { vouched: number }>(
    `SELECT ${hasVouchedIdentity('?')} AS vouched`,
  );
  const identitiesOf = db.prepare<[number], OwnedIdentity>(
    'SELECT id, phone, email FROM identities WHERE customer_id = ?',
  );

  return {
    /** Moves everything of `sourceId` into `targetId`, then removes `sourceId`. */
    merge(targetId: number, sourceId: number): void {
      if (targetId === sourceId) throw badInput(texts().mergeSame);
      commit((events) => {
        requireCustomer(targetId);
        const source = requireCustomer(sourceId);
        const now = editing.now();
        // A target named only by web visitors' claims does not keep that name over the other
        // record's vouched identities: the profile names the merged customer from those.
        const claimedName =
          vouchedIdentity.get(targetId)!.vouched === 0 &&
          vouchedIdentity.get(sourceId)!.vouched === 1;
        identities.moveAll(targetId, sourceId);
        notes.moveAll(targetId, sourceId);
        tags.copyAll(targetId, sourceId);
        customers.absorb(targetId, source, claimedName);
        index.remove(sourceId);
        customers.delete(sourceId);
        customers.recomputeActivity(targetId, now);
        profiles.refresh(targetId, now);
        events.push(
          { type: 'customer.deleted', customerId: sourceId },
          { type: 'customer.updated', customerId: targetId },
        );
        editing.conversationEvents(targetId, events);
      });
    },

    /** Records that two customers offered as a possible match are not the same person. */
    dismissMatch(customerId: number, otherId: number): void {
      if (customerId === otherId) throw badInput(texts().matchSelf);
      commit((events) => {
        requireCustomer(customerId);
        requireCustomer(otherId);
        editing.dismissedMatches.dismiss(customerId, otherId, editing.now());
        events.push(
          { type: 'customer.updated', customerId },
          { type: 'customer.updated', customerId: otherId },
        );
      });
    },

    /** Moves some identities (with their conversations) out into a new customer; returns its id. */
    split(customerId: number, identityIds: number[]): number {
      return commit((events) => {
        const original = requireCustomer(customerId);
        const owned = identitiesOf.all(customerId);
        const moving = owned.filter((i) => identityIds.includes(i.id));
        if (moving.length !== new Set(identityIds).size) {
          throw badInput(texts().splitForeign);
        }
        if (moving.length === owned.length) throw badInput(texts().splitAll);
        const staying = owned.filter((i) => !identityIds.includes(i.id));
        const now = editing.now();
        const id = customers.insert(
          {
            displayName: null,
            nameLocked: false,
            sortName: '',
            phone: null,
            email: null,
            // Made of the moved contacts' conversations: what the owner typed in or imported
            // stays with the original. So a visitor split out is not vouched for by the owner.
            source: 'auto_created',
          },
          now,
        );
        for (const identityId of identityIds) identities.attach(identityId, id);
        // A phone or email that came only with the moved contacts leaves with them.
        for (const kind of ['phone', 'email'] as const) {
          const value = original[kind];
          const leaves =
            value !== null &&
            moving.some((i) => i[kind] === value) &&
            !staying.some((i) => i[kind] === value);
          if (leaves) customers.clearContact(customerId, kind);
        }
        for (const customer of [customerId, id]) {
          customers.recomputeActivity(customer, now);
          profiles.refresh(customer, now, customer === id);
        }
        events.push(
          { type: 'customer.created', customerId: id },
          { type: 'customer.updated', customerId },
        );
        editing.conversationEvents(id, events);
        return id;
      });
    },
  };
}
