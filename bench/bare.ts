/**
 * The "bare insert" limit for ingest: the same message rows, inserted into one table that has
 * the same UNIQUE (channel, account, external_id) index, in a file of its own with the same
 * pragmas and the same batches, one transaction each. No identities, customers, conversations
 * or search index: what SQLite alone costs for the messages.
 */
import BetterSqlite3 from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { applyPragmas } from '../src/db/open';
import type { InboundEvent } from '../src/inbox/inbound-event';
import { cpuSince } from './measure';

export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/** Inserts every batch; the time counts the inserts and the final close, not making the events. */
export function bareInsert(
  file: string,
  batches: Iterable<readonly InboundEvent[]>,
): { millis: number; cpuMillis: number; rows: number } {
  removeDatabase(file);
  const db = new BetterSqlite3(file);
  applyPragmas(db);
  db.exec(`
    CREATE TABLE messages (
      id INTEGER PRIMARY KEY,
      channel TEXT NOT NULL,
      account TEXT NOT NULL,
      external_id TEXT,
      text TEXT NOT NULL,
      timestamp INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX messages_channel_account_external ON messages (channel, account, external_id);
  `);
  const insert = db.prepare<[string, string, string, string, number]>(
    'INSERT INTO messages (channel, account, external_id, text, timestamp) VALUES (?, ?, ?, ?, ?)',
  );
  const insertBatch = db.transaction((batch: readonly InboundEvent[]) => {
    for (const e of batch)
      insert.run(e.channel, e.account, e.messageId, e.text, Date.parse(e.timestamp));
  });
  return timeBatches(db, batches, insertBatch);
}

/**
 * Runs `insertBatch` over every batch, then closes the file (which checkpoints the WAL), timing
 * both: what a reference insert costs, not the making of the events.
 */
export function timeBatches(
  db: BetterSqlite3.Database,
  batches: Iterable<readonly InboundEvent[]>,
  insertBatch: (batch: readonly InboundEvent[]) => void,
): { millis: number; cpuMillis: number; rows: number } {
  let millis = 0;
  let cpuMillis = 0;
  let rows = 0;
  for (const batch of batches) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    insertBatch(batch);
    millis += performance.now() - start;
    cpuMillis += cpuSince(cpu);
    rows += batch.length;
  }
  const start = performance.now();
  const cpu = process.cpuUsage();
  db.close();
  millis += performance.now() - start;
  cpuMillis += cpuSince(cpu);
  return { millis, cpuMillis, rows };
}
