import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '../../../src/api/types';
import { api } from '../api/client';
import { useFormat } from '../format';

/** The customer's notes, newest first: add, edit in place, delete. */
export function NotesEditor({
  customerId,
  notes,
  onChanged,
}: {
  customerId: number;
  notes: Note[];
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: number; body: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Resolves true when the action went through; a refused one leaves what was typed in place. */
  async function run(action: Promise<unknown>): Promise<boolean> {
    try {
      await action;
      setError(null);
      await onChanged();
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  return (
    <div className="notes">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!draft.trim()) return;
          void run(api.invoke('customers.addNote', { customerId, body: draft })).then(
            (added) => added && setDraft(''),
          );
        }}
      >
        <textarea
          aria-label={t('detail.addNote')}
          placeholder={t('detail.addNote')}
          value={draft}
          rows={2}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" disabled={!draft.trim()}>
          {t('detail.saveNote')}
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {notes.length === 0 && <p className="muted">{t('detail.noNotes')}</p>}
      <ul>
        {notes.map((note) => (
          <li key={note.id} className="note">
            {editing?.id === note.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void run(
                    api.invoke('customers.updateNote', { noteId: note.id, body: editing.body }),
                  ).then((saved) => saved && setEditing(null));
                }}
              >
                <textarea
                  aria-label={t('common.edit')}
                  value={editing.body}
                  rows={3}
                  onChange={(e) => setEditing({ id: note.id, body: e.target.value })}
                />
                <button type="submit">{t('common.save')}</button>
                <button type="button" className="ghost" onClick={() => setEditing(null)}>
                  {t('common.cancel')}
                </button>
              </form>
            ) : (
              <>
                <p className="note-body">{note.body}</p>
                <div className="note-meta">
                  <span>{format.dateTime(note.updatedAt)}</span>
                  <button
                    type="button"
                    className="link"
                    onClick={() => setEditing({ id: note.id, body: note.body })}
                  >
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="link danger"
                    onClick={() =>
                      void run(api.invoke('customers.deleteNote', { noteId: note.id }))
                    }
                  >
                    {t('common.delete')}
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
