/** Notes agents write about a customer: added, changed, deleted, each found by search at once. */
import type { Note } from '../api/types';
import { notFound } from '../api/errors';
import { NOTE_COLUMNS, toNote } from './detail';
import type { Editing } from './editing';

export function createNoteEditor(editing: Editing) {
  const { db, commit, notes, profiles } = editing;
  const noteById = db.prepare<[number], Parameters<typeof toNote>[0]>(
    `SELECT ${NOTE_COLUMNS} FROM notes WHERE id = ?`,
  );

  function requireNote(noteId: number) {
    const note = noteById.get(noteId);
    if (!note) throw notFound('note');
    return note;
  }

  return {
    /** Adds a note to a customer. */
    addNote(customerId: number, body: string): Note {
      return commit((events) => {
        editing.requireCustomer(customerId);
        const now = editing.now();
        const noteId = notes.insert(customerId, body, now);
        profiles.refresh(customerId, now);
        events.push({ type: 'customer.updated', customerId });
        return toNote(noteById.get(noteId)!);
      });
    },

    /** Replaces a note's text. */
    updateNote(noteId: number, body: string): Note {
      return commit((events) => {
        const note = requireNote(noteId);
        const now = editing.now();
        notes.update(noteId, body, now);
        profiles.refresh(note.customerId, now);
        events.push({ type: 'customer.updated', customerId: note.customerId });
        return toNote(noteById.get(noteId)!);
      });
    },

    deleteNote(noteId: number): void {
      commit((events) => {
        const note = requireNote(noteId);
        notes.delete(noteId);
        profiles.refresh(note.customerId, editing.now());
        events.push({ type: 'customer.updated', customerId: note.customerId });
      });
    },
  };
}
