/**
 * Everything that writes a customer's tables, on one connection, each prepared once: the stores
 * (one per table) and the two writers built on them (the search index and the profile).
 */
import type { WritableDB } from '../db/access';
import { createCustomerStore } from './customer-store';
import { createDismissedMatchStore } from './dismissed-matches';
import { createIdentityStore } from './identity-store';
import { createNoteStore } from './note-store';
import { createProfileRefresher } from './profile';
import { createSearchIndexWriter } from './search-index';
import { createTagStore } from './tags';

export function createCustomerWriters(db: WritableDB) {
  const customers = createCustomerStore(db);
  const index = createSearchIndexWriter(db, customers);
  return {
    customers,
    identities: createIdentityStore(db),
    notes: createNoteStore(db),
    tags: createTagStore(db),
    dismissedMatches: createDismissedMatchStore(db),
    index,
    profiles: createProfileRefresher(db, customers, index),
  };
}
export type CustomerWriters = ReturnType<typeof createCustomerWriters>;
