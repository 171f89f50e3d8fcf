import { spawn } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSecretStore, secretsFileFor, type SecretCodec } from './secrets';
import { modeOf, OWNER_ONLY_FILE } from '../testing/file-modes';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'clientela-secrets-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An AES-GCM codec, standing in for the operating system's keychain (Electron's safeStorage). */
function aesCodec(key = randomBytes(32)): SecretCodec {
  return {
    encode(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decode(bytes) {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString();
    },
  };
}

describe('the file secret store', () => {
  it('lives beside the database', () => {
    expect(secretsFileFor('/data/loja/clientela.db')).toBe('/data/loja/secrets.json');
  });

  it('keeps each account’s secrets in a file only its owner can read', async () => {
    const file = join(dir, 'secrets.json');
    const store = createFileSecretStore(file);
    expect(await store.get('telegram/default')).toBeNull();
    await store.set('telegram/default', { token: '123:abc' });
    await store.set('sms/default', { password: 's3nha' });
    expect(modeOf(file)).toBe(OWNER_ONLY_FILE);
    // Another process (the CLI beside host mode) reads what this one wrote.
    const other = createFileSecretStore(file);
    expect(await other.get('telegram/default')).toEqual({ token: '123:abc' });
    await other.delete('telegram/default');
    expect(await store.get('telegram/default')).toBeNull();
    expect(await store.get('sms/default')).toEqual({ password: 's3nha' });
  });

  it('tightens a file someone left readable by others', async () => {
    const file = join(dir, 'secrets.json');
    writeFileSync(file, '{}', { mode: 0o644 });
    await createFileSecretStore(file).set('webchat/default', { secret: 'x' });
    expect(modeOf(file)).toBe(OWNER_ONLY_FILE);
  });

  it('loses nothing when accounts are saved at the same moment, and leaves no temporary files', async () => {
    const store = createFileSecretStore(join(dir, 'secrets.json'));
    await Promise.all(
      Array.from({ length: 20 }, (_, n) => store.set(`telegram/a${n}`, { token: `t${n}` })),
    );
    for (let n = 0; n < 20; n++)
      expect(await store.get(`telegram/a${n}`)).toEqual({ token: `t${n}` });
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  });

  it('with an encrypting codec, the token is not in the file’s bytes', async () => {
    const file = join(dir, 'secrets.bin');
    const codec = aesCodec();
    await createFileSecretStore(file, codec).set('telegram/default', {
      token: '987654:SECRET-TOKEN',
    });
    expect(readFileSync(file).includes('SECRET-TOKEN')).toBe(false);
    expect(await createFileSecretStore(file, codec).get('telegram/default')).toEqual({
      token: '987654:SECRET-TOKEN',
    });
  });

  it('says the store is damaged instead of treating it as empty', async () => {
    const file = join(dir, 'secrets.json');
    writeFileSync(file, '{"telegram/default": 5}');
    await expect(createFileSecretStore(file).get('telegram/default')).rejects.toThrow(/damaged/);
    writeFileSync(file, '{"telegram/def');
    await expect(createFileSecretStore(file).set('sms/default', {})).rejects.toThrow(/damaged/);
    expect(readFileSync(file, 'utf8')).toBe('{"telegram/def');
  });
});

describe('two processes saving secrets at once', () => {
  const writer = join(import.meta.dirname, 'testing', 'secrets-writer.ts');

  /** A writer in a child process, loaded and waiting for `go`. */
  async function start(file: string, prefix: string, count: number) {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file, prefix, String(count)]);
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    const ended = new Promise<{ first: number; last: number }>((resolve, reject) =>
      child.on('close', (code) =>
        code === 0
          ? resolve(JSON.parse(out.split('\n')[1]!))
          : reject(new Error(`writer ${prefix}: ${err}`)),
      ),
    );
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk;
        if (out.startsWith('ready\n')) resolve();
      }),
    );
    return { go: () => child.stdin.write('go\n'), ended };
  }

  it('keeps every account both of them added', async () => {
    const file = join(dir, 'secrets.json');
    await createFileSecretStore(file).set('telegram/loja', { token: 'kept' });
    const count = 150;
    const writers = await Promise.all([start(file, 'cli', count), start(file, 'app', count)]);
    for (const w of writers) w.go();
    const [a, b] = await Promise.all(writers.map((w) => w.ended));
    // The two really wrote at the same time.
    expect(a!.first < b!.last && b!.first < a!.last).toBe(true);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { token: string }>;
    const expected = ['telegram/loja'];
    for (let i = 0; i < count; i++) expected.push(`cli/${i}`, `app/${i}`);
    expect(Object.keys(saved).sort()).toEqual(expected.sort());
    expect(saved['cli/7']).toEqual({ token: 'cli-7' });
    expect(modeOf(file)).toBe(OWNER_ONLY_FILE);
    expect(readdirSync(dir)).toEqual(['secrets.json']);
  }, 60_000);
});
