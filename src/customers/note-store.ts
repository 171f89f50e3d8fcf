/** The one module that writes the `notes` table: what agents wrote about a customer. */
import type { WritableDB } from '../db/access';

/** Writes note rows; every statement is prepared once, here. */
export function createNoteStore(db: WritableDB) {
  const insert = db.prepare<[number, string, number, number]>(
    'INSERT INTO notes (customer_id, body, created_at, updated_at) VALUES (?, ?, ?, ?)',
  );
  const update = db.prepare<[string, number, number]>(
    'UPDATE notes SET body = ?, updated_at = ? WHERE id = ?',
  );
  const remove = db.prepare<[number]>('DELETE FROM notes WHERE id = ?');
  const moveAll = db.prepare<[number, number]>(
    'UPDATE notes SET customer_id = ? WHERE customer_id = ?',
  );
  const removeOfCustomer = db.prepare<[number]>('DELETE FROM notes WHERE customer_id = ?');

  return {
    /** Adds a note; returns its id. */
    insert(customerId: number, body: string, now: number): number {
      return Number(insert.run(customerId, body, now, now).lastInsertRowid);
    },
    update(noteId: number, body: string, now: number): void {
      update.run(body, now, noteId);
    },
    delete(noteId: number): void {
      remove.run(noteId);
    },
    /** Moves every note of `sourceId` to `targetId` (a merge). */
    moveAll(targetId: number, sourceId: number): void {
      moveAll.run(targetId, sourceId);
    },
    /** Deletes every note about the customer (an erasure). */
    deleteByCustomer(customerId: number): void {
      removeOfCustomer.run(customerId);
    },
  };
}
export type NoteStore = ReturnType<typeof createNoteStore>;
