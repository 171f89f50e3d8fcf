/**
 * The backups of one open database: taken on request or daily, one at a time, their progress on
 * the event bus, their state for Settings, and the checked copy a restore starts from.
 */
import type { BackupSet, BackupStatus } from '../api/types';
import type { ReadableDB } from '../db/access';
import { schemaVersion } from '../db/open';
import type { EventBus } from '../events/event-bus';
import type { SettingsStore } from '../settings/store';
import { prepareRestore, type PreparedRestore } from './restore';
import { listSets } from './sets';
import { readRecorded, warningOf } from './status';
import { placeOf, takeBackup } from './take';

/** A daily backup is due this long after the last one. */
export const DAILY_MS = 24 * 3_600_000;
/** How often a running app looks whether one is due (and tries again after a failure). */
export const CHECK_EVERY_MS = 3_600_000;
/** Progress events at most this often: a large database copies in hundreds of steps. */
const PROGRESS_EVERY_MS = 200;

export interface Backups {
  /** Where backups go, the last one, the warning Settings shows, the backups to restore. */
  status(): BackupStatus;
  /** Takes a backup now; while one runs, a second call waits for that one. */
  run(): Promise<BackupSet>;
  /** Resolves once no backup is running. */
  idle(): Promise<void>;
  /** Starts the daily backups: one now if due, then a look every hour. */
  schedule(): void;
  /** Stops the daily backups (the database is closing). */
  stop(): void;
  /** Copies a backup beside the database and checks it: see backup/restore.ts. */
  prepareRestore(from: string): PreparedRestore;
}

export interface BackupsOptions {
  file: string;
  db: ReadableDB;
  settings: SettingsStore;
  bus: EventBus;
  now: () => number;
  nativeBinding?: string;
}

/** The backups of the database `file` (see Backups). */
export function createBackups(options: BackupsOptions): Backups {
  const { file, settings, bus, now } = options;
  let running: Promise<BackupSet> | null = null;
  let progress: { done: number; total: number } | null = null;
  let lastEvent = 0;
  let timer: NodeJS.Timeout | undefined;

  function report(done: number, total: number): void {
    progress = { done, total };
    const at = Date.now();
    if (done < total && at - lastEvent < PROGRESS_EVERY_MS) return;
    lastEvent = at;
    bus.emit([{ type: 'backup.progress', done, total }]);
  }

  const backups: Backups = {
    status() {
      const place = placeOf(file, settings.get());
      const recorded = readRecorded(file);
      return {
        ...place,
        last: recorded.last,
        failure: recorded.failure,
        warning: warningOf(recorded, now()),
        sets: listSets(place.folder),
        running: running && progress,
      };
    },
    run() {
      running ??= takeBackup(file, placeOf(file, settings.get()), {
        at: new Date(now()),
        nativeBinding: options.nativeBinding,
        onProgress: report,
      }).finally(() => {
        running = null;
        progress = null;
      });
      // Whoever shows the state (Settings, also for the daily backup) reads it again.
      running.then(
        () => bus.emit([{ type: 'backup.finished', ok: true }]),
        () => bus.emit([{ type: 'backup.finished', ok: false }]),
      );
      return running;
    },
    idle: async () => {
      await running?.catch(() => undefined);
    },
    schedule() {
      const due = () => {
        const { last } = readRecorded(file);
        return !last || now() - Date.parse(last.at) >= DAILY_MS;
      };
      // A failure is recorded (Settings warns); the next check tries again.
      const check = () => void (due() && backups.run().catch(() => undefined));
      clearInterval(timer);
      check();
      timer = setInterval(check, CHECK_EVERY_MS);
      timer.unref();
    },
    stop: () => clearInterval(timer),
    prepareRestore: (from) => prepareRestore(file, from, schemaVersion(options.db), options),
  };
  return backups;
}
