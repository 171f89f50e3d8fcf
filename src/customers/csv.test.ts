import { parse } from 'csv-parse/sync';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerFilter } from '../api/contract';
import { event, iso, NOW, tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import { exportCustomersCsv } from './csv-export';
import type { ExportRequest } from './export-rows';
import { csvCell, GUARD_CHAR, splitValues, unguard } from './csv';
import { importCustomersCsv } from './csv-import';

let core: TestCore;
let other: TestCore | undefined;
afterEach(() => {
  core?.dispose();
  other?.dispose();
  other = undefined;
});

const DAY = 86_400_000;

async function exportText(
  c: TestCore,
  request: Partial<ExportRequest> = {},
  onProgress?: (d: number, t: number) => void,
) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportCustomersCsv(c, { filter: {}, ...request }, out, { onProgress, pageSize: 2 });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

const read = (text: string, delimiter = ';') =>
  parse(text, { bom: true, delimiter, columns: true, relax_column_count: false }) as Record<
    string,
    string
  >[];

/** A Brazilian shop: Portuguese chosen in Settings, so ";" and Portuguese headers by default. */
function seed(c: TestCore) {
  c.settings.update({ language: 'pt-BR' });
  c.inbox.ingestBatch([
    whatsapp('5511999998888', {
      displayName: 'Maria Souza',
      timestamp: '2026-11-20T15:30:00.000Z',
    }),
    whatsapp('5521988887777', {
      displayName: 'João Araújo; "o Jota"',
      timestamp: iso(NOW - 2 * DAY),
    }),
    event({
      channel: 'telegram',
      externalUserId: '31',
      username: 'conceicao',
      displayName: '=HYPERLINK("http://x")',
      timestamp: iso(NOW - 3 * DAY),
    }),
    event({
      channel: 'webchat',
      externalUserId: 'v9',
      displayName: '@SUM(1)',
      email: 'ana@loja.com.br',
      timestamp: iso(NOW - 4 * DAY),
    }),
    event({ channel: 'sms', externalUserId: '+5511999998888', timestamp: iso(NOW - 30 * DAY) }),
  ]);
  const joao = c.customers.list.list({ search: 'joao', sort: 'name', limit: 1 }, 'UTC').items[0]!;
  c.customers.editor.update(joao.id, { tags: ['VIP', 'atacado'] });
  c.customers.editor.addNote(joao.id, 'Linha 1\nLinha 2; com "aspas"');
  c.customers.editor.create({ displayName: '-1+2 Pães', phone: '+55 11 3333-4444' });
}

describe('CSV export', () => {
  it('writes what the list shows, for Excel in Portuguese: BOM, ";", accents, local dates', async () => {
    core = tempCore();
    seed(core);
    const text = await exportText(core);
    expect(
      text.startsWith(
        '\uFEFFid;nome;telefones;emails;usuários;canais;origem;primeiro contato;visto por último;tags;notas\r\n',
      ),
    ).toBe(true);
    const rows = read(text);
    const listed = core.customers.list.list(
      { sort: 'lastSeen', limit: 100 },
      'America/Sao_Paulo',
    ).items;
    expect(rows.map((r) => Number(r.id))).toEqual(listed.map((c) => c.id));
    const maria = rows.find((r) => r.nome === 'Maria Souza')!;
    expect(maria).toMatchObject({
      telefones: `${GUARD_CHAR}+55 11 99999-8888`,
      canais: 'sms | whatsapp',
      origem: 'criado automaticamente',
      // 15:30 UTC on 20 November is 12:30 in São Paulo; the SMS came a month earlier.
      'visto por último': '2026-11-20 12:30:00',
      'primeiro contato': '2026-10-25 09:00:00',
      notas: '',
    });
    const joao = rows.find((r) => r.nome?.startsWith('João'))!;
    expect(joao).toMatchObject({
      nome: 'João Araújo; "o Jota"',
      tags: 'atacado | VIP',
      notas: 'Linha 1\nLinha 2; com "aspas"',
    });
  });

  it('neutralizes cells that a spreadsheet would run as formulas', async () => {
    core = tempCore();
    seed(core);
    const names = read(await exportText(core)).map((r) => r.nome);
    expect(names).toContain(`${GUARD_CHAR}=HYPERLINK("http://x")`);
    expect(names).toContain(`${GUARD_CHAR}@SUM(1)`);
    expect(names).toContain(`${GUARD_CHAR}-1+2 Pães`);
    expect(names.every((n) => !/^[=+\-@]/.test(n ?? ''))).toBe(true);
  });

  it('quotes a cell holding either separator, a tab or a line break, whatever the file uses', async () => {
    core = tempCore();
    core.settings.update({ language: 'pt-BR' });
    // Where another reading of the file starts a cell, a formula is guarded as at the start.
    const cells: Record<string, string> = {
      'ok;=1+1': `"ok;${GUARD_CHAR}=1+1"`,
      'ok,=1+1': `"ok,${GUARD_CHAR}=1+1"`,
      'ok\t=1+1': `"ok\t${GUARD_CHAR}=1+1"`,
      'ok\n=1+1': `"ok\n${GUARD_CHAR}=1+1"`,
      'ok;"=1+1"': `"ok;${GUARD_CHAR}""=1+1"""`,
      'ok;1+1': '"ok;1+1"',
    };
    for (const name of Object.keys(cells)) core.customers.editor.create({ displayName: name });
    for (const delimiter of [';', ','] as const) {
      const text = await exportText(core, { delimiter });
      for (const cell of Object.values(cells))
        expect(text).toContain(`${delimiter}${cell}${delimiter}`);
      // Opened with the other separator (or as tab-separated text), no cell is a formula.
      for (const other of [';', ',', '\t'].filter((d) => d !== delimiter)) {
        const cells = parse(text, {
          bom: true,
          delimiter: other,
          relax_column_count: true,
          relax_quotes: true,
        }).flat();
        expect(cells.filter((c: string) => /^"*[=+\-@]/.test(c))).toEqual([]);
      }
    }
  });

  it('uses "," when asked, and applies the same filters and search as the list', async () => {
    core = tempCore();
    seed(core);
    const filters: CustomerFilter[] = [
      { channel: 'whatsapp' },
      { tag: 'vip' },
      { search: 'ana@loja' },
      { source: 'manual' },
      { search: 'nobody' },
    ];
    for (const filter of filters) {
      const rows = read(await exportText(core, { filter, delimiter: ',' }), ',');
      const listed = core.customers.list.list(
        { ...filter, sort: 'lastSeen', limit: 100 },
        'UTC',
      ).items;
      expect(
        rows.map((r) => Number(r.id)),
        JSON.stringify(filter),
      ).toEqual(listed.map((c) => c.id));
    }
  });

  it('writes English headers for English users, and only the header when nobody matches', async () => {
    core = tempCore();
    core.settings.update({ language: 'en' });
    const text = await exportText(core);
    expect(text).toBe(
      '\uFEFFid,name,phones,emails,usernames,channels,source,first contact,last seen,tags,notes\r\n',
    );
  });

  it('reports progress up to the total', async () => {
    core = tempCore();
    seed(core);
    const progress: [number, number][] = [];
    await exportText(core, {}, (done, total) => progress.push([done, total]));
    expect(progress.at(-1)).toEqual([5, 5]);
    expect(progress.length).toBeGreaterThan(1);
  });
});

describe('CSV import', () => {
  it('recreates the customers of our own export in another database', async () => {
    core = tempCore();
    seed(core);
    const text = await exportText(core);
    other = tempCore();
    const report = await importCustomersCsv(other, text);
    expect(report).toMatchObject({ rows: 5, created: 5, updated: 0, skipped: [] });
    const imported = other.customers.list.list({ sort: 'name', limit: 100 }, 'UTC').items;
    expect(imported.map((c) => c.label).sort()).toEqual(
      [
        '-1+2 Pães',
        '=HYPERLINK("http://x")',
        '@SUM(1)',
        'João Araújo; "o Jota"',
        'Maria Souza',
      ].sort(),
    );
    expect(imported.every((c) => c.source === 'import')).toBe(true);
    expect(imported.find((c) => c.label === 'Maria Souza')).toMatchObject({
      phone: '+5511999998888',
    });
    expect(imported.find((c) => c.label === '@SUM(1)')).toMatchObject({ email: 'ana@loja.com.br' });
    const joao = imported.find((c) => c.label.startsWith('João'))!;
    expect(joao.tags).toEqual(['atacado', 'VIP']);
    expect(other.customers.detail.get(joao.id).notes.map((n) => n.body)).toEqual([
      'Linha 1\nLinha 2; com "aspas"',
    ]);
  });

  it('upserts a plain sheet by phone, ninth digit or not, into the customer WhatsApp created', async () => {
    core = tempCore();
    core.inbox.ingest(whatsapp('5511977776666', { displayName: 'Rô' }));
    const sheet = [
      'Nome;Telefone;E-mail;Tags',
      'Rosana Dias;(11) 97777-6666;rosana@exemplo.com;fiel',
      'Rosana D.;+55 11 7777-6666;;vip',
      'Carlos;(21) 98888-1111;;',
      ';abc;;',
      'Sem Telefone;12;carlos2@exemplo.com;',
    ].join('\r\n');
    const report = await importCustomersCsv(core, sheet);
    expect(report).toMatchObject({ rows: 5, created: 2, updated: 2 });
    expect(report.skipped).toEqual([{ line: 5, reason: '"abc" is not a phone number' }]);
    expect(report.warnings).toEqual([
      // The first row named her; a second name for the same phone is reported, not swapped in.
      {
        line: 3,
        reason: 'imported without: the name "Rosana D." (the name typed in the app stays)',
      },
      { line: 6, reason: 'imported without: "12" is not a phone number' },
    ]);
    const rosana = core.customers.list.list(
      { search: '97777', sort: 'name', limit: 5 },
      'UTC',
    ).items;
    expect(rosana).toHaveLength(1);
    expect(rosana[0]).toMatchObject({
      displayName: 'Rosana Dias',
      email: 'rosana@exemplo.com',
      tags: ['fiel', 'vip'],
      source: 'auto_created',
      channels: ['whatsapp'],
    });
    expect(core.customers.stats.stats(NOW, 'UTC').totalCustomers).toBe(3);
  });

  it('refuses a sheet without a header naming its columns', async () => {
    core = tempCore();
    await expect(importCustomersCsv(core, 'Maria;11999998888\n')).rejects.toThrow(
      /must name the columns/,
    );
    await expect(importCustomersCsv(core, '\uFEFF')).rejects.toThrow(/empty/);
  });
});

describe('CSV cells', () => {
  it('guards what a spreadsheet would run, and gives it back unchanged when read', () => {
    const G = GUARD_CHAR;
    const cases: [string, string][] = [
      ['=1+1', `${G}=1+1`],
      ['+1', `${G}+1`],
      ['-1', `${G}-1`],
      ['@SUM(A1)', `${G}@SUM(A1)`],
      // A tab or a line break starts a cell when the file is read as tab-separated text.
      ['\t=1', `"${G}\t${G}=1"`],
      ['\r=1', `"${G}\r${G}=1"`],
      ['a;-1 | b,@c', `"a;${G}-1 | b,${G}@c"`],
      // Phones read as written, with nothing shown before them, and never as numbers (5.5E+12).
      ['+55 11 99999-8888', `${G}+55 11 99999-8888`],
      ['+55 11 99999-8888 | +55 21 98888-7777', `${G}+55 11 99999-8888 | +55 21 98888-7777`],
      // Already starting with an apostrophe or a guard: guarded again, so reading it back strips
      // only ours.
      ["'=1", `${G}'=1`],
      [`${G}=1`, `${G}${G}=1`],
      ["'ok", "'ok"],
      ['Maria', 'Maria'],
      ['', ''],
    ];
    for (const [value, cell] of cases) {
      expect(csvCell(value), JSON.stringify(value)).toBe(cell);
      const read = parse(cell, { relax_quotes: true })[0]?.[0] ?? '';
      expect(unguard(read), JSON.stringify(value)).toBe(value);
    }
  });

  it('splits multi-valued cells at lone bars, reading "||" as a bar', () => {
    expect(splitValues('a | b||c |  | d|')).toEqual(['a', 'b|c', 'd']);
    expect(splitValues('x|| | ||y')).toEqual(['x|', '|y']);
  });
});
