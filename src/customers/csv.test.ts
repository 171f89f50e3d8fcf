import { parse } from 'csv-parse/sync';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerFilter } from '../api/contract';
import { event, iso, NOW, tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import { exportCustomersCsv, type ExportRequest } from './csv-export';
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
      telefones: "'+5511999998888",
      canais: 'sms | whatsapp',
      origem: 'criado automaticamente',
      // 15:30 UTC on 20 November is 12:30 in São Paulo; the SMS came a month earlier.
      'visto por último': '2026-11-20 12:30:00',
      'primeiro contato': '2026-10-25 09:00:00',
      notas: '0',
    });
    const joao = rows.find((r) => r.nome?.startsWith('João'))!;
    expect(joao).toMatchObject({
      nome: 'João Araújo; "o Jota"',
      tags: 'atacado | VIP',
      notas: '1',
    });
  });

  it('neutralizes cells that a spreadsheet would run as formulas', async () => {
    core = tempCore();
    seed(core);
    const names = read(await exportText(core)).map((r) => r.nome);
    expect(names).toContain(`'=HYPERLINK("http://x")`);
    expect(names).toContain(`'@SUM(1)`);
    expect(names).toContain(`'-1+2 Pães`);
    expect(names.every((n) => !/^[=+\-@]/.test(n ?? ''))).toBe(true);
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
    expect(imported.find((c) => c.label.startsWith('João'))!.tags).toEqual(['atacado', 'VIP']);
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
