/**
 * Changes agents make by hand: create, edit and delete customers here; notes in note-editor.ts;
 * merge, split and dismissed matches in merge.ts. Each is one transaction, announced once it has
 * committed.
 */
import { ApiError, notFound } from '../api/errors';
import type { WritableDB } from '../db/access';
import type { Rows } from '../db/rows';
import { texts } from '../i18n/texts';
import type { Source } from '../shared/domain';
import { foldText } from '../shared/text';
import { createEditing, type EditorDeps } from './editing';
import { createMergeEditor } from './merge';
import { createNoteEditor } from './note-editor';

export interface NewCustomer {
  /** Null only from an import row without a name: the channel profile may name them later. */
  displayName: string | null;
  phone?: string | null;
  email?: string | null;
  tags?: string[];
  note?: string | null;
  identityId?: number;
  source?: Source;
}

export interface CustomerPatch {
  displayName?: string;
  phone?: string | null;
  email?: string | null;
  tags?: string[];
}

/** The customer editor of one connection: what the API's customer changes call. */
export function createCustomerEditor(db: WritableDB, deps: EditorDeps) {
  const editing = createEditing(db, deps);
  const { commit, customers, identities, notes, tags, profiles } = editing;
  const identity = db.prepare<[number], Pick<Rows['identities'], 'id' | 'customerId'>>(
    'SELECT id, customer_id AS customerId FROM identities WHERE id = ?',
  );

  /** The identity an agent picked to add as a customer: known, and nobody's yet. */
  function requireUnassigned(identityId: number): void {
    const found = identity.get(identityId);
    if (!found) throw notFound('contact');
    if (found.customerId !== null) {
      throw new ApiError('conflict', texts().alreadyCustomer, { customerId: found.customerId });
    }
  }

  return {
    /** Adds a customer by hand (or from an import), attaching people who wrote with that phone or email. */
    create(input: NewCustomer): number {
      const phone = editing.parsePhone(input.phone);
      const email = editing.parseEmail(input.email);
      return commit((events) => {
        editing.refuseTaken(phone, email);
        if (input.identityId !== undefined) requireUnassigned(input.identityId);
        const now = editing.now();
        const id = customers.insert(
          {
            displayName: input.displayName,
            nameLocked: input.displayName !== null,
            sortName: foldText(input.displayName ?? ''),
            phone,
            email,
            source: input.source ?? 'manual',
          },
          now,
        );
        const attached = identities.attachUnassigned(id, input.identityId ?? null, {
          phone,
          email,
        });
        if (input.tags?.length) tags.set(id, input.tags);
        if (input.note) notes.insert(id, input.note, now);
        if (attached > 0) {
          customers.recomputeActivity(id, now);
          editing.conversationEvents(id, events);
        }
        profiles.refresh(id, now, true);
        events.unshift({ type: 'customer.created', customerId: id });
        return id;
      });
    },

    /** Edits name, phone, email or tags; a typed name is kept even when channel names change. */
    update(id: number, patch: CustomerPatch): void {
      const phone = patch.phone === undefined ? undefined : editing.parsePhone(patch.phone);
      const email = patch.email === undefined ? undefined : editing.parseEmail(patch.email);
      commit((events) => {
        editing.requireCustomer(id);
        editing.refuseTaken(phone ?? null, email ?? null, id);
        customers.edit(id, { displayName: patch.displayName, phone, email });
        if (patch.tags) tags.set(id, patch.tags);
        profiles.refresh(id, editing.now());
        events.push({ type: 'customer.updated', customerId: id });
      });
    },

    /** Deletes the customer and erases everything about them: identities, conversations, messages. */
    delete(id: number): void {
      commit((events) => {
        editing.requireCustomer(id);
        editing.index.remove(id);
        customers.delete(id);
        events.push({ type: 'customer.deleted', customerId: id });
      });
    },

    ...createNoteEditor(editing),
    ...createMergeEditor(editing),
  };
}
export type CustomerEditor = ReturnType<typeof createCustomerEditor>;
