/**
 * One person's data under the LGPD, for the handler table, host mode and the command line: a copy
 * of it as a zip (export.ts), its erasure (erase.ts), and the log of both (request-log.ts).
 */
import { notFound } from '../api/errors';
import type { DataRequest, ErasureReport } from '../api/types';
import type { WritableDB } from '../db/access';
import type { EventBus } from '../events/event-bus';
import type { DataRequestOrigin } from '../shared/domain';
import { writeZip } from '../shared/zip';
import { createEraser } from './erase';
import { personalDataEntries, personalDataFileName } from './export';
import { createPersonReader } from './person';
import { createRequestLog } from './request-log';

export interface PrivacyDeps {
  bus: EventBus;
  now: () => number;
  /** The database's avatar cache folder. */
  avatarDir: string;
}

export function createPrivacy(db: WritableDB, deps: PrivacyDeps) {
  const log = createRequestLog(db);
  const person = createPersonReader(db);
  const eraser = createEraser(db, { ...deps, log });

  return {
    /**
     * Writes the customer's data as one zip file through `write`, then logs the export; returns
     * the file's name. not_found (nothing written) when there is no such customer.
     */
    exportZip(id: number, origin: DataRequestOrigin, write: (chunk: Uint8Array) => void): string {
      const record = person.record(id);
      if (!record) throw notFound('customer');
      const at = deps.now();
      writeZip(personalDataEntries(record, deps.avatarDir, at), write);
      log.record('export', id, origin, at);
      return personalDataFileName(id, at);
    },

    /** Erases the customer and everything about them (erase.ts). */
    erase: (id: number, origin: DataRequestOrigin): ErasureReport => eraser.erase(id, origin),

    /** The newest exports and erasures first. */
    log: (limit: number): DataRequest[] => log.latest(limit),
  };
}
export type Privacy = ReturnType<typeof createPrivacy>;
