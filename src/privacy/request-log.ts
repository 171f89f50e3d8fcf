/**
 * The one module that writes `data_requests`: the log of every export and erasure of one
 * person's data (LGPD art. 18: the owner can show what was asked and done). It holds when, what,
 * which customer id and from where, never a name or a number.
 */
import type { DataRequest } from '../api/types';
import type { WritableDB } from '../db/access';
import type { DataRequestKind, DataRequestOrigin } from '../shared/domain';

export function createRequestLog(db: WritableDB) {
  const insert = db.prepare<[DataRequestKind, number, DataRequestOrigin, number]>(
    'INSERT INTO data_requests (kind, customer_id, origin, at) VALUES (?, ?, ?, ?)',
  );
  const latest = db.prepare<[number], Omit<DataRequest, 'at'> & { at: number }>(
    `SELECT id, kind, customer_id AS customerId, origin, at FROM data_requests
     ORDER BY at DESC, id DESC LIMIT ?`,
  );
  return {
    record(kind: DataRequestKind, customerId: number, origin: DataRequestOrigin, at: number): void {
      insert.run(kind, customerId, origin, at);
    },
    /** The newest entries first. */
    latest: (limit: number): DataRequest[] =>
      latest.all(limit).map((row) => ({ ...row, at: new Date(row.at).toISOString() })),
  };
}
export type RequestLog = ReturnType<typeof createRequestLog>;
