/**
 * Erasing one person (LGPD art. 18, VI): every row about them, through each table's own store,
 * in one transaction; their search entries and picture files; the freed pages and the write-ahead
 * log overwritten (db/scrub.ts); their identifiers remembered as salted hashes so a history
 * import does not bring them back; the erasure logged without naming them.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { notFound } from '../api/errors';
import type { ErasureReport } from '../api/types';
import { createConversationStore } from '../conversations/conversation-store';
import { createMessageStore } from '../conversations/message-store';
import { createCustomerWriters } from '../customers/writers';
import type { WritableDB } from '../db/access';
import { scrubFreedPages, withSecureDelete } from '../db/scrub';
import type { EventBus } from '../events/event-bus';
import type { DataRequestOrigin } from '../shared/domain';
import { createErasedIdentifiers } from './erased-identifiers';
import { createPersonReader } from './person';
import type { RequestLog } from './request-log';

export interface EraserDeps {
  bus: EventBus;
  now: () => number;
  /** The database's avatar cache folder. */
  avatarDir: string;
  log: RequestLog;
}

export function createEraser(db: WritableDB, deps: EraserDeps) {
  const person = createPersonReader(db);
  const { customers, identities, notes, tags, dismissedMatches, index } = createCustomerWriters(db);
  const conversations = createConversationStore(db);
  const messages = createMessageStore(db);
  const erased = createErasedIdentifiers(db);

  /** The rows, children first; the caller's transaction makes it all or nothing. */
  const eraseRows = db.transaction((id: number, origin: DataRequestOrigin, at: number) => {
    const traces = person.traces(id);
    if (!traces) throw notFound('customer');
    const messageCount = messages.deleteByCustomer(id);
    conversations.deleteByCustomer(id);
    identities.deleteByCustomer(id);
    notes.deleteByCustomer(id);
    tags.removeCustomer(id);
    dismissedMatches.deleteByCustomer(id);
    index.remove(id);
    customers.delete(id);
    index.optimize();
    erased.remember(traces.keys, at);
    deps.log.record('erase', id, origin, at);
    return { messageCount, pictures: traces.pictures };
  });

  return {
    /**
     * Erases the customer and everything about them; not_found when there is no such customer.
     * The file is rebuilt (VACUUM), so this takes as long as copying the database once.
     */
    erase(id: number, origin: DataRequestOrigin): ErasureReport {
      const { messageCount, pictures } = withSecureDelete(db, () =>
        eraseRows.immediate(id, origin, deps.now()),
      );
      const { walEmptied } = scrubFreedPages(db);
      let removed = 0;
      for (const file of pictures) {
        const path = join(deps.avatarDir, file);
        try {
          rmSync(path);
          removed++;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
      deps.bus.emit([{ type: 'customer.deleted', customerId: id }]);
      return { customerId: id, messages: messageCount, pictures: removed, walEmptied };
    },
  };
}
