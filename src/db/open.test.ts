import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerSqlFunctions } from '../customers/sql-functions';
import { modeOf, OWNER_ONLY_FILE } from '../testing/file-modes';
import { openDatabase } from './open';

let dir: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clientela-open-'));
  // What most systems give a user's programs: files 0644, folders 0755.
  umask = process.umask(0o022);
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

const files = (db: string) => [db, `${db}-wal`, `${db}-shm`];

describe('the database files', () => {
  it('are created readable by their owner only, -wal and -shm included', () => {
    const file = join(dir, 'clientela.db');
    const db = openDatabase(file, customerSqlFunctions);
    try {
      db.prepare("INSERT INTO tags (name) VALUES ('vip')").run();
      expect(files(file).map(modeOf)).toEqual([OWNER_ONLY_FILE, OWNER_ONLY_FILE, OWNER_ONLY_FILE]);
    } finally {
      db.close();
    }
  });

  // Windows has no mode bits for an older version to have left open: its ACLs keep a profile private.
  it.runIf(process.platform !== 'win32')(
    'are tightened when an older version left them readable by others',
    () => {
      const file = join(dir, 'clientela.db');
      const older = new BetterSqlite3(file);
      older.pragma('journal_mode = WAL');
      older.exec('CREATE TABLE old (a)');
      expect(files(file).map(modeOf)).toEqual([0o644, 0o644, 0o644]);
      const db = openDatabase(file, customerSqlFunctions);
      try {
        expect(files(file).map(modeOf)).toEqual([0o600, 0o600, 0o600]);
      } finally {
        db.close();
        older.close();
      }
    },
  );
});
