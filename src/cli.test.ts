import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './cli';
import { readXlsx } from './customers/xlsx-read';
import { openCore } from './core';
import { modeOf, OWNER_ONLY_FILE } from './testing/file-modes';

let dir: string;
let out: string[];
let err: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'clientela-cli-'));
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args) => void err.push(args.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const line = (overrides: Record<string, unknown>) =>
  JSON.stringify({
    channel: 'whatsapp',
    account: 'default',
    direction: 'in',
    messageId: 'm',
    externalUserId: '5511999998888@c.us',
    displayName: 'Maria Souza',
    phone: '+5511999998888',
    email: null,
    username: null,
    text: 'Olá! Vocês entregam hoje?',
    timestamp: new Date().toISOString(),
    ...overrides,
  });

describe('clientela ingest and stats', () => {
  it('ingests JSON Lines, reports bad lines by number and still ingests the rest', async () => {
    const db = join(dir, 'c.db');
    const file = join(dir, 'events.jsonl');
    writeFileSync(
      file,
      [
        line({ messageId: 'a1' }),
        '{not json',
        line({ messageId: 'a2', channel: 'fax' }),
        '',
        line({
          messageId: 'b1',
          externalUserId: '5521988887777@c.us',
          displayName: 'João',
          phone: null,
        }),
        line({ messageId: 'a3', timestamp: 'yesterday' }),
      ].join('\n'),
    );
    expect(await main(['ingest', '--db', db, file])).toBe(2);
    expect(err).toEqual([
      'line 2: not valid JSON',
      expect.stringMatching(/^line 3: channel: /),
      expect.stringMatching(/^line 6: timestamp: /),
    ]);
    expect(out.join('\n')).toContain(
      '5 lines read: 2 messages stored, 0 already present (skipped), 2 customers created',
    );

    out = [];
    expect(await main(['ingest', '--db', db, file])).toBe(2);
    expect(out.join('\n')).toContain('2 already present (skipped), 0 customers created');

    out = [];
    expect(await main(['stats', '--db', db, '--json'])).toBe(0);
    expect(JSON.parse(out[0]!)).toEqual({
      totalCustomers: 2,
      newCustomersThisMonth: 2,
      activeCustomersThisWeek: 2,
    });
  });

  it('exports the filtered customers to a CSV file and imports a sheet', async () => {
    const db = join(dir, 'c.db');
    const file = join(dir, 'events.jsonl');
    writeFileSync(
      file,
      [
        line({ messageId: 'a1' }),
        line({
          messageId: 'b1',
          channel: 'telegram',
          externalUserId: '77',
          username: 'jota',
          displayName: 'João',
          phone: null,
        }),
      ].join('\n'),
    );
    await main(['ingest', '--db', db, file]);
    const csv = join(dir, 'out.csv');
    expect(
      await main([
        'export',
        'customers',
        '--db',
        db,
        '--out',
        csv,
        '--channel',
        'telegram',
        '--delimiter',
        ',',
      ]),
    ).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.trim().split('\r\n')).toHaveLength(2);
    expect(text).toContain(',João,');
    expect(await main(['export', 'customers', '--db', db, '--delimiter', '|'])).toBe(64);

    const sheet = join(dir, 'sheet.csv');
    writeFileSync(sheet, 'nome;telefone\nPaula;(11) 95555-4444\nMaria Souza;+55 11 99999-8888\n');
    out = [];
    expect(await main(['import', 'customers', '--db', db, sheet])).toBe(0);
    expect(out.join('\n')).toContain('2 rows: 1 customers created, 1 updated, 0 skipped');
  });

  it('explains usage mistakes instead of failing with a stack trace', async () => {
    expect(await main(['stats'])).toBe(64);
    expect(err.join('\n')).toMatch(/--db FILE is required[\s\S]*Usage: clientela/);
    expect(await main(['frobnicate', '--db', join(dir, 'x.db')])).toBe(64);
    expect(err.join('\n')).toMatch(/unknown command "frobnicate"/);
  });

  it('refuses a database from a newer Clientela with its message', async () => {
    const db = join(dir, 'new.db');
    const core = openCore(db);
    core.db.pragma('user_version = 42');
    core.close();
    expect(await main(['stats', '--db', db])).toBe(1);
    expect(err.join('\n')).toMatch(/newer version of Clientela/);
  });
});

const total = (db: string) => {
  const core = openCore(db);
  try {
    return core.customers.stats.stats(core.now(), 'UTC').totalCustomers;
  } finally {
    core.close();
  }
};

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

  it('says with --preview what it would create, update and skip, and stores nothing', async () => {
    const db = join(dir, 'c.db');
    const sheet = join(dir, 'contatos.csv');
    writeFileSync(sheet, 'Name,Phone Number\nAna,+55 11 91111-2222\nBia,não tem\n,abc\n');
    expect(await main(['import', 'customers', '--db', db, sheet, '--preview'])).toBe(0);
    expect(out.at(-1)).toBe(
      '3 rows: 2 customers would be created, 0 updated, 1 skipped; nothing was stored (without --preview it is)',
    );
    expect(err).toEqual([
      'line 4: skipped: "abc" is not a phone number',
      'line 3: imported without: "não tem" is not a phone number',
    ]);
    expect(total(db)).toBe(0);
    expect(await main(['import', 'customers', '--db', db, sheet])).toBe(0);
    expect(out.at(-1)).toBe('3 rows: 2 customers created, 0 updated, 1 skipped');
    expect(total(db)).toBe(2);
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
  it('writes a file only its owner can read, an existing one included', async () => {
    const db = join(dir, 'c.db');
    const csv = join(dir, 'clientes.csv');
    writeFileSync(csv, 'old');
    chmodSync(csv, 0o644);
    expect(await main(['export', 'customers', '--db', db, '--out', csv])).toBe(0);
    expect(modeOf(csv)).toBe(OWNER_ONLY_FILE);
    expect(readFileSync(csv, 'utf8')).toMatch(/^\uFEFFid/);
  });

  it('writes an Excel workbook for an --out ending in .xlsx, that the import reads back', async () => {
    const db = join(dir, 'c.db');
    const sheet = join(dir, 'planilha.csv');
    writeFileSync(sheet, 'nome;telefone\nAna Lúcia;(11) 91111-2222\nBia;+55 21 93333-4444\n');
    expect(await main(['import', 'customers', '--db', db, sheet])).toBe(0);
    const xlsx = join(dir, 'clientes.xlsx');
    expect(await main(['export', 'customers', '--db', db, '--out', xlsx, '--search', 'ana'])).toBe(
      0,
    );
    expect(err.at(-1)).toBe(`1 customers written to ${xlsx}`);
    expect(modeOf(xlsx)).toBe(OWNER_ONLY_FILE);
    const rows = [...readXlsx(readFileSync(xlsx))].map((r) => r.cells.slice(1, 3));
    expect(rows).toEqual([
      ['name', 'phones'],
      ['Ana Lúcia', '+55 11 91111-2222'],
    ]);
    expect(await main(['export', 'customers', '--db', db, '--format', 'pdf'])).toBe(64);
    expect(err.at(-1)).toMatch(/^clientela: --format must be one of csv, xlsx\n/);
  });

  it('says so in one line when the folder does not exist', async () => {
    const db = join(dir, 'c.db');
    const csv = join(dir, 'nada', 'clientes.csv');
    expect(await main(['export', 'customers', '--db', db, '--out', csv])).toBe(1);
    expect(err).toEqual([`clientela: cannot open ${csv}: no such file or folder`]);
  });
});

describe('clientela serve', () => {
  const token = 'cli-test-token-0123456789';

  /** Starts `serve` on `db`; resolves once it has printed its address, with that address. */
  async function serving(db: string, ...more: string[]) {
    const printed = out.length;
    const running = main(['serve', '--db', db, '--port', '0', ...more]);
    const url = await vi.waitFor(
      () => {
        const found = out
          .slice(printed)
          .join('\n')
          .match(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
        if (!found) throw new Error('no address yet');
        return new URL(found[0]);
      },
      { timeout: 10_000 },
    );
    const stop = async () => {
      process.emit('SIGINT');
      expect(await running).toBe(0);
    };
    return { url, token: url.searchParams.get('token')!, stop };
  }

  const status = (url: URL, token: string) =>
    fetch(`${url.origin}/api/customers/stats`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then((response) => response.status);

  it('prints the address with its token once, serves the inbox, and stops on Ctrl+C', async () => {
    const running = await serving(join(dir, 'c.db'), '--token', token);
    expect(running.token).toBe(token);
    expect(out.join('\n').match(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/g)).toHaveLength(1);
    const stats = await fetch(`${running.url.origin}/api/customers/stats`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(await stats.json()).toEqual({
      totalCustomers: 0,
      newCustomersThisMonth: 0,
      activeCustomersThisWeek: 0,
    });
    expect((await fetch(`${running.url.origin}/api/customers/stats`)).status).toBe(401);

    await running.stop();
    await expect(fetch(`${running.url.origin}/`)).rejects.toThrow();
  });

  it('keeps its token beside the database: the address stays the same after a restart', async () => {
    const db = join(dir, 'c.db');
    const first = await serving(db);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    await first.stop();
    const second = await serving(db);
    expect(second.token).toBe(first.token);
    expect(await status(second.url, first.token)).toBe(200);
    await second.stop();
  });

  it('token rotate replaces it: the running server refuses the old one within seconds', async () => {
    const db = join(dir, 'c.db');
    const running = await serving(db);
    expect(await main(['token', 'rotate', '--db', db])).toBe(0);
    const fresh = out.join('\n').match(/The new token:\s+(\S+)/)![1]!;
    expect(fresh).not.toBe(running.token);
    await vi.waitFor(async () => expect(await status(running.url, running.token)).toBe(401), {
      timeout: 8_000,
      interval: 200,
    });
    expect(await status(running.url, fresh)).toBe(200);
    // The server says where it is reached now.
    expect(out.join('\n')).toContain(`The access token was replaced. The new address:`);
    expect(out.join('\n')).toContain(`?token=${fresh}`);
    await running.stop();
  });

  it('refuses a guessable token and a port out of range, saying why', async () => {
    const db = join(dir, 'c.db');
    expect(await main(['serve', '--db', db, '--port', '0', '--token', 'abc'])).toBe(64);
    expect(err.join('\n')).toContain('16 to 256');
    expect(await main(['serve', '--db', db, '--port', '70000'])).toBe(64);
    expect(err.join('\n')).toContain('--port must be a number from 0 to 65535');
  });

  it('refuses to start on a seed switch that is neither true nor false, and says which', async () => {
    const db = join(dir, 'c.db');
    vi.stubEnv('CUSTOMER_AUTO_CREATION_ENABLED', 'talvez');
    try {
      expect(await main(['serve', '--db', db, '--port', '0'])).toBe(64);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(err.join('\n')).toContain(
      'CUSTOMER_AUTO_CREATION_ENABLED must be true or false, not "talvez"',
    );
    expect(existsSync(db)).toBe(false);
  });

  it('says which settings the environment fixes while it runs', async () => {
    vi.stubEnv('WHATSAPP_PROFILE_PICTURE_FETCH_ENABLED', '0');
    try {
      const running = await serving(join(dir, 'c.db'));
      expect(out.join('\n')).toContain(
        'Set by the environment while this runs, and not saved: WHATSAPP_PROFILE_PICTURE_FETCH_ENABLED=false.',
      );
      await running.stop();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
