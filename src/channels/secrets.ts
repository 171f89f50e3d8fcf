/**
 * Channel secrets (bot tokens, passwords) live outside the database, so that copying, exporting
 * or sharing the database never carries them. Host mode and the CLI keep them in a file only the
 * user can read; the desktop app encrypts that file with the operating system's keychain
 * (electron/secrets.ts) through the same store and a different codec.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { texts } from '../i18n/texts';
import { tighten } from '../shared/owner-only';
import { withFileLock } from './file-lock';

/** The secrets of each account, by a key such as `telegram/default`. */
export interface SecretStore {
  get(key: string): Promise<Record<string, string> | null>;
  set(key: string, secrets: Record<string, string>): Promise<void>;
  delete(key: string): Promise<void>;
}

/** How the file's bytes relate to its JSON text: as they are, or encrypted. */
export interface SecretCodec {
  encode(text: string): Buffer;
  decode(bytes: Buffer): string;
}

const plainText: SecretCodec = {
  encode: (text) => Buffer.from(text, 'utf8'),
  decode: (bytes) => bytes.toString('utf8'),
};

const SecretsFile = z.record(z.string(), z.record(z.string(), z.string()));

/** The secret store's file for a database: `secrets.json` beside it (like the avatar cache). */
export function secretsFileFor(dbFile: string): string {
  return join(dirname(dbFile), 'secrets.json');
}

/** The store key of one account's secrets. */
export const secretKey = (channel: string, account: string) => `${channel}/${account}`;

/**
 * A secret store in one file, readable and writable by its owner only (mode 0600), replaced
 * atomically and durably (a crash or a power cut leaves the old file or the new one, never half a
 * file). Several processes may share it (the CLI adding an account while host mode runs): each
 * change is read, merged and written under a lock file, so neither loses the other's account.
 */
export function createFileSecretStore(file: string, codec: SecretCodec = plainText): SecretStore {
  // A file made 0644 by an older copy or by hand is tightened before anything is read from it.
  tighten(file);

  function read(): Record<string, Record<string, string>> {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    // Never treated as empty when unreadable: the next write would erase every account's secrets.
    const damaged = () => new Error(texts().secretStoreDamaged(file));
    let json: unknown;
    try {
      json = JSON.parse(codec.decode(bytes));
    } catch {
      throw damaged();
    }
    const parsed = SecretsFile.safeParse(json);
    if (!parsed.success) throw damaged();
    return parsed.data;
  }

  function write(all: Record<string, Record<string, string>>): void {
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      // Created 0600 (the umask may only take bits away), so no instant exists where it is readable.
      const fd = openSync(temporary, 'wx', 0o600);
      try {
        writeFileSync(fd, codec.encode(JSON.stringify(all)));
        // On disk before it takes the old file's name: a power cut must not leave an empty file.
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, file);
      syncFolder(dirname(file));
    } finally {
      rmSync(temporary, { force: true });
    }
  }

  /** Reads, changes and writes the file under the lock shared with other processes. */
  function change(edit: (all: Record<string, Record<string, string>>) => boolean): Promise<void> {
    return serial(async () => {
      mkdirSync(dirname(file), { recursive: true });
      await withFileLock(`${file}.lock`, () => {
        const all = read();
        if (edit(all)) write(all);
      });
    });
  }

  // One change at a time inside this process; the lock file orders them between processes.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T> | T): Promise<T> => {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    get: (key) => serial(() => read()[key] ?? null),
    set: (key, secrets) =>
      change((all) => {
        all[key] = secrets;
        return true;
      }),
    delete: (key) =>
      change((all) => {
        if (!(key in all)) return false;
        delete all[key];
        return true;
      }),
  };
}

/** Makes a rename in `folder` durable (POSIX); Windows cannot open a folder, and needs no such step. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
