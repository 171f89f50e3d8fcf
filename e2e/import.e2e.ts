import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, inEnglishDark, screenshot, test, toCustomers } from './fixtures';

const card = (page: import('@playwright/test').Page, stat: string) =>
  page.locator(`[data-stat="${stat}"] .stat-value`);

/** Picks a file in the Customers page's import button, as a person would. */
async function importSheet(page: import('@playwright/test').Page, name: string, bytes: Buffer) {
  const mimeType = name.endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv';
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer: bytes });
}

/** A sheet as an app wrote it (src/customers/testing/sheets). */
const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', 'src', 'customers', 'testing', 'sheets', name));

/** The preview's lines of reasons, each a row skipped or taken in part. */
const reasons = (page: import('@playwright/test').Page) =>
  page.getByRole('dialog').locator('.import-reasons').getByRole('listitem');

/** The preview's count of one kind (created, updated, skipped), as shown. */
const previewCount = (page: import('@playwright/test').Page, kind: string) =>
  page.getByRole('dialog').locator(`[data-count="${kind}"] strong`);

test('a sheet saved by Excel is imported, and the lines it could not take are named', async ({
  app,
}) => {
  // Excel in Portuguese saves "CSV" in Windows-1252, with ";".
  const sheet = [
    'Nome;Telefone;E-mail;Etiquetas',
    'Conceição Araújo;(11) 98888-7777;conceicao@loja.com.br;vip',
    'Bia Souza;não sei;;atacado',
    ';abc;;',
    '"=HYPERLINK(""http://x"")";(21) 97777-6666;;',
  ].join('\r\n');
  await toCustomers(app);
  await importSheet(app, 'clientes.csv', Buffer.from(sheet, 'latin1'));
  // First what it will do, with nothing stored yet.
  const preview = app.getByRole('dialog', { name: 'Importar clientes.csv?' });
  await expect(previewCount(app, 'created')).toHaveText('3');
  await expect(previewCount(app, 'updated')).toHaveText('0');
  await expect(previewCount(app, 'skipped')).toHaveText('1');
  await expect(reasons(app)).toHaveText([
    'Linha 3: importado sem: "não sei" não é um telefone',
    'Linha 4, ignorada: "abc" não é um telefone',
  ]);
  await expect(card(app, 'total')).toHaveText('0');
  await screenshot(app, 'customers-import-preview');
  await preview.getByRole('button', { name: 'Importar' }).click();
  const notice = app.getByRole('status').filter({ hasText: 'Importação' });
  await expect(notice).toContainText('Importação: 3 novos, 0 atualizados, 1 linhas ignoradas.');
  await expect(notice.getByRole('listitem')).toHaveText([
    'Linha 3: importado sem: "não sei" não é um telefone',
    'Linha 4, ignorada: "abc" não é um telefone',
  ]);
  await expect(app.locator('.table-row', { hasText: 'Conceição Araújo' })).toBeVisible();
  await expect(app.locator('.table-row', { hasText: '=HYPERLINK("http://x")' })).toBeVisible();
  await expect(card(app, 'total')).toHaveText('3');
  await screenshot(app, 'customers-import');
});

test('a sheet that cannot be read is refused naming the line, and nothing is stored', async ({
  app,
  host,
}) => {
  const sheet = ['nome;telefone', 'Ana;+55 11 91111-1111', '"Bia;+55 11 92222-2222'].join('\n');
  await toCustomers(app);
  await importSheet(app, 'quebrada.csv', Buffer.from(sheet));
  await expect(app.getByRole('status').filter({ hasText: 'Nada foi importado' })).toHaveText(
    /Nada foi importado\. Linha 3: aspas abertas aqui nunca se fecham/,
  );
  await expect(card(app, 'total')).toHaveText('0');

  // The same in English and the dark theme.
  await inEnglishDark(app, host);
  await toCustomers(app, 'Customers');
  await importSheet(app, 'broken.csv', Buffer.from(sheet));
  await expect(app.getByRole('status').filter({ hasText: 'Nothing was imported' })).toHaveText(
    /Nothing was imported\. Line 3: a quote opens here and is never closed/,
  );
  await expect(card(app, 'total')).toHaveText('0');
  await screenshot(app, 'customers-import-refused-dark-en');
});

test('Google Contacts in English and dark: the preview names each reason, Cancel stores nothing', async ({
  app,
  host,
}) => {
  await inEnglishDark(app, host);
  await toCustomers(app, 'Customers');
  await importSheet(app, 'contacts.csv', fixture('google-contacts.csv'));
  const preview = app.getByRole('dialog', { name: 'Import contacts.csv?' });
  await expect(previewCount(app, 'created')).toHaveText('3');
  await expect(preview.getByText('new customers')).toBeVisible();
  await expect(reasons(app)).toHaveText([
    'Line 2: imported without: "+55 11 3333-4444" (a customer keeps one phone of its own); "+55 21 97777-6666" (a customer keeps one phone of its own)',
    'Line 4: imported without: "ana@@exemplo" is not an email address',
    'Line 5, skipped: "ligar depois" is not a phone number',
  ]);
  await screenshot(app, 'customers-import-preview-dark-en');
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(preview).toBeHidden();
  await expect(card(app, 'total')).toHaveText('0');

  await importSheet(app, 'contacts.csv', fixture('google-contacts.csv'));
  await app.getByRole('dialog').getByRole('button', { name: 'Import' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Import:' })).toContainText(
    'Import: 3 new, 0 updated, 1 rows skipped.',
  );
  await expect(app.locator('.table-row', { hasText: 'Conceição Araújo' })).toBeVisible();
  await expect(card(app, 'total')).toHaveText('3');
});

test('an .xlsx saved by LibreOffice is previewed and imported', async ({ app }) => {
  await toCustomers(app);
  await importSheet(app, 'planilha.xlsx', fixture('libreoffice-typed.xlsx'));
  await expect(previewCount(app, 'created')).toHaveText('2');
  await expect(reasons(app)).toHaveText(['Linha 4, ignorada: "não sei" não é um telefone']);
  await app.getByRole('dialog').getByRole('button', { name: 'Importar' }).click();
  await expect(app.locator('.table-row', { hasText: 'Fernanda Alves' })).toBeVisible();
  await expect(card(app, 'total')).toHaveText('2');
});
