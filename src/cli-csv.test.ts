import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './cli';
import { openCore } from './core';

let dir: string;
let out: string[];
let err: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clientela-cli-csv-'));
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args) => void err.push(args.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const total = (db: string) => {
  const core = openCore(db);
  try {
    return core.customers.stats.stats(core.now(), 'UTC').totalCustomers;
  } finally {
    core.close();
  }
};
const posix = process.platform !== 'win32';
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('clientela import customers', () => {
  it('refuses a sheet that cannot be read in one line naming the line, and stores nothing', async () => {
    const db = join(dir, 'c.db');
    const sheet = join(dir, 'planilha.csv');
    const rows = Array.from({ length: 5_000 }, (_, i) => `Pessoa ${i};+55 11 9${10_000_000 + i}`);
    writeFileSync(sheet, ['nome;telefone', ...rows, '"Sem fim;+55 11 98888-1111'].join('\r\n'));
    expect(await main(['import', 'customers', '--db', db, sheet])).toBe(1);
    expect(err).toEqual(['clientela: Line 5002: a quote opens here and is never closed']);
    expect(total(db)).toBe(0);
  });

  it('says which file it cannot open, without a stack trace', async () => {
    const db = join(dir, 'c.db');
    const missing = join(dir, 'nada.csv');
    expect(await main(['import', 'customers', '--db', db, missing])).toBe(1);
    expect(err).toEqual([`clientela: cannot open ${missing}: no such file or folder`]);
    expect(await main(['import', 'customers', '--db', db, dir])).toBe(1);
    expect(err.at(-1)).toBe(`clientela: cannot open ${dir}: it is a folder`);
  });

  it('says which database it cannot open, in one line', async () => {
    const sheet = join(dir, 'planilha.csv');
    writeFileSync(sheet, 'nome\nAna\n');
    const db = join(dir, 'nada', 'c.db');
    expect(await main(['import', 'customers', '--db', db, sheet])).toBe(1);
    expect(err).toEqual([`clientela: cannot open ${db}: no such file or folder`]);
  });

  it('ends with one line and the exit code when run as a program', () => {
    const db = join(dir, 'c.db');
    const sheet = join(dir, 'planilha.csv');
    writeFileSync(sheet, 'nome;telefone\nAna;1\n"Bia;2\n');
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'cli.ts'),
        'import',
        'customers',
        '--db',
        db,
        sheet,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('clientela: Line 3: a quote opens here and is never closed\n');
  });
});

describe('clientela export customers --out', () => {
  it.runIf(posix)('writes a file only its owner can read, an existing one included', async () => {
    const db = join(dir, 'c.db');
    const csv = join(dir, 'clientes.csv');
    writeFileSync(csv, 'old');
    chmodSync(csv, 0o644);
    expect(await main(['export', 'customers', '--db', db, '--out', csv])).toBe(0);
    expect(modeOf(csv)).toBe(0o600);
    expect(readFileSync(csv, 'utf8')).toMatch(/^\uFEFFid/);
  });

  it('says so in one line when the folder does not exist', async () => {
    const db = join(dir, 'c.db');
    const csv = join(dir, 'nada', 'clientes.csv');
    expect(await main(['export', 'customers', '--db', db, '--out', csv])).toBe(1);
    expect(err).toEqual([`clientela: cannot open ${csv}: no such file or folder`]);
  });
});
