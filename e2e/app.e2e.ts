import { createServer as createHttpServer } from 'node:http';
import { expect, screenshot, test, whatsappMessage } from './fixtures';
import { freePort } from '../src/testing/waiting';

test('a request without the token is refused, on the API, the page and the event socket', async ({
  host,
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const api = await page.request.get(`${host.origin}/api/customers`);
  expect(api.status()).toBe(401);
  const wrong = await page.request.get(`${host.origin}/api/customers?token=not-the-token`);
  expect(wrong.status()).toBe(401);
  const response = await page.goto(host.origin);
  expect(response?.status()).toBe(401);
  const socket = await page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    `${host.origin.replace('http', 'ws')}/api/events`,
  );
  expect(socket).toBe('refused');
  // With the token the same requests work, and the token leaves the address bar.
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Boas-vindas ao Clientela' })).toBeVisible();
  expect(page.url()).not.toContain('token');
  expect((await page.request.get(`${host.origin}/api/customers`)).status()).toBe(200);
  await context.close();
});

test('another name for this machine (DNS rebinding) and another site (CSRF) are refused', async ({
  app,
  host,
  playwright,
}) => {
  const port = new URL(host.origin).port;
  // An attacker's domain that resolves to this computer, as after a DNS rebinding.
  const rebound = await playwright.chromium.launch({
    ...test.info().project.use.launchOptions,
    args: [
      ...(test.info().project.use.launchOptions?.args ?? []),
      '--host-resolver-rules=MAP rebind.test 127.0.0.1',
    ],
  });
  const evil = await rebound.newPage();
  const refused = await evil.goto(`http://rebind.test:${port}/?token=${host.token}`);
  expect(refused?.status()).toBe(403);
  await rebound.close();

  // A page on another site (another port is another origin, yet the same site: the cookie goes
  // along) posts to the API in the background, in the browser of an agent who is signed in.
  const site = createHttpServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(`<!doctype html><script>
      fetch('${host.origin}/api/rpc/customers.create', {
        method: 'POST', mode: 'no-cors', credentials: 'include',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ displayName: 'Intruso' }),
      });</script>`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const tab = await app.context().newPage();
  const answer = tab.waitForResponse(`${host.origin}/api/rpc/customers.create`);
  await tab.goto(`http://127.0.0.1:${(site.address() as { port: number }).port}/`);
  expect((await answer).status()).toBe(403);
  site.close();
  expect(host.core.customers.stats.stats(Date.now(), 'UTC').totalCustomers).toBe(0);
});

test('settings: language and theme change at once and are kept', async ({ app, host }) => {
  host.core.inbox.ingest(whatsappMessage('5511999998888', { name: 'Maria Souza' }));
  await app.getByRole('button', { name: 'Configurações' }).click();
  await screenshot(app, 'settings');
  await app.getByRole('combobox', { name: /Idioma/ }).selectOption('en');
  await expect(app.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await app.getByRole('combobox', { name: /Theme/ }).selectOption('dark');
  expect(host.core.settings.get().language).toBe('en');

  await app.reload();
  await expect(app.getByRole('button', { name: 'Customers' })).toBeVisible();
  await app.getByRole('button', { name: 'Customers' }).click();
  await expect(app.getByRole('grid').getByText('Auto-created', { exact: true })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(app, 'customers-dark-en');
  // Every page in the dark theme and in English, to be looked at.
  await app.locator('.table-row', { hasText: 'Maria Souza' }).click();
  await expect(app.getByRole('complementary', { name: 'Maria Souza' })).toBeVisible();
  await screenshot(app, 'customer-detail-dark-en');
  await app.getByRole('navigation').getByRole('button', { name: 'Conversations' }).click();
  await app.locator('.conversation', { hasText: 'Maria Souza' }).click();
  await expect(app.getByRole('log').locator('.bubble.in')).toHaveCount(1);
  await screenshot(app, 'conversation-thread-dark-en');
  await app.getByRole('navigation').getByRole('button', { name: 'Channels' }).click();
  await expect(app.getByRole('heading', { name: 'Channels', level: 1 })).toBeVisible();
  await screenshot(app, 'channels-dark-en');
  await app.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  await screenshot(app, 'settings-dark-en');
});

test('settings in a browser leave the office network, its access code and updates to the computer itself', async ({
  app,
}) => {
  await app.getByRole('button', { name: 'Configurações' }).click();
  await expect(app.getByRole('switch', { name: /Criar clientes automaticamente/ })).toBeVisible();
  await expect(app.getByRole('note')).toHaveText(
    'O acesso pela rede do escritório, o código de acesso e as atualizações automáticas são controlados no próprio computador do Clientela (em Configurações, no aplicativo de lá).',
  );
  // Neither the switches nor the access code's replacement is offered over host mode.
  await expect(app.getByRole('switch', { name: /rede do escritório/ })).toHaveCount(0);
  await expect(app.getByRole('button', { name: /Trocar/ })).toHaveCount(0);
  await expect(app.getByRole('switch', { name: /Atualizar sozinho/ })).toHaveCount(0);
});

test('settings: a bad phone region is refused with the reason', async ({ app }) => {
  await app.getByRole('button', { name: 'Configurações' }).click();
  const region = app.getByRole('textbox', { name: /Região padrão/ });
  await region.fill('B1');
  await region.blur();
  await expect(app.getByRole('alert')).toContainText(
    'País: Um código de país de duas letras, como BR',
  );
});

test('the channels page shows each account and its live status', async ({ app, host }) => {
  await app.getByRole('navigation').getByRole('button', { name: 'Canais' }).click();
  await expect(app.getByRole('heading', { name: /Nenhum canal conectado/ })).toBeVisible();
  await screenshot(app, 'channels-empty');
  // A web chat account needs no outside service: its connector really starts, on a free port.
  await app.getByRole('button', { name: 'Adicionar conta' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Adicionar conta de canal' });
  await dialog.locator('select[name="channel"]').selectOption('webchat');
  await dialog.locator('input[name="port"]').fill(String(await freePort()));
  await dialog.locator('textarea[name="allowedOrigins"]').fill('https://minhaloja.com.br');
  await dialog.locator('input[name="account"]').fill('loja');
  await dialog.getByRole('button', { name: 'Verificar e conectar' }).click();
  await expect(dialog).toHaveCount(0);
  const card = app.getByRole('listitem', { name: /loja/ });
  await expect(card.getByRole('status')).toHaveText('Conectado');
  expect(host.channels.list()).toMatchObject([{ channel: 'webchat', account: 'loja' }]);
  await screenshot(app, 'channels');
});

test('keyboard: arrows move through the customer list and Enter opens one', async ({
  app,
  host,
}) => {
  host.core.inbox.ingestBatch([
    whatsappMessage('5511911110001', { name: 'Ana Paula', minutesAgo: 3 }),
    whatsappMessage('5511911110002', { name: 'Bruno Dias', minutesAgo: 2 }),
  ]);
  await app.reload();
  await app.locator('.table-row').first().focus();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('complementary', { name: 'Ana Paula' })).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('complementary', { name: 'Ana Paula' })).toHaveCount(0);
});
