import type { WritableDB } from '../db/access';
import { foldText } from '../shared/text';
import type { CustomerStore } from './customer-store';
import { phoneSearchTerms } from './phone';

/** What one customer is found by: names, phone forms, emails, usernames and note text. */
export interface Searchable {
  names: (string | null)[];
  phones: (string | null)[];
  emails: (string | null)[];
  usernames: (string | null)[];
  notes: string[];
}

/** A stored customer's search text: its own name, phone and email, its identities', its notes. */
export function customerSearchable(
  customer: { displayName: string | null; phone: string | null; email: string | null },
  identities: {
    displayName: string | null;
    phone: string | null;
    email: string | null;
    username: string | null;
  }[],
  notes: string[],
): Searchable {
  return {
    names: [customer.displayName, ...identities.map((i) => i.displayName)],
    phones: [customer.phone, ...identities.map((i) => i.phone)],
    emails: [customer.email, ...identities.map((i) => i.email)],
    usernames: identities.map((i) => i.username),
    notes,
  };
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

/** A word made of what people write phone numbers with: "+55", "(11)", "99999-8888". */
const isPhoneWord = (word: string) => /^[+\d().-]+$/.test(word) && /\d/.test(word);

/**
 * Folded words of a text as the full-text index splits them (unicode61, accents removed): runs
 * of letters and digits, lower-cased. "João d'Ávila <ja@x.com>" -> joao d avila ja x com.
 */
function tokens(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A customer's entry as stored: the folded words of its search text, space-separated and with a
 * space at each end, so that " " + a typed word is found by `instr` exactly where the word starts
 * one of them. The full-text index holds the same words; a search that matches most customers is
 * answered by reading the list in order and checking this column, which is cheaper than building
 * the set of a hundred thousand matches (see `customers/query.ts`).
 */
export function searchWords(body: string): string {
  return ` ${tokens(body).join(' ')} `;
}

/**
 * What a person typed, as search terms: each a phrase of folded words whose last word may be
 * the start of a word. Phone-like words match by their digits alone, run together: "(11) 98" is
 * the start of one number, "1198", not any number starting with 11 and any starting with 98
 * (which, for short groups such as the "9" of "+55 21 9", meant merging the entries of a million
 * numbers).
 */
export function searchTerms(typed: string): string[][] {
  const terms: string[][] = [];
  let digits = '';
  for (const word of typed.trim().split(/\s+/)) {
    if (isPhoneWord(word)) {
      digits += word.replace(/\D/g, '');
      continue;
    }
    if (digits) terms.push([digits]);
    digits = '';
    const words = tokens(word);
    if (words.length > 0) terms.push(words);
  }
  if (digits) terms.push([digits]);
  return terms;
}

/**
 * Terms as an FTS5 query: every term must match, its last word as a prefix. Returns null when
 * nothing searchable was typed.
 */
export function matchQuery(terms: string[][]): string | null {
  // Quoted, the words are a phrase ("maria@x.com" -> "maria x com"); the * makes the last one a
  // prefix. Folded words hold only letters and digits, so nothing needs escaping.
  return terms.length > 0 ? terms.map((t) => `"${t.join(' ')}"*`).join(' AND ') : null;
}

/** Terms as `instr` needles over `searchWords`: each must occur where a word starts. */
export function wordNeedles(terms: string[][]): string[] {
  return terms.map((t) => ` ${t.join(' ')}`);
}

/**
 * The start of an international number being typed ("+55 21 9", "0055 21"), as the start of an
 * E.164 number ("+55219"); null for anything else. Such a search is answered from the stored
 * phones, whose indexes keep them in that order, instead of from the full-text index.
 */
export function internationalPhonePrefix(typed: string): string | null {
  const words = typed.trim().split(/\s+/);
  if (!words.every(isPhoneWord) || !/^(\+|00)/.test(words[0]!)) return null;
  const digits = words.join('').replace(/\D/g, '');
  const number = words[0]!.startsWith('+') ? digits : digits.slice(2);
  return number === '' ? null : `+${number}`;
}

/**
 * The one module that writes the full-text index (`customers_fts`): the search entry of
 * customers, replacing any old one, with the same words in the customer's `search_words`.
 */
export function createSearchIndexWriter(db: WritableDB, customers: CustomerStore) {
  const remove = db.prepare<[number]>('DELETE FROM customers_fts WHERE rowid = ?');
  const insert = db.prepare<[number, string]>(
    'INSERT INTO customers_fts (rowid, body) VALUES (?, ?)',
  );
  const optimize = db.prepare("INSERT INTO customers_fts (customers_fts) VALUES ('optimize')");
  /** `inRow`: the customer's row was inserted with these words already. */
  const add = (customerId: number, words: string, inRow: boolean) => {
    insert.run(customerId, words);
    if (!inRow) customers.setSearchWords(customerId, words);
  };
  return {
    /** `isNew`: the customer was never indexed, so there is nothing to delete first. */
    write(customerId: number, body: string, isNew = false) {
      if (!isNew) remove.run(customerId);
      add(customerId, searchWords(body), false);
    },
    add,
    remove(customerId: number) {
      remove.run(customerId);
    },
    /**
     * Rewrites the index as one segment. A removed entry is only marked deleted in the segment
     * that holds it (contentless_delete), its words still written there; merging every segment
     * leaves them out, so an erased person's name and numbers are gone from the index's pages.
     */
    optimize() {
      optimize.run();
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
  const entries = new Map<number, { words: string; isNew: boolean; inRow: boolean }>();
  const stage = (customerId: number, words: string, isNew: boolean, inRow: boolean) => {
    const staged = entries.get(customerId);
    entries.set(customerId, { words, isNew: isNew && (staged?.isNew ?? true), inRow });
  };
  return {
    /** Stages a customer's entry (see `SearchIndexWriter.write`); the last one staged wins. */
    write(customerId: number, body: string, isNew = false) {
      stage(customerId, searchWords(body), isNew, false);
    },
    /**
     * Stages the entry of a customer just inserted with its `words` (`searchWords`) in its row:
     * only the index is written, not the row a second time.
     */
    writeInserted(customerId: number, words: string) {
      stage(customerId, words, true, true);
    },
    /** Writes everything staged and starts over. */
    flush() {
      const ids = [...entries.keys()].sort((a, b) => a - b);
      for (const id of ids) if (!entries.get(id)!.isNew) writer.remove(id);
      for (const id of ids) {
        const { words, inRow } = entries.get(id)!;
        writer.add(id, words, inRow);
      }
      entries.clear();
    },
  };
}
