/**
 * An uncaught exception or unhandled rejection leaves the main process in an unknown state, with
 * connectors half-run and nobody told. Instead: the error is logged, the owner is told in the
 * app's language, and the app starts afresh (what was stored is safe: every write is a committed
 * SQLite transaction). Crashing again and again stops the relaunching: a loop of dialogs helps
 * nobody, and the message then says to send the log.
 */
import { app, dialog } from 'electron';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from './logger';
import { desktopTexts } from './texts';

/** This many crashes within the window, and the app stops relaunching itself. */
export const CRASHES_BEFORE_GIVING_UP = 3;
export const CRASH_WINDOW_MS = 5 * 60_000;
/** How long a last orderly stop (connectors, database) may take before the app exits anyway. */
const CLEANUP_MS = 3_000;

export interface CrashOptions {
  log: Logger;
  /** Where recent crash times are kept across relaunches. */
  userData: string;
  /** Stops what can still be stopped (connectors, the database) before the app exits. */
  cleanUp(): Promise<void>;
  /** The process whose failures are caught (a stand-in in tests). */
  source?: NodeJS.EventEmitter;
  now?: () => number;
}

/** Catches the main process's failures from now on. */
export function relaunchOnCrash(options: CrashOptions): void {
  const source = options.source ?? process;
  const now = options.now ?? Date.now;
  const record = join(options.userData, 'logs', 'crashes.json');
  let handling = false;

  async function crashed(kind: string, error: unknown): Promise<void> {
    options.log.error(`${kind} in the main process`, error);
    // A failure while handling the first one must not start a second dialog.
    if (handling) return;
    handling = true;
    const recent = [...readCrashTimes(record), now()].filter((t) => now() - t < CRASH_WINDOW_MS);
    writeCrashTimes(record, recent);
    const text = desktopTexts();
    const givingUp = recent.length >= CRASHES_BEFORE_GIVING_UP;
    dialog.showErrorBox(
      text.crashTitle,
      givingUp ? text.crashGivingUp(options.log.file) : text.crashRestarting(options.log.file),
    );
    await Promise.race([
      options
        .cleanUp()
        .catch((cause: unknown) => options.log.error('stopping after a crash', cause)),
      new Promise((resolve) => setTimeout(resolve, CLEANUP_MS).unref()),
    ]);
    if (givingUp) options.log.error(`${recent.length} crashes in a row: not relaunching`);
    else app.relaunch();
    app.exit(1);
  }

  source.on('uncaughtException', (error) => void crashed('uncaught exception', error));
  source.on('unhandledRejection', (reason) => void crashed('unhandled rejection', reason));
}

function readCrashTimes(file: string): number[] {
  try {
    const times: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(times) ? times.filter((t): t is number => typeof t === 'number') : [];
  } catch {
    return [];
  }
}

function writeCrashTimes(file: string, times: number[]): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(times));
  } catch {
    // Without the record the app relaunches as usual; the guard is a nicety, not a duty.
  }
}
