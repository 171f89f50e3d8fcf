import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** The one module that writes each table (shared/DESIGN.md: one module writes each table). */
const WRITERS: Record<string, string> = {
  customers: 'customers/customer-store.ts',
  identities: 'customers/identity-store.ts',
  notes: 'customers/note-store.ts',
  tags: 'customers/tags.ts',
  customer_tags: 'customers/tags.ts',
  dismissed_matches: 'customers/dismissed-matches.ts',
  customers_fts: 'customers/search-index.ts',
  conversations: 'conversations/conversation-store.ts',
  messages: 'conversations/message-store.ts',
  connector_cursors: 'inbox/cursor-store.ts',
  channel_accounts: 'settings/account-store.ts',
  settings: 'settings/store.ts',
  erased_identifiers: 'privacy/erased-identifiers.ts',
  data_requests: 'privacy/request-log.ts',
};

/** Production code: neither tests nor the doubles they use. */
function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : productionFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const WRITE =
  /\b(?:INSERT(?:\s+OR\s+[A-Z]+)?\s+INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)/g;

describe('the tables', () => {
  it('are each written by one module', () => {
    const writers = new Map<string, Set<string>>();
    for (const file of productionFiles(SRC)) {
      for (const [, table] of readFileSync(file, 'utf8').matchAll(WRITE)) {
        const set = writers.get(table!) ?? new Set<string>();
        set.add(relative(SRC, file).split('\\').join('/'));
        writers.set(table!, set);
      }
    }
    expect(Object.fromEntries([...writers].map(([table, files]) => [table, [...files]]))).toEqual(
      Object.fromEntries(Object.entries(WRITERS).map(([table, file]) => [table, [file]])),
    );
  });
});
