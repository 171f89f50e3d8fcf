import type { Database } from 'better-sqlite3';
import type { DomainEvent, Note } from '../api/types';
import { ApiError, badInput, notFound } from '../api/errors';
import type { EventBus } from '../events/event-bus';
import type { SettingsStore } from '../settings/store';
import type { Source } from '../shared/domain';
import { foldText } from '../shared/text';
import { createActivityWriter } from './activity';
import { hasVouchedIdentity, VOUCHED_CHANNELS } from './claims';
import { createContactLookup, normalizeEmail } from './contact-lookup';
import { NOTE_COLUMNS, toNote } from './detail';
import { normalizePhone } from './phone';
import { createProfileRefresher } from './profile';
import { createSearchIndexWriter } from './search-index';
import { createTagStore } from './tags';
import { texts } from '../i18n/texts';

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

/** Changes agents make by hand: create, edit, notes, merge, split, delete. */
export function createCustomerEditor(
  db: Database,
  deps: { settings: SettingsStore; bus: EventBus; now: () => number },
) {
  const contacts = createContactLookup(db);
  const profiles = createProfileRefresher(db);
  const activity = createActivityWriter(db);
  const tags = createTagStore(db);
  const index = createSearchIndexWriter(db);

  const exists = db.prepare<[number], { id: number; phone: string | null; email: string | null }>(
    'SELECT id, phone, email FROM customers WHERE id = ?',
  );
  const insertCustomer = db.prepare(
    `INSERT INTO customers (display_name, name_locked, sort_name, phone, email, source, created_at, updated_at)
     VALUES (@displayName, @nameLocked, @sortName, @phone, @email, @source, @now, @now)`,
  );
  const identity = db.prepare<[number], { id: number; customerId: number | null }>(
    'SELECT id, customer_id AS customerId FROM identities WHERE id = ?',
  );
  const attachUnassigned = db.prepare<{
    customerId: number;
    identityId: number | null;
    phone: string | null;
    email: string | null;
  }>(
    // The identity the agent picked, and whoever a channel vouches for with that phone or email;
    // never a visitor who only typed it (customers/claims.ts).
    `UPDATE identities SET customer_id = @customerId
     WHERE customer_id IS NULL AND (id = @identityId
       OR ((phone = @phone OR email = @email) AND channel IN ${VOUCHED_CHANNELS}))`,
  );
  const vouchedIdentity = db.prepare<[number], { vouched: number }>(
    `SELECT ${hasVouchedIdentity('?')} AS vouched`,
  );
  const conversationsOf = db.prepare<[number], { id: number }>(
    `SELECT cv.id FROM conversations cv JOIN identities i ON i.id = cv.identity_id
     WHERE i.customer_id = ?`,
  );
  const insertNote = db.prepare<[number, string, number, number]>(
    'INSERT INTO notes (customer_id, body, created_at, updated_at) VALUES (?, ?, ?, ?)',
  );
  const noteById = db.prepare<[number], Parameters<typeof toNote>[0]>(
    `SELECT ${NOTE_COLUMNS} FROM notes WHERE id = ?`,
  );
  const updateNote = db.prepare<[string, number, number]>(
    'UPDATE notes SET body = ?, updated_at = ? WHERE id = ?',
  );
  const deleteNote = db.prepare<[number]>('DELETE FROM notes WHERE id = ?');
  const deleteCustomer = db.prepare<[number]>('DELETE FROM customers WHERE id = ?');
  const dismissPair = db.prepare<[number, number, number]>(
    'INSERT OR IGNORE INTO dismissed_matches (customer_id, other_id, created_at) VALUES (?, ?, ?)',
  );

  /** Runs `work` in one transaction and announces its events once it has committed. */
  function commit<T>(work: (events: DomainEvent[]) => T): T {
    const events: DomainEvent[] = [];
    const result = db.transaction(() => work(events)).immediate();
    deps.bus.emit(events);
    return result;
  }

  function requireCustomer(id: number) {
    const row = exists.get(id);
    if (!row) throw notFound('customer');
    return row;
  }

  function parsePhone(raw: string | null | undefined): string | null {
    if (!raw) return null;
    const phone = normalizePhone(raw, deps.settings.get().defaultRegion);
    if (!phone) throw badInput(texts().notAPhone(raw));
    return phone;
  }

  function parseEmail(raw: string | null | undefined): string | null {
    if (!raw) return null;
    const email = normalizeEmail(raw);
    if (!email) throw badInput(texts().notAnEmail(raw));
    return email;
  }

  /** Refuses a phone or email that already belongs to another customer: merge them instead. */
  function refuseTaken(phone: string | null, email: string | null, self?: number) {
    const owner = contacts.find(phone, null) ?? contacts.find(null, email);
    if (owner !== null && owner !== self) {
      throw new ApiError(
        'conflict',
        texts().contactTaken(contacts.find(phone, null) === owner ? 'phone' : 'email'),
        { customerId: owner },
      );
    }
  }

  function conversationEvents(customerId: number, events: DomainEvent[]) {
    for (const { id } of conversationsOf.all(customerId)) {
      events.push({ type: 'conversation.updated', conversationId: id, customerId });
    }
  }

  return {
    /** Adds a customer by hand (or from an import), attaching people who wrote with that phone or email. */
    create(input: NewCustomer): number {
      const phone = parsePhone(input.phone);
      const email = parseEmail(input.email);
      return commit((events) => {
        refuseTaken(phone, email);
        if (input.identityId !== undefined) {
          const found = identity.get(input.identityId);
          if (!found) throw notFound('contact');
          if (found.customerId !== null) {
            throw new ApiError('conflict', texts().alreadyCustomer, {
              customerId: found.customerId,
            });
          }
        }
        const now = deps.now();
        const id = Number(
          insertCustomer.run({
            displayName: input.displayName,
            nameLocked: input.displayName === null ? 0 : 1,
            sortName: foldText(input.displayName ?? ''),
            phone,
            email,
            source: input.source ?? 'manual',
            now,
          }).lastInsertRowid,
        );
        const attached = attachUnassigned.run({
          customerId: id,
          identityId: input.identityId ?? null,
          phone,
          email,
        });
        if (input.tags?.length) tags.set(id, input.tags);
        if (input.note) insertNote.run(id, input.note, now, now);
        if (attached.changes > 0) {
          activity.recompute(id, now);
          conversationEvents(id, events);
        }
        profiles.refresh(id, now, true);
        events.unshift({ type: 'customer.created', customerId: id });
        return id;
      });
    },

    /** Edits name, phone, email or tags; a typed name is kept even when channel names change. */
    update(id: number, patch: CustomerPatch): void {
      const phone = patch.phone === undefined ? undefined : parsePhone(patch.phone);
      const email = patch.email === undefined ? undefined : parseEmail(patch.email);
      commit((events) => {
        requireCustomer(id);
        refuseTaken(phone ?? null, email ?? null, id);
        const sets: string[] = [];
        const params: Record<string, unknown> = { id, now: deps.now() };
        if (patch.displayName !== undefined) {
          sets.push('display_name = @displayName', 'name_locked = 1');
          params.displayName = patch.displayName;
        }
        if (phone !== undefined) {
          sets.push('phone = @phone');
          params.phone = phone;
        }
        if (email !== undefined) {
          sets.push('email = @email');
          params.email = email;
        }
        if (sets.length > 0)
          db.prepare(`UPDATE customers SET ${sets.join(', ')} WHERE id = @id`).run(params);
        if (patch.tags) tags.set(id, patch.tags);
        profiles.refresh(id, deps.now());
        events.push({ type: 'customer.updated', customerId: id });
      });
    },

    addNote(customerId: number, body: string): Note {
      return commit((events) => {
        requireCustomer(customerId);
        const now = deps.now();
        const noteId = Number(insertNote.run(customerId, body, now, now).lastInsertRowid);
        profiles.refresh(customerId, now);
        events.push({ type: 'customer.updated', customerId });
        return toNote(noteById.get(noteId)!);
      });
    },

    updateNote(noteId: number, body: string): Note {
      return commit((events) => {
        const note = noteById.get(noteId);
        if (!note) throw notFound('note');
        const now = deps.now();
        updateNote.run(body, now, noteId);
        profiles.refresh(note.customerId, now);
        events.push({ type: 'customer.updated', customerId: note.customerId });
        return toNote(noteById.get(noteId)!);
      });
    },

    deleteNote(noteId: number): void {
      commit((events) => {
        const note = noteById.get(noteId);
        if (!note) throw notFound('note');
        deleteNote.run(noteId);
        profiles.refresh(note.customerId, deps.now());
        events.push({ type: 'customer.updated', customerId: note.customerId });
      });
    },

    /** Deletes the customer and erases everything about them: identities, conversations, messages. */
    delete(id: number): void {
      commit((events) => {
        requireCustomer(id);
        index.remove(id);
        deleteCustomer.run(id);
        events.push({ type: 'customer.deleted', customerId: id });
      });
    },

    /** Moves everything of `sourceId` into `targetId`, then removes `sourceId`. */
    merge(targetId: number, sourceId: number): void {
      if (targetId === sourceId) throw badInput(texts().mergeSame);
      commit((events) => {
        requireCustomer(targetId);
        const source = requireCustomer(sourceId);
        const now = deps.now();
        const move = { targetId, sourceId };
        // A target named only by web visitors' claims does not keep that name over the other
        // record's vouched identities: the profile names the merged customer from those.
        const claimedName =
          vouchedIdentity.get(targetId)!.vouched === 0 &&
          vouchedIdentity.get(sourceId)!.vouched === 1;
        db.prepare(
          'UPDATE identities SET customer_id = @targetId WHERE customer_id = @sourceId',
        ).run(move);
        db.prepare('UPDATE notes SET customer_id = @targetId WHERE customer_id = @sourceId').run(
          move,
        );
        db.prepare(
          `INSERT OR IGNORE INTO customer_tags (customer_id, tag_id)
           SELECT @targetId, tag_id FROM customer_tags WHERE customer_id = @sourceId`,
        ).run(move);
        db.prepare(
          `UPDATE customers SET
             phone = coalesce(phone, @phone), email = coalesce(email, @email),
             display_name = CASE WHEN name_locked = 1 THEN display_name
                                 ELSE coalesce((SELECT display_name FROM customers WHERE id = @sourceId AND name_locked = 1), display_name) END,
             -- The agent merged into the record whose name they saw: it stays, even when the other
             -- record's profile is newer. A target without a name still takes one from its profiles.
             name_locked = CASE WHEN name_locked = 1 THEN 1
                                WHEN display_name IS NOT NULL AND NOT @claimedName THEN 1
                                ELSE (SELECT name_locked FROM customers WHERE id = @sourceId) END,
             created_at = min(created_at, (SELECT created_at FROM customers WHERE id = @sourceId))
           WHERE id = @targetId`,
        ).run({
          ...move,
          phone: source.phone,
          email: source.email,
          claimedName: Number(claimedName),
        });
        index.remove(sourceId);
        deleteCustomer.run(sourceId);
        activity.recompute(targetId, now);
        profiles.refresh(targetId, now);
        events.push(
          { type: 'customer.deleted', customerId: sourceId },
          { type: 'customer.updated', customerId: targetId },
        );
        conversationEvents(targetId, events);
      });
    },

    /** Records that two customers offered as a possible match are not the same person. */
    dismissMatch(customerId: number, otherId: number): void {
      if (customerId === otherId) throw badInput(texts().matchSelf);
      commit((events) => {
        requireCustomer(customerId);
        requireCustomer(otherId);
        dismissPair.run(Math.min(customerId, otherId), Math.max(customerId, otherId), deps.now());
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
        const owned = db
          .prepare<[number], { id: number; phone: string | null; email: string | null }>(
            'SELECT id, phone, email FROM identities WHERE customer_id = ?',
          )
          .all(customerId);
        const moving = owned.filter((i) => identityIds.includes(i.id));
        if (moving.length !== new Set(identityIds).size) {
          throw badInput(texts().splitForeign);
        }
        if (moving.length === owned.length) throw badInput(texts().splitAll);
        const staying = owned.filter((i) => !identityIds.includes(i.id));
        const now = deps.now();
        const id = Number(
          insertCustomer.run({
            displayName: null,
            nameLocked: 0,
            sortName: '',
            phone: null,
            email: null,
            // Made of the moved contacts' conversations: what the owner typed in or imported
            // stays with the original. So a visitor split out is not vouched for by the owner.
            source: 'auto_created',
            now,
          }).lastInsertRowid,
        );
        const move = db.prepare<[number, number]>(
          'UPDATE identities SET customer_id = ? WHERE id = ?',
        );
        for (const identityId of identityIds) move.run(id, identityId);
        // A phone or email that came only with the moved contacts leaves with them.
        const leaves = (value: string | null, key: 'phone' | 'email') =>
          value !== null &&
          moving.some((i) => i[key] === value) &&
          !staying.some((i) => i[key] === value);
        if (leaves(original.phone, 'phone'))
          db.prepare('UPDATE customers SET phone = NULL WHERE id = ?').run(customerId);
        if (leaves(original.email, 'email'))
          db.prepare('UPDATE customers SET email = NULL WHERE id = ?').run(customerId);
        for (const customer of [customerId, id]) {
          activity.recompute(customer, now);
          profiles.refresh(customer, now, customer === id);
        }
        events.push(
          { type: 'customer.created', customerId: id },
          { type: 'customer.updated', customerId },
        );
        conversationEvents(id, events);
        return id;
      });
    },
  };
}
export type CustomerEditor = ReturnType<typeof createCustomerEditor>;
