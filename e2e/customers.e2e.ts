import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { avatarDirFor } from '../src/channels/avatars';
import { readXlsx } from '../src/customers/xlsx-read';
import {
  expect,
  inEnglishDark,
  screenshot,
  telegramMessage,
  test,
  toCustomers,
  whatsappMessage,
  type Host,
} from './fixtures';

const card = (page: import('@playwright/test').Page, stat: string) =>
  page.locator(`[data-stat="${stat}"] .stat-value`);
const rowNames = (page: import('@playwright/test').Page) =>
  page.locator('.table-row .name').allInnerTexts();

test('an empty database says what to do next', async ({ app }) => {
  await toCustomers(app);
  await expect(app.getByRole('heading', { name: 'Nenhum cliente ainda' })).toBeVisible();
  await expect(card(app, 'total')).toHaveText('0');
  await expect(app.getByText('0 clientes', { exact: true })).toBeVisible();
  await expect(app.getByText('Clientes criados automaticamente')).toBeVisible();
  await screenshot(app, 'customers-empty');
});

test('a new person writes: the row and the stats change on screen without a reload', async ({
  app,
  host,
}) => {
  await toCustomers(app);
  await expect(card(app, 'total')).toHaveText('0');
  host.core.inbox.ingest(whatsappMessage('5511999998888', { name: 'Maria Souza' }));
  await expect(app.locator('.table-row', { hasText: 'Maria Souza' })).toBeVisible();
  await expect(card(app, 'total')).toHaveText('1');
  await expect(card(app, 'newThisMonth')).toHaveText('1');
  await expect(card(app, 'activeThisWeek')).toHaveText('1');
  await expect(app.getByText('1 cliente', { exact: true })).toBeVisible();

  // A second person, on another channel, lands on top (newest first).
  host.core.inbox.ingest(
    telegramMessage(777001, { name: 'João Lima', username: 'joaolima', minutesAgo: 0 }),
  );
  await expect(card(app, 'total')).toHaveText('2');
  await expect.poll(() => rowNames(app)).toEqual(['João Lima', 'Maria Souza']);
  await screenshot(app, 'customers-live');
});

test('under each name, the contact the name is not already; "no phone or email" only when true', async ({
  app,
  host,
}) => {
  host.core.inbox.ingestBatch([
    // Known only by the number: it is the name, written as people write it.
    whatsappMessage('5511988887777', { minutesAgo: 3 }),
    whatsappMessage('5511999998888', { name: 'Maria Souza', minutesAgo: 2 }),
    // Known only by a Telegram account: this one does need details.
    telegramMessage(777003, { name: 'João Lima', username: 'joaolima', minutesAgo: 1 }),
  ]);
  await app.reload();
  const row = (name: string) => app.locator('.table-row', { hasText: name });
  await expect(row('+55 11 98888-7777').locator('.name')).toHaveText('+55 11 98888-7777');
  await expect(row('+55 11 98888-7777').locator('.sub')).toHaveText('');
  await expect(row('Maria Souza').locator('.sub')).toHaveText('+55 11 99999-8888');
  await expect(row('João Lima').locator('.sub')).toHaveText('Sem telefone nem e-mail');
  await screenshot(app, 'customers-known-by-phone');

  // An e-mail the owner adds shows under the number, as a phone shows under a name.
  const unnamed = host.core.customers.list.list({ sort: 'name', search: '98888', limit: 1 }, 'UTC')
    .items[0]!;
  host.core.customers.editor.update(unnamed.id, { email: 'cliente@exemplo.com.br' });
  await expect(row('+55 11 98888-7777').locator('.sub')).toHaveText('cliente@exemplo.com.br');

  await inEnglishDark(app, host);
  await expect(row('João Lima').locator('.sub')).toHaveText('No phone or email');
  await expect(row('+55 11 98888-7777').locator('.sub')).toHaveText('cliente@exemplo.com.br');
  await screenshot(app, 'customers-known-by-phone-dark-en');
});

test('the stats cards count total, new this month and active this week', async ({ app, host }) => {
  const day = 24 * 60;
  host.core.inbox.ingestBatch([
    whatsappMessage('5511911110001', { name: 'Ana Paula' }),
    whatsappMessage('5511911110002', { name: 'Bruno Dias', minutesAgo: 30 }),
    whatsappMessage('5511911110003', { name: 'Carla Mendes', minutesAgo: 60 }),
    // First wrote 90 days ago and never again: counted in the total only.
    whatsappMessage('5511911110004', { name: 'Diego Rocha', minutesAgo: 90 * day }),
  ]);
  await app.reload();
  await expect(card(app, 'total')).toHaveText('4');
  await expect(card(app, 'newThisMonth')).toHaveText('3');
  await expect(card(app, 'activeThisWeek')).toHaveText('3');
  // The chart's last bar (today) holds the three newcomers.
  await expect(app.locator('.chart rect.bar').last().locator('title')).toHaveText(/: 3 novos$/);
});

test('search and filters narrow the list; clearing brings everyone back', async ({ app, host }) => {
  host.core.inbox.ingestBatch([
    whatsappMessage('5511999998888', { name: 'Maria Souza', minutesAgo: 3 }),
    telegramMessage(777001, { name: 'João Lima', username: 'joaolima', minutesAgo: 2 }),
    whatsappMessage('5521988887777', { name: 'Ana Conceição', minutesAgo: 1 }),
  ]);
  await app.reload();
  await expect.poll(() => rowNames(app)).toHaveLength(3);

  const search = app.getByRole('searchbox', { name: /Buscar/ });
  await search.fill('joao');
  await expect.poll(() => rowNames(app)).toEqual(['João Lima']);
  await search.fill('conceicao');
  await expect.poll(() => rowNames(app)).toEqual(['Ana Conceição']);
  await search.fill('99999');
  await expect.poll(() => rowNames(app)).toEqual(['Maria Souza']);
  await search.fill('');
  await expect.poll(() => rowNames(app)).toHaveLength(3);

  await app.getByRole('combobox', { name: 'Canal' }).selectOption('telegram');
  await expect.poll(() => rowNames(app)).toEqual(['João Lima']);
  await app.getByRole('combobox', { name: 'Canal' }).selectOption('whatsapp');
  await app.getByRole('combobox', { name: 'Ordenar por' }).selectOption('name');
  await expect.poll(() => rowNames(app)).toEqual(['Ana Conceição', 'Maria Souza']);

  await app.getByRole('searchbox', { name: /Buscar/ }).fill('ninguém assim');
  await expect(app.getByRole('heading', { name: 'Nenhum cliente encontrado' })).toBeVisible();
  await app.getByRole('button', { name: 'Limpar filtros' }).click();
  await expect.poll(() => rowNames(app)).toHaveLength(3);
});

test('notes, tags and a new name persist after a reload', async ({ app, host }) => {
  host.core.inbox.ingest(whatsappMessage('5511999998888', { name: 'Maria Souza' }));
  await app.reload();
  await app.locator('.table-row', { hasText: 'Maria Souza' }).click();
  const detail = app.getByRole('complementary', { name: 'Maria Souza' });
  await expect(detail.getByText('Criado automaticamente a partir de uma conversa')).toBeVisible();
  await expect(detail.getByText('+55 11 99999-8888')).toBeVisible();

  await detail.getByRole('textbox', { name: 'Nova tag e Enter' }).fill('vip');
  await detail.getByRole('textbox', { name: 'Nova tag e Enter' }).press('Enter');
  await expect(detail.locator('.tag', { hasText: 'vip' })).toBeVisible();
  await detail.getByRole('textbox', { name: 'Escreva uma nota…' }).fill('Prefere entrega à tarde');
  await detail.getByRole('button', { name: 'Adicionar nota' }).click();
  await expect(detail.locator('.note-body')).toHaveText('Prefere entrega à tarde');
  await expect(detail.getByRole('textbox', { name: 'Escreva uma nota…' })).toHaveValue('');
  await detail.locator('input[name="email"]').fill('maria@exemplo.com.br');
  await detail.getByRole('button', { name: 'Salvar' }).click();
  await expect(detail.getByText('Salvo')).toBeVisible();
  await screenshot(app, 'customer-detail');

  await app.reload();
  const again = app.getByRole('complementary', { name: 'Maria Souza' });
  await expect(again.locator('.tag', { hasText: 'vip' })).toBeVisible();
  await expect(again.locator('.note-body')).toHaveText('Prefere entrega à tarde');
  await expect(again.locator('input[name="email"]')).toHaveValue('maria@exemplo.com.br');
  // The note is searchable and the tag is a filter.
  await app.getByRole('searchbox', { name: /Buscar/ }).fill('entrega');
  await expect.poll(() => rowNames(app)).toEqual(['Maria Souza']);
});

test('a bad phone number is refused with a readable message and nothing changes', async ({
  app,
  host,
}) => {
  host.core.inbox.ingest(whatsappMessage('5511999998888', { name: 'Maria Souza' }));
  await app.reload();
  await app.locator('.table-row', { hasText: 'Maria Souza' }).click();
  const detail = app.getByRole('complementary', { name: 'Maria Souza' });
  await detail.locator('input[name="phone"]').fill('abc');
  await detail.getByRole('button', { name: 'Salvar' }).click();
  await expect(detail.getByRole('alert')).toHaveText(
    '"abc" não é um telefone; inclua o DDD, por exemplo +55 11 99999-8888',
  );
  expect(host.core.customers.list.list({ limit: 5, sort: 'lastSeen' }, 'UTC').items[0]!.phone).toBe(
    '+5511999998888',
  );
});

test('the exported CSV holds exactly the rows the filtered list shows', async ({ app, host }) => {
  host.core.inbox.ingestBatch([
    whatsappMessage('5511999998888', { name: 'Maria Souza', minutesAgo: 4 }),
    whatsappMessage('5511977776666', { name: '=HYPERLINK("x")', minutesAgo: 3 }),
    telegramMessage(777001, { name: 'João Lima', username: 'joaolima', minutesAgo: 2 }),
    whatsappMessage('5521988887777', { name: 'Ana Conceição', minutesAgo: 1 }),
  ]);
  await app.reload();
  await app.getByRole('combobox', { name: 'Canal' }).selectOption('whatsapp');
  await expect.poll(() => rowNames(app)).toHaveLength(3);
  const shown = await rowNames(app);

  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Exportar CSV' }).click();
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows = parse(text.slice(1), { delimiter: ';', columns: true }) as Record<string, string>[];
  expect(rows.map((r) => r['nome'])).toEqual(
    // The formula guard, an invisible U+2060, is the only difference from the screen.
    shown.map((name) => (name.startsWith('=') ? `\u2060${name}` : name)),
  );
  expect(rows[0]!['canais']).toBe('whatsapp');
  expect(rows[0]!['telefones']).toBe('\u2060+55 21 98888-7777');
  await expect(app.getByText('3 clientes exportados.')).toBeVisible();

  // The same rows as an Excel workbook: the phone a text cell as written, no guard needed.
  const workbook = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Exportar para Excel (.xlsx)' }).click();
  const xlsx = await workbook;
  expect(xlsx.suggestedFilename()).toMatch(/^clientela-clientes-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const sheet = [...readXlsx(readFileSync(await xlsx.path()))].map((r) => r.cells);
  expect(sheet.slice(1).map((r) => r[1])).toEqual(shown);
  expect(sheet[1]![2]).toBe('+55 21 98888-7777');
  await expect(app.getByText('3 clientes exportados.')).toBeVisible();
});

test('"Add customer" creates a person by hand, shown as added by hand', async ({ app }) => {
  await toCustomers(app);
  await app.getByRole('button', { name: 'Adicionar cliente' }).click();
  const dialog = app.getByRole('dialog', { name: 'Adicionar cliente' });
  await dialog.locator('input[name="displayName"]').fill('Fernanda Alves');
  await dialog.locator('input[name="phone"]').fill('(11) 97777-1234');
  await dialog.getByRole('button', { name: 'Adicionar' }).click();
  const detail = app.getByRole('complementary', { name: 'Fernanda Alves' });
  await expect(detail.getByText('Adicionado à mão')).toBeVisible();
  await expect(detail.locator('input[name="phone"]')).toHaveValue('+55 11 97777-1234');
  await expect(card(app, 'total')).toHaveText('1');
});

/** Maria on WhatsApp and on Telegram, two customers; the agent merges the second into the first. */
async function mergeMariasTelegramIntoHerWhatsApp(app: Page, host: Host): Promise<void> {
  host.core.inbox.ingestBatch([
    whatsappMessage('5511999998888', { name: 'Maria Souza', minutesAgo: 2 }),
    telegramMessage(777002, { name: 'Maria S.', username: 'mariasouza', minutesAgo: 1 }),
  ]);
  await app.reload();
  await app.locator('.table-row', { hasText: 'Maria Souza' }).click();
  await app.getByRole('button', { name: 'Juntar com…' }).click();
  const dialog = app.getByRole('dialog');
  await dialog.getByRole('searchbox').fill('mariasouza');
  await dialog.getByRole('button', { name: 'Juntar' }).click();
}

test('merging two records of one person keeps one, with both channels', async ({ app, host }) => {
  await mergeMariasTelegramIntoHerWhatsApp(app, host);
  await expect(card(app, 'total')).toHaveText('1');
  // One record with both identities, under the name the agent was looking at when merging.
  const detail = app.getByRole('complementary', { name: 'Maria Souza' });
  await expect(detail.getByText('@mariasouza')).toBeVisible();
  await expect(detail.getByText(/^\+55 11 99999-8888/)).toBeVisible();
  await expect.poll(() => app.locator('.table-row').count()).toBe(1);
});

test('a merge is undone at once, and a contact is split off later', async ({ app, host }) => {
  await mergeMariasTelegramIntoHerWhatsApp(app, host);
  const detail = app.getByRole('complementary', { name: 'Maria Souza' });
  const notice = detail.getByRole('status');
  await expect(notice).toHaveText(/^Juntado com Maria S\.\s*Desfazer$/);
  await expect(card(app, 'total')).toHaveText('1');
  await screenshot(app, 'customer-merged-undo');

  // Undo: Maria S. is a customer again, with her Telegram and its conversation.
  await notice.getByRole('button', { name: 'Desfazer' }).click();
  await expect(card(app, 'total')).toHaveText('2');
  await expect(detail.getByText('@mariasouza')).toHaveCount(0);
  await expect(notice).toContainText('Separado em outro cliente: Maria S.');
  await expect.poll(() => rowNames(app)).toEqual(['Maria S.', 'Maria Souza']);
  await screenshot(app, 'customer-merge-undone');
  await notice.getByRole('button', { name: 'Maria S.' }).click();
  const other = app.getByRole('complementary', { name: 'Maria S.' });
  await expect(other.getByText('@mariasouza')).toBeVisible();
  const telegram = host.core.conversations.list({ channel: 'telegram', limit: 1 }).items[0]!;
  expect(telegram.customerId).toBe(Number(new URL(app.url()).hash.split('/')[2]));

  // Merged again, then left: later, the contact is split off from the customer's own page.
  await app.locator('.table-row', { hasText: 'Maria Souza' }).click();
  await detail.getByRole('button', { name: 'Juntar com…' }).click();
  await app.getByRole('dialog').getByRole('searchbox').fill('mariasouza');
  await app.getByRole('dialog').getByRole('button', { name: 'Juntar' }).click();
  await expect(card(app, 'total')).toHaveText('1');
  await app.reload();
  await expect(detail.getByText('@mariasouza')).toBeVisible();
  await expect(detail.getByRole('status')).toHaveCount(0);
  await detail.getByRole('button', { name: 'Separar @mariasouza' }).click();
  const confirm = app.getByRole('dialog', { name: 'Separar @mariasouza deste cliente?' });
  await screenshot(app, 'customer-split-confirm');
  await confirm.getByRole('button', { name: 'Separar' }).click();
  await expect(card(app, 'total')).toHaveText('2');
  await expect(notice).toContainText('Separado em outro cliente: Maria S.');
  // The last contact of a customer is the customer: it cannot be split off.
  await expect(detail.getByRole('button', { name: /^Separar/ })).toHaveCount(0);

  // The same in English and the dark theme.
  await inEnglishDark(app, host);
  await detail.getByRole('button', { name: 'Merge with…' }).click();
  await app.getByRole('dialog').getByRole('searchbox').fill('mariasouza');
  await app.getByRole('dialog').getByRole('button', { name: 'Merge' }).click();
  await expect(notice).toHaveText(/^Merged with Maria S\.\s*Undo$/);
  await screenshot(app, 'customer-merged-undo-dark-en');
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(notice).toContainText('Split into another customer: Maria S.');
  await expect(card(app, 'total')).toHaveText('2');
  await screenshot(app, 'customer-merge-undone-dark-en');
});

test('deleting asks first, then erases the person and their messages', async ({ app, host }) => {
  host.core.inbox.ingest(whatsappMessage('5511999998888', { name: 'Maria Souza' }));
  await app.reload();
  await app.locator('.table-row', { hasText: 'Maria Souza' }).click();
  await app.getByRole('button', { name: 'Excluir' }).click();
  const confirm = app.getByRole('dialog', { name: 'Excluir Maria Souza?' });
  await expect(confirm).toBeVisible();
  await screenshot(app, 'customer-delete-confirm');
  await confirm.getByRole('button', { name: 'Excluir para sempre' }).click();
  await expect(app.getByRole('heading', { name: 'Nenhum cliente ainda' })).toBeVisible();
  expect(host.core.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
});

test('a profile picture from the local cache is shown; a missing one falls back to initials', async ({
  app,
  host,
}) => {
  const avatars = avatarDirFor(host.core.file);
  mkdirSync(avatars, { recursive: true });
  copyFileSync(
    join(import.meta.dirname, '..', 'resources', 'icon.png'),
    join(avatars, 'maria.img'),
  );
  host.core.inbox.ingestBatch([
    {
      ...whatsappMessage('5511999998888', { name: 'Maria Souza' }),
      profilePictureUrl: 'avatar:maria.img',
    },
    {
      ...whatsappMessage('5511977776666', { name: 'Pedro Alves' }),
      profilePictureUrl: 'avatar:gone.img',
    },
  ]);
  await app.reload();
  const picture = app.locator('.table-row', { hasText: 'Maria Souza' }).locator('img.avatar');
  await expect(picture).toHaveAttribute('src', '/api/avatars/maria.img');
  await expect
    .poll(() =>
      picture.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    )
    .toBeGreaterThan(0);
  await expect(app.locator('.table-row', { hasText: 'Pedro Alves' }).locator('.avatar')).toHaveText(
    'PA',
  );
});
