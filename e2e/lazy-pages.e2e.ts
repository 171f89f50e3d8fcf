/**
 * The renderer's first load: the Customers page and one language come with the app, every other
 * page's code is fetched the first time it is opened, in host mode and in the desktop window's
 * own way of loading the page (file://, by relative address, under the window's CSP).
 */
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { playDesktopBridge } from './desktop-bridge';
import { expect, screenshot, test, whatsappMessage, type Host } from './fixtures';

const RENDERER = join(import.meta.dirname, '..', 'out', 'renderer');

/** The scripts a page fetches, by chunk name ("SettingsPage" for assets/SettingsPage-1a2b3c.js). */
function chunksFetched(page: Page): Set<string> {
  const chunks = new Set<string>();
  page.on('request', (request) => {
    const match = /\/assets\/(.+)-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname);
    if (match) chunks.add(match[1]!);
  });
  return chunks;
}

/** Errors the page throws or logs (a script the CSP refuses is logged as one). */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name }).click();

const LAZY_PAGES = ['ConversationsPage', 'ChannelsPage', 'SettingsPage', 'WelcomePage'];

test("the Customers page comes with the app; another page's code when it is opened", async ({
  host,
  page,
}) => {
  host.core.inbox.ingest(whatsappMessage('5511999998888', { name: 'Maria Souza' }));
  const chunks = chunksFetched(page);
  const errors = pageErrors(page);
  await page.goto(host.url);
  await expect(page.locator('.table-row', { hasText: 'Maria Souza' })).toBeVisible();
  expect(LAZY_PAGES.filter((name) => chunks.has(name))).toEqual([]);
  // One language: the one on screen.
  expect(chunks.has('pt-BR')).toBe(true);
  expect(chunks.has('en')).toBe(false);

  for (const [item, chunk] of [
    ['Conversas', 'ConversationsPage'],
    ['Canais', 'ChannelsPage'],
    ['Configurações', 'SettingsPage'],
  ] as const) {
    await nav(page, item);
    await expect(page.getByRole('heading', { name: item, level: 1 })).toBeVisible();
    expect(chunks.has(chunk)).toBe(true);
  }
  await screenshot(page, 'lazy-settings');

  // Another language is fetched when it is chosen, and the screen changes to it whole.
  await page.getByRole('combobox', { name: /Idioma/ }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('navigation').getByRole('button', { name: 'Customers' }),
  ).toBeVisible();
  expect(chunks.has('en')).toBe(true);
  expect(errors).toEqual([]);
});

test('a page whose code cannot be fetched says so, and the rest of the window stays', async ({
  host,
  page,
}) => {
  host.core.inbox.ingest(whatsappMessage('5511999998888', { name: 'Maria Souza' }));
  await page.goto(host.url);
  await expect(page.locator('.table-row', { hasText: 'Maria Souza' })).toBeVisible();
  // As when host mode restarted on a newer version while this browser kept the old page.
  await page.route(/\/assets\/SettingsPage-/, (route) => route.abort());
  await nav(page, 'Configurações');
  await expect(page.getByRole('alert')).toContainText('esta tela não abriu');
  await screenshot(page, 'lazy-page-failed');
  await nav(page, 'Clientes');
  await expect(page.locator('.table-row', { hasText: 'Maria Souza' })).toBeVisible();

  // Back on its feet: "Tentar de novo" reloads, on the page that failed.
  await page.unroute(/\/assets\/SettingsPage-/);
  await nav(page, 'Configurações');
  await page.getByRole('button', { name: 'Tentar de novo' }).click();
  await expect(page.getByRole('heading', { name: 'Configurações', level: 1 })).toBeVisible();
});

/**
 * The preload's bridge for a page Chromium opens from file://, as the desktop window does: each
 * call goes to host mode's API, which answers from the same handler table IPC does; no live events.
 */
async function desktopBridge(page: Page, host: Host): Promise<void> {
  await playDesktopBridge(page, async (method, input) => {
    const response = await fetch(`${host.origin}/api/rpc/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    const body = (await response.json()) as { error?: { code: string; message: string } };
    return response.ok ? { ok: true, value: body } : { ok: false, error: body.error! };
  });
}

test('the desktop window loads each page from file://, by relative address, under its CSP', async ({
  host,
  playwright,
}) => {
  const launchOptions = test.info().project.use.launchOptions ?? {};
  // Electron lets its file:// page load module scripts beside it; Chromium does with this switch.
  const browser = await playwright.chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), '--allow-file-access-from-files'],
  });
  try {
    const page = await browser.newPage({ locale: 'pt-BR' });
    await desktopBridge(page, host);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    const errors = pageErrors(page);
    await page.goto(pathToFileURL(join(RENDERER, 'index.html')).href);

    // An empty database: the welcome screen, itself fetched when shown.
    await expect(page.getByRole('heading', { name: 'Boas-vindas ao Clientela' })).toBeVisible();
    for (const item of ['Conversas', 'Canais', 'Configurações', 'Clientes']) {
      await nav(page, item);
      await expect(page.getByRole('heading', { name: item, level: 1 })).toBeVisible();
    }
    const assets = pathToFileURL(join(RENDERER, 'assets')).href;
    expect(scripts.length).toBeGreaterThan(LAZY_PAGES.length);
    expect(scripts.filter((url) => !url.startsWith(`${assets}/`))).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
