import { expect, inEnglishDark, screenshot, test, toCustomers } from './fixtures';

const card = (page: import('@playwright/test').Page, stat: string) =>
  page.locator(`[data-stat="${stat}"] .stat-value`);

/** Picks a file in the Customers page's import button, as a person would. */
async function importSheet(page: import('@playwright/test').Page, name: string, bytes: Buffer) {
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
}

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
