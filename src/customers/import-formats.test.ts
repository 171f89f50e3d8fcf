/**
 * The sheets owners already have, as their apps write them (testing/sheets/): Google Contacts'
 * CSV, Chatwoot's contact export, a WhatsApp Web exporter's CSV, a sheet typed in LibreOffice and
 * saved as .xlsx, and our own XLSX export; the preview of each, then the import it foretold.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../api/types';
import { NOW, tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import { importCustomersCsv, previewCustomersImport, sheetInput } from './csv-import';
import { fieldOf } from './import-columns';
import { createZipWriter } from '../shared/zip-writer';
import { exportCustomersXlsx } from './xlsx-export';
import { readXlsx } from './xlsx-read';

const MB = 1024 * 1024;
import { customerData, written } from './testing/sheets';

let core: TestCore;
afterEach(() => core?.dispose());

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, 'testing', 'sheets', name));

/** The customers as the list would show them: name, phone, e-mail, tags, notes. */
function people(c: TestCore) {
  const { db } = c;
  return db
    .prepare<[], { id: number; name: string | null; phone: string | null; email: string | null }>(
      'SELECT id, display_name AS name, phone, email FROM customers ORDER BY id',
    )
    .all()
    .map(({ id, ...person }) => ({
      ...person,
      tags: db
        .prepare<[number], { name: string }>(
          `SELECT t.name FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id
           WHERE ct.customer_id = ? ORDER BY t.name`,
        )
        .all(id)
        .map((t) => t.name),
      notes: db
        .prepare<[number], { body: string }>('SELECT body FROM notes WHERE customer_id = ?')
        .all(id)
        .map((n) => n.body),
    }));
}

/** Previews the sheet, checks that nothing was stored, imports it and returns both reports. */
async function previewThenImport(
  c: TestCore,
  sheet: string | Uint8Array,
): Promise<{ preview: ImportReport; report: ImportReport }> {
  const before = customerData(c.db);
  const preview = await previewCustomersImport(c, sheet);
  expect(customerData(c.db)).toEqual(before);
  const report = await importCustomersCsv(c, sheet);
  expect(report).toEqual(preview);
  return { preview, report };
}

describe('importing the sheets owners already have', () => {
  it("reads Google Contacts' CSV: names in parts, several phones in one cell, labels as tags", async () => {
    core = tempCore();
    core.settings.update({ language: 'en' });
    const { preview } = await previewThenImport(core, fixture('google-contacts.csv'));
    expect(preview).toMatchObject({ rows: 4, created: 3, updated: 0 });
    expect(preview.skipped).toEqual([{ line: 5, reason: '"ligar depois" is not a phone number' }]);
    expect(preview.warnings).toEqual([
      {
        line: 2,
        reason:
          'imported without: "+55 11 3333-4444" (a customer keeps one phone of its own); "+55 21 97777-6666" (a customer keeps one phone of its own)',
      },
      { line: 4, reason: 'imported without: "ana@@exemplo" is not an email address' },
    ]);
    expect(people(core)).toEqual([
      {
        name: 'Conceição Araújo',
        phone: '+5511988887777',
        email: 'conceicao@example.com.br',
        tags: ['Clientes', 'VIP'],
        notes: ['Cliente desde 2019'],
      },
      { name: 'João Pedro Lima', phone: '+5511966665555', email: null, tags: [], notes: [] },
      { name: 'Ana', phone: null, email: null, tags: [], notes: [] },
    ]);
  });

  it("reads Chatwoot's contact export, and updates the customer a phone already names", async () => {
    core = tempCore();
    core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria (WhatsApp)' }));
    const { preview } = await previewThenImport(core, fixture('chatwoot-contacts.csv'));
    expect(preview).toMatchObject({ rows: 3, created: 2, updated: 1, skipped: [], warnings: [] });
    expect(people(core).map((p) => [p.name, p.phone, p.email])).toEqual([
      ['Maria Souza', '+5511999998888', 'maria@example.com'],
      [null, null, 'visitante@example.com'],
      ['Carlos Mendes', '+5521912345678', null],
    ]);
  });

  it('reads a WhatsApp exporter: numbers without "+", two of them in one cell', async () => {
    core = tempCore();
    core.settings.update({ language: 'pt-BR' });
    const { preview } = await previewThenImport(core, fixture('whatsapp-exporter.csv'));
    expect(preview).toMatchObject({ rows: 3, created: 3, skipped: [] });
    expect(preview.warnings).toEqual([
      {
        line: 3,
        reason: 'importado sem: "+55 11 93333-2222" (cada cliente guarda um telefone próprio)',
      },
    ]);
    expect(people(core).map((p) => [p.name, p.phone])).toEqual([
      ['Bia Souza', '+5511955554444'],
      ['Loja do Zé', '+5511944443333'],
      ['Grupo da família', null],
    ]);
  });

  it('reads an .xlsx typed in LibreOffice, naming the rows as the sheet numbers them', async () => {
    core = tempCore();
    core.settings.update({ language: 'pt-BR' });
    const { preview } = await previewThenImport(core, fixture('libreoffice-typed.xlsx'));
    expect(preview).toMatchObject({ rows: 3, created: 2, updated: 0, warnings: [] });
    expect(preview.skipped).toEqual([{ line: 4, reason: '"não sei" não é um telefone' }]);
    expect(people(core)).toEqual([
      {
        name: 'Fernanda Alves',
        phone: '+5511977771234',
        email: 'fernanda@example.com',
        tags: ['atacado'],
        notes: ['paga no pix'],
      },
      { name: 'Roberto Dias', phone: '+5511965432100', email: null, tags: [], notes: [] },
    ]);
  });

  it('reads our own XLSX export back into the same customers, and a second time changes nothing', async () => {
    const source = tempCore();
    try {
      source.settings.update({ language: 'pt-BR' });
      const id = source.customers.editor.create({
        displayName: '=Conceição & <Cia>',
        phone: '+55 11 98888-7777',
        email: 'c@example.com',
        tags: ['vip', 'atacado'],
      });
      source.customers.editor.addNote(id, 'Linha 1\nLinha 2 | com barra');
      source.inbox.ingest(whatsapp('5521977776666', { displayName: 'Bia' }));
      const xlsx = await written((out) => exportCustomersXlsx(source, { filter: {} }, out));

      core = tempCore();
      const { preview } = await previewThenImport(core, xlsx);
      expect(preview).toMatchObject({ rows: 2, created: 2, skipped: [], warnings: [] });
      expect(people(core).sort((a, b) => (a.phone ?? '').localeCompare(b.phone ?? ''))).toEqual([
        {
          name: '=Conceição & <Cia>',
          phone: '+5511988887777',
          email: 'c@example.com',
          tags: ['atacado', 'vip'],
          notes: ['Linha 1\nLinha 2 | com barra'],
        },
        { name: 'Bia', phone: '+5521977776666', email: null, tags: [], notes: [] },
      ]);
      const again = await previewThenImport(core, xlsx);
      expect(again.report).toMatchObject({ created: 0, updated: 2 });
    } finally {
      source.dispose();
    }
  });
});

describe('the columns a header names', () => {
  it('knows the header sets of Google, Outlook, Chatwoot, the WhatsApp exporters and ours', () => {
    const sets: Record<string, string[]> = {
      'Google Contacts': [
        'First Name',
        'Last Name',
        'Labels',
        'E-mail 2 - Value',
        'Phone 3 - Value',
      ],
      'Outlook CSV': ['Middle Name', 'E-mail Address', 'E-mail 2 Address', 'Mobile Phone'],
      Chatwoot: ['name', 'email', 'phone_number'],
      'WhatsApp exporters': ['Name', 'Phone Number', 'Nome', 'Número', 'Saved Name'],
      ours: ['nome', 'telefones', 'emails', 'tags', 'notas', 'name', 'phones', 'notes'],
      'typed by hand': [
        'Nome completo',
        'Celular',
        'WhatsApp',
        'E-mail',
        'Etiquetas',
        'Observações',
      ],
    };
    expect(
      Object.fromEntries(Object.entries(sets).map(([app, headers]) => [app, headers.map(fieldOf)])),
    ).toEqual({
      'Google Contacts': ['givenName', 'familyName', 'tags', 'emails', 'phones'],
      'Outlook CSV': ['middleName', 'emails', 'emails', 'phones'],
      Chatwoot: ['name', 'emails', 'phones'],
      'WhatsApp exporters': ['name', 'phones', 'name', 'phones', 'name'],
      ours: ['name', 'phones', 'emails', 'tags', 'notes', 'name', 'phones', 'notes'],
      'typed by hand': ['name', 'phones', 'phones', 'emails', 'tags', 'notes'],
    });
    // What no customer is made of is left alone.
    expect(['id', 'Status', 'identifier', 'Phone 1 - Label', 'Birthday'].map(fieldOf)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('refusals that store nothing', () => {
  it('refuses a sheet with one unreadable row whole, in the preview as in the import', async () => {
    core = tempCore();
    core.settings.update({ language: 'en' });
    const rows = Array.from({ length: 50 }, (_, i) => `Pessoa ${i},+55 11 9${10_000_000 + i}`);
    const sheet = ['Name,Phone Number', ...rows, '"Sem fim,+55 11 98888-1111'].join('\n');
    const before = customerData(core.db);
    await expect(previewCustomersImport(core, sheet)).rejects.toThrow(
      'Line 52: a quote opens here and is never closed',
    );
    await expect(importCustomersCsv(core, sheet)).rejects.toThrow('Line 52');
    expect(customerData(core.db)).toEqual(before);
  });

  it('refuses what is not a workbook and a damaged one, naming what to do', async () => {
    core = tempCore();
    core.settings.update({ language: 'en' });
    const good = fixture('libreoffice-typed.xlsx');
    expect(() => sheetInput({ xlsx: Buffer.from('nome;telefone').toString('base64') })).toThrow(
      'The file is not a readable Excel workbook (.xlsx)',
    );
    const cut = good.subarray(0, good.length - 200);
    await expect(importCustomersCsv(core, cut)).rejects.toThrow('not a readable Excel workbook');
    const damaged = Buffer.from(good);
    damaged.fill(0x41, 60, 400);
    await expect(importCustomersCsv(core, damaged)).rejects.toThrow('not a readable Excel');
    expect(people(core)).toEqual([]);
  });

  it('stops inflating a part past its limit: a zip bomb is refused, not unpacked', async () => {
    core = tempCore();
    core.settings.update({ language: 'en' });
    const bytes = await written(async (bomb) => {
      const zip = createZipWriter(bomb, { now: NOW });
      await zip.add(
        'xl/workbook.xml',
        '<workbook><sheets><sheet name="x" r:id="rId1"/></sheets></workbook>',
      );
      await zip.add(
        'xl/_rels/workbook.xml.rels',
        '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      );
      // 64 MB of one repeated row deflate to about 64 KB.
      const rows = '<row><c t="inlineStr"><is><t>Ana</t></is></c></row>'.repeat(20_000);
      async function* sheet() {
        yield '<worksheet><sheetData><row><c t="inlineStr"><is><t>nome</t></is></c></row>';
        for (let i = 0; i < 64; i++) yield rows;
        yield '</sheetData></worksheet>';
      }
      await zip.add('xl/worksheets/sheet1.xml', sheet());
      await zip.finish();
    });
    expect(bytes.length).toBeLessThan(MB);
    expect(() => readXlsx(bytes, 16 * MB)).toThrow(
      'The sheet is larger than 16 MB uncompressed; split it into parts',
    );
    expect([...readXlsx(bytes, 128 * MB)]).toHaveLength(64 * 20_000 + 1);
  });
});
