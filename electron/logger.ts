/** The app's log: a file in the user-data folder that support can ask for. */
import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MAX_BYTES = 5 * 1024 * 1024;

export interface Logger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
  file: string;
}

/** Appends timestamped lines to logs/clientela.log, keeping one older file once it grows past 5 MB. */
export function createLogger(userData: string): Logger {
  const dir = join(userData, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'clientela.log');
  const write = (level: string, message: string) => {
    try {
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES)
        renameSync(file, `${file}.1`);
      appendFileSync(file, `${new Date().toISOString()} ${level} ${message}\n`);
    } catch {
      // A log that cannot be written must never take the app down with it.
    }
  };
  return {
    file,
    info: (message) => write('INFO', message),
    error: (message, error) =>
      write(
        'ERROR',
        error instanceof Error ? `${message}: ${error.stack ?? error.message}` : message,
      ),
  };
}
