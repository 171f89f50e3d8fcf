import { afterEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../api/types';
import { tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import { importCustomersCsv } from './csv-import';
import { MAX_ROW_CHARS } from './csv-read';
import { customerData } from './testing/sheets';

let core: TestCore;
afterEach(() => core?.dispose());

const HEADER = 'nome;telefone;email;tags';
/** `count` good rows: Pessoa 0 +55 11 91000-0000, Pessoa 1 ... */
const goodRows = (count: number) =>
  Array.from({ length: count }, (_, i) => `Pessoa ${i};+55 11 9${10_000_000 + i};;vip`);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('the import was not refused');
    },
    (error: Error & { code?: string }) => error,
  );
const names = (c: TestCore) =>
  c.customers.list.list({ sort: 'name', limit: 100 }, 'UTC').items.map((i) => i.label);

describe('CSV import: a sheet that cannot be read', () => {
  it('is refused as a whole, naming the line where a quote opens and never closes', async () => {
    core = tempCore();
    core.inbox.ingest(whatsapp('5511977776666', { displayName: 'Rô' }));
    const before = customerData(core.db);
    const sheet = [HEADER, ...goodRows(5_000), '"Sem fim;+55 11 98888-1111;;', 'Ana;;;'];
    const error = await failure(importCustomersCsv(core, sheet.join('\r\n')));
    expect(error).toMatchObject({
      code: 'bad_input',
      message: 'Line 5002: a quote opens here and is never closed',
    });
    expect(customerData(core.db)).toEqual(before);
  });

  it('says so in the language of the app', async () => {
    core = tempCore({ language: 'pt-BR' });
    const error = await failure(importCustomersCsv(core, `${HEADER}\nAna;1;;\n"Bia;2;;\n`));
    expect(error.message).toBe('Linha 3: aspas abertas aqui nunca se fecham');
  });

  it('names the line of text after a closing quote, and where a quote opened earlier closed', async () => {
    core = tempCore();
    expect((await failure(importCustomersCsv(core, `${HEADER}\n"Ana" Souza;1;;\n`))).message).toBe(
      'Line 2: after the quote that closes the cell comes text instead of the separator; is a quote missing?',
    );
    const swallowed = `${HEADER}\nAna;"11 9;;\nBia;2;;\nCarla;"3";;\n`;
    expect((await failure(importCustomersCsv(core, swallowed))).message).toBe(
      'Line 2: after the quote that closes the cell (on line 4) comes text instead of the separator; is a quote missing?',
    );
    // A quote left open, closed by the next cell that starts with one: the quote that opened
    // that cell is then inside a cell, and the rows it swallowed are not stored as one.
    const merged = `${HEADER}\nAna;"11 9;;\nBia;";x";;\n`;
    expect((await failure(importCustomersCsv(core, merged))).message).toBe(
      'Line 3: has a quote inside a cell; put the whole cell in quotes and double the quotes inside it',
    );
    expect(names(core)).toEqual([]);
  });

  it('refuses NUL characters, halves of characters and rows no sheet has, naming the line', async () => {
    core = tempCore();
    const refused = async (sheet: string) =>
      (await failure(importCustomersCsv(core, sheet))).message;
    expect(await refused(`${HEADER}\nAna;1;;\nBia\0;2;;\n`)).toBe(
      'Line 3: holds a NUL character; save the sheet as "CSV UTF-8"',
    );
    expect(await refused(`${HEADER}\r\n\r\nAna \uD83D;1;;\n`)).toBe(
      'Line 3: holds text cut in the middle of a character',
    );
    expect(await refused(`${HEADER}\nAna;1;;\n"${'x'.repeat(MAX_ROW_CHARS)}";;;\n`)).toBe(
      'Line 3: the row is longer than 1,000,000 characters; is a quote left open?',
    );
    await expect(importCustomersCsv(core, 'Maria;11999998888\n')).rejects.toThrow(
      /must name the columns/,
    );
    await expect(importCustomersCsv(core, '\uFEFF\r\n;;;\r\n')).rejects.toThrow(/empty/);
    expect(names(core)).toEqual([]);
  });
});

describe('CSV import: what spreadsheets write', () => {
  it('reads CRLF, LF and CR in one file and names each row by the line it starts on', async () => {
    core = tempCore();
    const sheet =
      'nome,telefone,notas\r\n' +
      'Ana,+55 11 91111-1111,"primeira linha\r\nsegunda linha"\n' +
      'Bia,não sei,\r' +
      '\r\n' +
      'Carla,,"uma\rduas"\n' +
      ',abc,\n';
    const report = await importCustomersCsv(core, sheet);
    expect(report).toMatchObject({ rows: 4, created: 3 });
    expect(report.warnings).toEqual([
      { line: 4, reason: 'imported without: "não sei" is not a phone number' },
    ]);
    expect(report.skipped).toEqual([{ line: 8, reason: '"abc" is not a phone number' }]);
    expect(names(core)).toEqual(['Ana', 'Bia', 'Carla']);
    const ana = core.customers.list.list({ search: 'ana', sort: 'name', limit: 1 }, 'UTC')
      .items[0]!;
    expect(core.customers.detail.get(ana.id).notes.map((n) => n.body)).toEqual([
      'primeira linha\r\nsegunda linha',
    ]);
  });

  it("reads Excel's files: the sep= line, Unicode text (UTF-16) and plain CSV (Windows-1252)", async () => {
    core = tempCore();
    const file = (bytes: Buffer) => importCustomersCsv(core, bytes);
    await file(Buffer.from('sep=,\r\nnome,telefone\r\n"Souza; Ana",+55 11 91111-1111\r\n'));
    const utf16 = Buffer.from(
      '\uFEFFnome\ttelefone\r\nJoão Ñandú 🌵\t+55 11 92222-2222\r\n',
      'utf16le',
    );
    await file(utf16);
    await file(Buffer.from('nome;telefone\r\nConceição;+55 11 93333-3333\r\n', 'latin1'));
    expect(names(core)).toEqual(['Conceição', 'João Ñandú 🌵', 'Souza; Ana']);
  });

  it('reports what a customer cannot keep, and stores the rest of the row', async () => {
    core = tempCore();
    core.customers.editor.create({ displayName: 'Bia', email: 'bia@loja.com' });
    const sheet = [
      'nome;telefones;emails',
      'Ana;+55 11 91111-1111 | +55 11 92222-2222;ana@loja.com | bia@loja.com',
    ].join('\n');
    const report = await importCustomersCsv(core, sheet);
    // The sheet's e-mail belongs to Bia: the row updates her, and keeps what fits.
    expect(report).toMatchObject({ created: 0, updated: 1 });
    expect(report.warnings).toEqual([
      {
        line: 2,
        reason:
          'imported without: "+55 11 92222-2222" (a customer keeps one phone of its own); ' +
          '"ana@loja.com" (a customer keeps one email of its own); ' +
          'the name "Ana" (the name typed in the app stays)',
      },
    ]);
    const bia = core.customers.list.list({ search: 'bia', sort: 'name', limit: 1 }, 'UTC')
      .items[0]!;
    expect(bia).toMatchObject({ displayName: 'Bia', phone: '+5511911111111' });
  });

  it('leaves out what the form would refuse, saying why', async () => {
    core = tempCore();
    const tags = Array.from({ length: 52 }, (_, i) => `t${i}`);
    const sheet = [
      'nome;telefone;tags',
      `${'N'.repeat(201)};+55 11 91111-1111;${[...tags, 'x'.repeat(51)].join('|')}`,
    ].join('\n');
    const report = await importCustomersCsv(core, sheet);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]!.reason).toMatch(
      /^imported without: Name: .*200.*; Tags: .*50.*; Tags: .*50/,
    );
    const [customer] = core.customers.list.list({ sort: 'name', limit: 1 }, 'UTC').items;
    expect(customer).toMatchObject({ displayName: null, phone: '+5511911111111' });
    expect(customer!.tags).toHaveLength(50);
  });
});

describe('CSV import: one transaction', () => {
  it('announces the customers once, after the import committed; a refused import, never', async () => {
    core = tempCore();
    const batches: (readonly DomainEvent[])[] = [];
    core.bus.subscribe((events) => batches.push(events));
    await failure(importCustomersCsv(core, [HEADER, ...goodRows(10), '"'].join('\n')));
    expect(batches).toEqual([]);
    await importCustomersCsv(core, [HEADER, ...goodRows(10)].join('\n'));
    expect(batches).toHaveLength(1);
    expect(batches[0]!.filter((e) => e.type === 'customer.created')).toHaveLength(10);
  });

  it('changes nothing when the same sheet comes again', async () => {
    core = tempCore();
    const sheet = ['nome;telefone;tags;notas', 'Ana;+55 11 91111-1111;vip;liga às 9h'].join('\n');
    await importCustomersCsv(core, sheet);
    const before = customerData(core.db);
    const batches: (readonly DomainEvent[])[] = [];
    core.bus.subscribe((events) => batches.push(events));
    expect(await importCustomersCsv(core, sheet)).toMatchObject({ updated: 1, warnings: [] });
    expect(customerData(core.db)).toEqual(before);
    expect(batches).toEqual([]);
  });
});
