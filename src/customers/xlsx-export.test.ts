/**
 * The customer list as an Excel workbook: read back part by part with the zip reader, as a
 * spreadsheet program would (LibreOffice itself opens one in `npm run verify:sheets`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { writeXlsx, type Cell } from '../shared/xlsx-writer';
import { openZip } from '../shared/zip-read';
import { event, iso, NOW, tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import type { ExportRequest } from './export-rows';
import { exportCustomersXlsx } from './xlsx-export';
import { readXlsx } from './xlsx-read';
import { written } from './testing/sheets';

let core: TestCore;
afterEach(() => core?.dispose());

const MB = 1024 * 1024;

const exportXlsx = (c: TestCore, request: Partial<ExportRequest> = {}) =>
  written((out) => exportCustomersXlsx(c, { filter: {}, ...request }, out, { pageSize: 2 }));

const part = (xlsx: Buffer, name: string) =>
  openZip(xlsx, { maxEntryBytes: 64 * MB })
    .read(name)!
    .toString('utf8');

/** The sheet's cells by reference ("C2"), as written: style, type and value. */
function cells(xlsx: Buffer) {
  const sheet = part(xlsx, 'xl/worksheets/sheet1.xml');
  const found = new Map<string, { s: string | null; t: string | null; value: string }>();
  for (const m of sheet.matchAll(/<c r="([A-Z]+\d+)"( s="(\d)")?( t="(\w+)")?>(.*?)<\/c>/g))
    found.set(m[1]!, {
      s: m[3] ?? null,
      t: m[5] ?? null,
      value: /<(?:v|t[^>]*)>(.*?)<\/(?:v|t)>/.exec(m[6]!)?.[1] ?? '',
    });
  return { sheet, found };
}

function seed(c: TestCore) {
  c.settings.update({ language: 'pt-BR', timeZone: 'America/Sao_Paulo' });
  c.inbox.ingestBatch([
    whatsapp('5511999998888', {
      displayName: 'Maria Souza',
      timestamp: '2026-11-20T15:30:00.000Z',
    }),
    event({
      channel: 'telegram',
      externalUserId: '31',
      username: 'conceicao',
      displayName: '=HYPERLINK("http://x")',
      timestamp: iso(NOW - 86_400_000),
    }),
  ]);
  const id = c.customers.editor.create({
    displayName: 'Ana & <Bia>',
    phone: '+55 21 3333-4444',
    tags: ['vip', 'atacado'],
  });
  c.customers.editor.addNote(id, 'Linha 1\nLinha 2');
}

describe('XLSX export', () => {
  it('writes typed cells: phones as text, dates as dates in the business time zone, tags in one cell', async () => {
    core = tempCore();
    seed(core);
    const xlsx = await exportXlsx(core);
    const { sheet, found } = cells(xlsx);
    // Header: bold (style 3), Portuguese.
    expect(found.get('B1')).toEqual({ s: '3', t: 'inlineStr', value: 'nome' });
    expect(found.get('I1')?.value).toBe('visto por último');
    // Maria, seen last on 2026-11-20 15:30 UTC: 12:30 in São Paulo, as an Excel serial date.
    const maria = [...found].find(([, c]) => c.value === 'Maria Souza')![0].slice(1);
    expect(found.get(`C${maria}`)).toEqual({ s: '2', t: 'inlineStr', value: '+55 11 99999-8888' });
    const serial = Number(found.get(`I${maria}`)!.value);
    expect(found.get(`I${maria}`)!.s).toBe('1');
    expect(new Date(Math.round((serial - 25_569) * 86_400_000)).toISOString()).toBe(
      '2026-11-20T12:30:00.000Z',
    );
    // Text is text: a formula is never one, and what XML must escape is escaped.
    expect(sheet).not.toMatch(/<f>/);
    expect([...found.values()].map((c) => c.value)).toEqual(
      expect.arrayContaining(['=HYPERLINK("http://x")', 'Ana &amp; &lt;Bia&gt;', 'atacado | vip']),
    );
    expect(sheet).toContain('<autoFilter ref="A1:K4"/>');
    expect(sheet).toContain('state="frozen"');
    expect(part(xlsx, 'xl/workbook.xml')).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Clientes'!$A$1:$K$4</definedName>`,
    );
    expect(part(xlsx, 'xl/styles.xml')).toContain('formatCode="dd/mm/yyyy hh:mm"');
  });

  it('holds the rows the filtered list shows, in its order, and reports progress', async () => {
    core = tempCore();
    seed(core);
    const progress: [number, number][] = [];
    const xlsx = await written((out) =>
      exportCustomersXlsx(core, { filter: { channel: 'whatsapp' }, language: 'en' }, out, {
        pageSize: 1,
        onProgress: (done, total) => progress.push([done, total]),
      }),
    );
    const rows = [...readXlsx(xlsx)].map((r) => r.cells);
    expect(rows[0]!.slice(0, 3)).toEqual(['id', 'name', 'phones']);
    const listed = core.customers.list.list(
      { channel: 'whatsapp', limit: 50, sort: 'lastSeen' },
      'UTC',
    );
    expect(rows.slice(1).map((r) => r[1])).toEqual(listed.items.map((c) => c.label));
    expect(progress.at(-1)).toEqual([1, 1]);
    expect(part(xlsx, 'xl/workbook.xml')).toContain('name="Customers"');
  });

  it('writes an empty list as its header alone, still a workbook with a filter', async () => {
    core = tempCore();
    const xlsx = await exportXlsx(core, { language: 'en' });
    expect([...readXlsx(xlsx)].map((r) => r.line)).toEqual([1]);
    expect(cells(xlsx).sheet).toContain('<autoFilter ref="A1:K1"/>');
  });
});

describe('the workbook writer', () => {
  const book = (pages: Cell[][][]) => ({
    sheetName: 'Clientes',
    columns: [
      { header: 'nome', kind: 'string' as const, width: 10 },
      { header: 'n', kind: 'number' as const, width: 10 },
    ],
    dateFormat: 'dd/mm/yyyy',
    pages: (async function* () {
      yield* pages;
    })(),
  });

  it('keeps any text as written: escapes, Excel-looking escapes, spaces; cuts a cell at 32,767', async () => {
    const texts = ['a & b < c > d', '_x0041_ stays', '  spaced  ', 'tab\there', 'é 😀'];
    const xlsx = await written((out) =>
      writeXlsx(out, book([[...texts.map((t, i) => [t, i]), ['x'.repeat(40_000), null]]]), {
        now: NOW,
      }),
    );
    const rows = [...readXlsx(xlsx)].map((r) => r.cells);
    expect(rows.slice(1, 6)).toEqual(texts.map((t, i) => [t, String(i)]));
    expect(rows[6]![0]).toHaveLength(32_767);
    expect(rows[6]![0]!.endsWith('…')).toBe(true);
    // What XML cannot hold becomes U+FFFD instead of a file Excel refuses.
    const control = await written((out) => writeXlsx(out, book([[['a\u0001b', 1]]]), { now: NOW }));
    expect([...readXlsx(control)][1]!.cells[0]).toBe('a\uFFFDb');
  });

  it('goes on in a second sheet when the first is full', async () => {
    const pages = [Array.from({ length: 5 }, (_, i): Cell[] => [`p${i}`, i])];
    const xlsx = await written((out) => writeXlsx(out, book(pages), { now: NOW, sheetRows: 3 }));
    const zip = openZip(xlsx, { maxEntryBytes: MB });
    expect(zip.has('xl/worksheets/sheet3.xml')).toBe(true);
    expect(part(xlsx, 'xl/workbook.xml')).toContain(
      '<sheet name="Clientes 2" sheetId="2" r:id="rId2"/>',
    );
    expect(part(xlsx, 'xl/worksheets/sheet2.xml')).toContain('<t>p2</t>');
  });
});
