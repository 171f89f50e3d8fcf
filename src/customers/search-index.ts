import type { Database } from 'better-sqlite3';
import { phoneSearchTerms } from './phone';

/** What one customer is found by: names, phone forms, emails, usernames and note text. */
export interface Searchable {
  names: (string | null)[];
  phones: (string | null)[];
  emails: (string | null)[];
  usernames: (string | null)[];
  notes: string[];
}

/** The text the full-text index holds for one customer. */
export function searchBody(s: Searchable): string {
  const parts = new Set<string>();
  for (const name of s.names) if (name) parts.add(name);
  for (const phone of s.phones)
    if (phone) for (const term of phoneSearchTerms(phone)) parts.add(term);
  for (const email of s.emails) if (email) parts.add(email);
  for (const username of s.usernames) if (username) parts.add(username);
  for (const note of s.notes) parts.add(note);
  return [...parts].join('\n');
}

/**
 * Turns what a person typed into an FTS5 query: every word must match the start of a word.
 * Phone-like words ("(11)", "99999-8888", "+55") match by their digits alone.
 * Returns null when nothing searchable was typed.
 */
export function matchQuery(typed: string): string | null {
  const terms: string[] = [];
  for (const word of typed.trim().split(/\s+/)) {
    if (word === '') continue;
    const term = /^[+\d().-]+$/.test(word) && /\d/.test(word) ? word.replace(/\D/g, '') : word;
    // A quoted FTS5 string is tokenized like the indexed text, so "maria@x.com" or "o'neil"
    // become phrases; the trailing * makes the last token a prefix.
    if (/[\p{L}\p{N}]/u.test(term)) terms.push(`"${term.replace(/"/g, '""')}"*`);
  }
  return terms.length > 0 ? terms.join(' AND ') : null;
}

/** Writes the index entry of customers, replacing any old one. */
export function createSearchIndexWriter(db: Database) {
  const remove = db.prepare<[number]>('DELETE FROM customers_fts WHERE rowid = ?');
  const insert = db.prepare<[number, string]>(
    'INSERT INTO customers_fts (rowid, body) VALUES (?, ?)',
  );
  return {
    /** `isNew`: the customer was never indexed, so there is nothing to delete first. */
    write(customerId: number, body: string, isNew = false) {
      if (!isNew) remove.run(customerId);
      insert.run(customerId, body);
    },
    remove(customerId: number) {
      remove.run(customerId);
    },
  };
}
export type SearchIndexWriter = ReturnType<typeof createSearchIndexWriter>;

/**
 * Gathers a transaction's index entries and writes them at once, in the order FTS5 wants. FTS5
 * keeps new entries in memory and writes them out as a segment (and then merges segments) each
 * time a rowid goes backwards or a delete follows an insert; written one by one, every re-indexed
 * older customer did that, ~5 ms each in a backfill. Deletes first, then inserts by rowid: at
 * most two segments per transaction.
 */
export function createSearchIndexBatch(writer: SearchIndexWriter) {
  const entries = new Map<number, { body: string; isNew: boolean }>();
  return {
    /** Stages a customer's entry (see `SearchIndexWriter.write`); the last one staged wins. */
    write(customerId: number, body: string, isNew = false) {
      const staged = entries.get(customerId);
      entries.set(customerId, { body, isNew: isNew && (staged?.isNew ?? true) });
    },
    /** Writes everything staged and starts over. */
    flush() {
      const ids = [...entries.keys()].sort((a, b) => a - b);
      for (const id of ids) if (!entries.get(id)!.isNew) writer.remove(id);
      for (const id of ids) writer.write(id, entries.get(id)!.body, true);
      entries.clear();
    },
  };
}
