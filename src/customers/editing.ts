/**
 * What every change an agent makes by hand shares (editor.ts, note-editor.ts, merge.ts): the
 * table writers, one transaction whose events are announced once it has committed, and the
 * checks of what was typed.
 */
import type { DomainEvent } from '../api/types';
import { ApiError, badInput, notFound } from '../api/errors';
import type { WritableDB } from '../db/access';
import type { Rows } from '../db/rows';
import { texts } from '../i18n/texts';
import type { EventBus } from '../events/event-bus';
import type { SettingsStore } from '../settings/store';
import { createContactLookup, normalizeEmail } from './contact-lookup';
import { normalizePhone } from './phone';
import { createCustomerWriters } from './writers';

export interface EditorDeps {
  settings: SettingsStore;
  bus: EventBus;
  now: () => number;
}

type StoredContact = Pick<Rows['customers'], 'id' | 'phone' | 'email'>;

export function createEditing(db: WritableDB, deps: EditorDeps) {
  const writers = createCustomerWriters(db);
  const contacts = createContactLookup(db);
  const customer = db.prepare<[number], StoredContact>(
    'SELECT id, phone, email FROM customers WHERE id = ?',
  );
  const conversationsOf = db.prepare<[number], Pick<Rows['conversations'], 'id'>>(
    `SELECT cv.id FROM conversations cv JOIN identities i ON i.id = cv.identity_id
     WHERE i.customer_id = ?`,
  );

  return {
    db,
    now: deps.now,
    ...writers,

    /** Runs `work` in one transaction and announces its events once it has committed. */
    commit<T>(work: (events: DomainEvent[]) => T): T {
      const events: DomainEvent[] = [];
      const result = db.transaction(() => work(events)).immediate();
      deps.bus.emit(events);
      return result;
    },

    /** The customer's own phone and email; not_found when there is no such customer. */
    requireCustomer(id: number): StoredContact {
      const row = customer.get(id);
      if (!row) throw notFound('customer');
      return row;
    },

    /** A typed phone in E.164, or a clear error; null when nothing was typed. */
    parsePhone(raw: string | null | undefined): string | null {
      if (!raw) return null;
      const phone = normalizePhone(raw, deps.settings.get().defaultRegion);
      if (!phone) throw badInput(texts().notAPhone(raw));
      return phone;
    },

    /** A typed email, lower-cased, or a clear error; null when nothing was typed. */
    parseEmail(raw: string | null | undefined): string | null {
      if (!raw) return null;
      const email = normalizeEmail(raw);
      if (!email) throw badInput(texts().notAnEmail(raw));
      return email;
    },

    /** Refuses a phone or email that already belongs to another customer: merge them instead. */
    refuseTaken(phone: string | null, email: string | null, self?: number): void {
      const owner = contacts.find(phone, null) ?? contacts.find(null, email);
      if (owner !== null && owner !== self) {
        throw new ApiError(
          'conflict',
          texts().contactTaken(contacts.find(phone, null) === owner ? 'phone' : 'email'),
          { customerId: owner },
        );
      }
    },

    /** Announces every conversation of the customer (they changed hands). */
    conversationEvents(customerId: number, events: DomainEvent[]): void {
      for (const { id } of conversationsOf.all(customerId)) {
        events.push({ type: 'conversation.updated', conversationId: id, customerId });
      }
    },
  };
}
export type Editing = ReturnType<typeof createEditing>;
