/**
 * One person's data from the customer detail (LGPD): the export's download, read back, and the
 * erasure, asked first naming the person, then gone from the list, the files and the log's words.
 */
import type { Page } from '@playwright/test';
import { avatarDirFor } from '../src/shared/avatar-cache';
import { filesOf, PERSON, seedPerson, tracesIn } from '../src/privacy/testing/person';
import { readZip } from '../src/privacy/testing/read-zip';
import { expect, inEnglishDark, screenshot, test, toCustomers, type Host } from './fixtures';

/** What would give her away in the files once she is erased (the visitor's claim is another's). */
const HERS = ['Zuleica', '987654321', 'pistache azul', 'Xiquexique', PERSON.telegramId];

async function openHer(app: Page, host: Host, customers: string) {
  seedPerson(host.core);
  await app.reload();
  await toCustomers(app, customers);
  await app.locator('.table-row', { hasText: PERSON.typedName }).click();
}

test('exporting and erasing a customer from the detail, in Portuguese', async ({ app, host }) => {
  await openHer(app, host, 'Clientes');
  const section = app.locator('.personal-data');
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByRole('heading', { name: 'Dados pessoais (LGPD)' })).toBeVisible();

  const download = app.waitForEvent('download');
  await section.getByRole('button', { name: 'Exportar dados deste cliente' }).click();
  const file = await (await download).path();
  const data = JSON.parse(readZip(file)['customer.json']!.toString());
  expect(data.customer.name).toBe(PERSON.typedName);
  expect(data.messages).toHaveLength(11);
  await expect(section.getByRole('status')).toHaveText(/Arquivo \.zip baixado/);
  await section.getByRole('status').scrollIntoViewIfNeeded();
  await screenshot(app, 'customer-personal-data');

  await section.getByRole('button', { name: 'Apagar este cliente (LGPD)' }).click();
  const confirm = app.getByRole('dialog', { name: `Apagar ${PERSON.typedName} para sempre?` });
  await expect(confirm).toContainText('+55 11 98765-4321');
  await expect(confirm).toContainText(PERSON.email);
  await expect(confirm.getByRole('button', { name: 'Cancelar' })).toBeFocused();
  await screenshot(app, 'customer-erase-confirm');
  await confirm.getByRole('button', { name: 'Apagar para sempre' }).click();

  await expect(app.getByRole('status')).toContainText(
    `${PERSON.typedName} foi apagado(a) deste computador`,
  );
  await expect(app.getByRole('status')).toContainText('mensagens: 11, fotos: 1');
  await expect(app.locator('.table-row', { hasText: PERSON.typedName })).toHaveCount(0);
  await screenshot(app, 'customer-erased');
  expect(tracesIn(filesOf(host.core.file, [avatarDirFor(host.core.file)]), HERS)).toEqual([]);

  await app.getByRole('navigation').getByRole('button', { name: 'Configurações' }).click();
  const log = app.getByRole('region', { name: 'Pedidos de dados pessoais (LGPD)' });
  await expect(log.locator('tbody tr')).toHaveCount(2);
  await expect(log.locator('tbody tr').first()).toContainText('Exclusão');
  await expect(log.locator('tbody tr').first()).toContainText('Pelo navegador (rede)');
  await expect(log.locator('tbody tr').nth(1)).toContainText('Exportação');
  await expect(log).not.toContainText('Zuleica');
  await log.scrollIntoViewIfNeeded();
  await screenshot(app, 'settings-data-requests');
});

test('the same in English and the dark theme', async ({ app, host }) => {
  await inEnglishDark(app, host);
  await openHer(app, host, 'Customers');
  const section = app.locator('.personal-data');
  await section.scrollIntoViewIfNeeded();
  const download = app.waitForEvent('download');
  await section.getByRole('button', { name: "Export this customer's data" }).click();
  expect((await download).suggestedFilename()).toMatch(
    /^clientela-cliente-\d+-\d{4}-\d\d-\d\d\.zip$/,
  );
  await screenshot(app, 'customer-personal-data-dark-en');

  await section.getByRole('button', { name: 'Erase this customer (LGPD)' }).click();
  const confirm = app.getByRole('dialog', { name: `Erase ${PERSON.typedName} for good?` });
  await expect(confirm).toContainText('A WhatsApp history import will not bring them back');
  await screenshot(app, 'customer-erase-confirm-dark-en');
  await confirm.getByRole('button', { name: 'Erase for good' }).click();
  await expect(app.getByRole('status')).toContainText(`${PERSON.typedName} was erased`);
  await screenshot(app, 'customer-erased-dark-en');

  await app.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const log = app.getByRole('region', { name: 'Personal data requests (LGPD)' });
  await expect(log.locator('tbody tr').first()).toContainText('Erasure');
  await log.scrollIntoViewIfNeeded();
  await screenshot(app, 'settings-data-requests-dark-en');
});
