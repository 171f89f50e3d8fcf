/**
 * Channel secrets (bot tokens, passwords) live outside the database, so that copying, exporting
 * or sharing the database never carries them. Host mode and the CLI keep them in a file only the
 * user can read; the desktop app encrypts that file with the operating system's keychain
 * (electron/secrets.ts) through the same store and a different codec.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { texts } from '../i18n/texts';

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
 * atomically (a crash mid-write leaves the old file, never half a file).
 */
export function createFileSecretStore(file: string, codec: SecretCodec = plainText): SecretStore {
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
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      // Created 0600 (the umask may only take bits away), so no instant exists where it is readable.
      writeFileSync(temporary, codec.encode(JSON.stringify(all)), { mode: 0o600, flag: 'wx' });
      renameSync(temporary, file);
      // A file made 0644 by an older copy or by hand is tightened too.
      chmodSync(file, 0o600);
    } finally {
      rmSync(temporary, { force: true });
    }
  }

  // One writer at a time inside this process: two accounts added at once must not lose one.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => T): Promise<T> => {
    const next = queue.then(task);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    get: (key) => serial(() => read()[key] ?? null),
    set: (key, secrets) =>
      serial(() => {
        const all = read();
        all[key] = secrets;
        write(all);
      }),
    delete: (key) =>
      serial(() => {
        const all = read();
        if (!(key in all)) return;
        delete all[key];
        write(all);
      }),
  };
}
