/**
 * The two kinds of access to the database, as types (after Signal Desktop's `ReadableDB` and
 * `WritableDB`, ts/sql/Interface.std.ts). A module that only reads (the customer list, stats,
 * detail, the export) takes a ReadableDB: its statements have no `run`, and its `prepare` refuses
 * a statement that would change anything, so a reader cannot write even by mistake. A module that
 * writes takes a WritableDB, which reads too. Only open.ts makes them.
 */
import type { Database } from 'better-sqlite3';

export type { Statement } from 'better-sqlite3';

declare const readable: unique symbol;
declare const writable: unique symbol;

/** A prepared statement that reads: rows out, nothing changed. */
export interface ReadStatement<Params extends unknown[], Row> {
  readonly source: string;
  get(...params: Params): Row | undefined;
  all(...params: Params): Row[];
  iterate(...params: Params): IterableIterator<Row>;
}

/** A connection, or a view of one, that can only read. */
export interface ReadableDB {
  readonly [readable]: true;
  /** The database file. */
  readonly name: string;
  /** Prepares a read; a statement that would write throws `WriteOnReaderError`. */
  prepare<Params extends unknown[] | object = unknown[], Row = unknown>(
    source: string,
  ): Params extends unknown[] ? ReadStatement<Params, Row> : ReadStatement<[Params], Row>;
}

/** The connection that writes: the whole of better-sqlite3's Database, and a reader too. */
export type WritableDB = Database & ReadableDB & { readonly [writable]: true };

/** A read-only connection of its own (exports): a snapshot as long as a read takes. */
export interface ReaderConnection extends ReadableDB {
  /** Runs `read` in one transaction: whatever it awaits, it sees the database as it was. */
  snapshot<T>(read: () => Promise<T>): Promise<T>;
  close(): void;
}

/** A reader was asked to prepare a statement that writes: a mistake in the code, never input. */
export class WriteOnReaderError extends Error {
  constructor(readonly source: string) {
    super(`A reader cannot write: ${source.trim().split(/\s+/).slice(0, 4).join(' ')}…`);
    this.name = 'WriteOnReaderError';
  }
}

/**
 * A read-only view of a connection. It asks SQLite whether each statement writes (better-sqlite3's
 * `Statement.readonly`, sqlite3_stmt_readonly), once, when it is prepared: a reader's statements
 * run at full speed.
 */
export function readOnly(db: Database): ReadableDB {
  const view = {
    get name() {
      return db.name;
    },
    prepare(source: string) {
      const statement = db.prepare(source);
      if (!statement.readonly) throw new WriteOnReaderError(source);
      return statement;
    },
  };
  // The brand is a type alone: only this module and open.ts make a ReadableDB.
  return view as unknown as ReadableDB;
}

/** Marks the connection that writes (open.ts, after its migrations). */
export const writableDB = (db: Database): WritableDB => db as WritableDB;
