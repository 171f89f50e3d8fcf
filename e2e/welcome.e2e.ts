/**
 * The first run: the welcome screen on an empty database, and the sample-data demo the owner can
 * open and throw away, through host mode as `clientela serve` runs it (over a workspace).
 */
import { test as base, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChannelService } from '../src/channels/service';
import { openCore } from '../src/core';
import { serveWorkspace } from '../src/server/serve-workspace';
import { openWorkspace, type Workspace } from '../src/workspace/workspace';
import { freePort } from '../src/testing/waiting';
import { expect, screenshot, test, whatsappMessage } from './fixtures';

const quiet = { info: () => {}, error: () => {} };

/** `clientela serve` over a fresh data folder, in Portuguese; the page opened with its token. */
const served = base.extend<{
  shop: { workspace: Workspace; url: string; dir: string };
  page: Page;
}>({
  // eslint-disable-next-line no-empty-pattern
  shop: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'clientela-welcome-'));
    const workspace = openWorkspace({
      file: join(dir, 'clientela.db'),
      open: (file) => openCore(file),
      channels: (core) => createChannelService(core, { log: quiet }),
    });
    workspace.core.settings.update({ language: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    const server = await serveWorkspace(workspace, {
      port: 0,
      staticDir: join(import.meta.dirname, '..', 'out', 'renderer'),
    });
    await workspace.start();
    await use({ workspace, url: server.url, dir });
    await server.close();
    await workspace.close();
    rmSync(dir, { recursive: true, force: true });
  },
  page: async ({ page, shop }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(shop.url);
    await use(page);
    expect(errors, 'errors in the page').toEqual([]);
  },
});

/** Dark theme and English, as an agent who chose them sees the app. */
async function darkEnglish(page: Page, setLanguage: () => void) {
  setLanguage();
  await page.evaluate(() => localStorage.setItem('clientela.theme', 'dark'));
  await page.goto(page.url().replace(/#.*$/, '#'));
  await page.reload();
}

test('a first run greets the owner: what it does, WhatsApp first, where the data lives', async ({
  app,
  host,
}) => {
  await expect(app.getByRole('heading', { name: 'Boas-vindas ao Clientela' })).toBeVisible();
  await expect(app.getByText(host.core.file, { exact: true })).toBeVisible();
  const connect = app.getByRole('button', { name: /Conectar o WhatsApp/ });
  await expect(connect).toBeVisible();
  // Then the other channels, each a button named for it.
  expect(await app.locator('.welcome-others button').allInnerTexts()).toEqual([
    'Telegram',
    'Chat do site',
    'SMS',
  ]);
  await expect(app.getByRole('button', { name: 'Chat do site', exact: true })).toBeVisible();
  // No navigation item is the welcome: none is marked as the current page.
  await expect(app.getByRole('navigation').locator('[aria-current="page"]')).toHaveCount(0);
  await screenshot(app, 'welcome');

  // The page arrives with host mode's policy: scripts and connections to its own origin only.
  const page = await app.request.get(`${host.origin}/`);
  expect(page.headers()['content-security-policy']).toContain("connect-src 'self';");

  await connect.click();
  const dialog = app.getByRole('dialog', { name: 'Adicionar conta de canal' });
  await expect(dialog.locator('select[name="channel"]')).toHaveValue('whatsapp');
  await expect(app.getByRole('heading', { name: 'Canais', level: 1 })).toBeVisible();
});

test('the welcome screen in English and the dark theme', async ({ app, host }) => {
  await darkEnglish(app, () => host.core.settings.update({ language: 'en' }));
  await expect(app.getByRole('heading', { name: 'Welcome to Clientela' })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(app, 'welcome-dark-en');
  await app.getByRole('button', { name: 'Skip to the customer list' }).click();
  await expect(app.getByRole('heading', { name: 'No customers yet' })).toBeVisible();
});

test('the first message to arrive ends the welcome: its customer is shown', async ({
  app,
  host,
}) => {
  await expect(app.getByRole('heading', { name: 'Boas-vindas ao Clientela' })).toBeVisible();
  host.core.inbox.ingest(whatsappMessage('5511999998888', { name: 'Maria Souza' }));
  await expect(app.locator('.table-row', { hasText: 'Maria Souza' })).toBeVisible();
  await expect(app.getByRole('heading', { name: 'Boas-vindas ao Clientela' })).toHaveCount(0);
});

test('a database with anything in it opens on the customers, not the welcome', async ({
  page,
  host,
}) => {
  host.core.customers.editor.create({ displayName: 'Maria Souza' });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Clientes', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Boas-vindas ao Clientela' })).toHaveCount(0);
});

served(
  'sample data fills a demo of its own, said so on every page, and leaving deletes it',
  async ({ page, shop }) => {
    await page.getByRole('button', { name: 'Ver com dados de exemplo' }).click();
    const banner = page.getByRole('status').filter({ hasText: 'Dados de demonstração.' });
    await expect(banner).toBeVisible();
    await expect(page.locator('[data-stat="total"] .stat-value')).toHaveText('8');
    await expect(page.locator('.table-row', { hasText: 'Maria Souza' })).toBeVisible();
    await screenshot(page, 'demo-customers');
    await page.getByRole('navigation').getByRole('button', { name: 'Conversas' }).click();
    await page.locator('.conversation', { hasText: 'Maria Souza' }).click();
    await expect(page.getByRole('log').getByText('E vocês aceitam Pix?')).toBeVisible();
    await expect(banner).toBeVisible();
    await screenshot(page, 'demo-conversation');

    // Nothing typed here could be lost: no channel can be connected to the demo.
    await page.getByRole('navigation').getByRole('button', { name: 'Canais' }).click();
    await page.getByRole('button', { name: 'Adicionar conta' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Adicionar conta de canal' });
    await dialog.locator('select[name="channel"]').selectOption('webchat');
    await dialog.locator('input[name="port"]').fill(String(await freePort()));
    await dialog.locator('textarea[name="allowedOrigins"]').fill('https://minhaloja.com.br');
    await dialog.getByRole('button', { name: 'Verificar e conectar' }).click();
    await expect(dialog.getByText(/Isto é uma demonstração: saia dela/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancelar' }).click();

    await banner.getByRole('button', { name: 'Sair da demonstração e apagar' }).click();
    await expect(page.getByRole('heading', { name: 'Boas-vindas ao Clientela' })).toBeVisible();
    await expect(banner).toHaveCount(0);
    expect(shop.workspace.demo).toBe(false);
    expect(existsSync(join(shop.dir, 'demo'))).toBe(false);
    expect(shop.workspace.core.customers.stats.stats(Date.now(), 'UTC').totalCustomers).toBe(0);
  },
);

served('the demo in English and the dark theme', async ({ page, shop }) => {
  await darkEnglish(page, () => shop.workspace.core.settings.update({ language: 'en' }));
  await page.getByRole('button', { name: 'Try it with sample data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sample data.' })).toBeVisible();
  await expect(page.locator('.table-row', { hasText: 'Mary Johnson' })).toBeVisible();
  await screenshot(page, 'demo-customers-dark-en');
});
