/**
 * The Channels page in Chromium over host mode and its running supervisor: accounts added
 * through the form are checked by their real drivers, their connectors run, and what they report
 * (an error and why, a QR to scan) reaches the page live; an account is paused and resumed.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { secretsFileFor } from '../src/channels/secrets';
import { startGatewayEmulator } from '../src/channels/sms/testing/android-gateway-emulator';
import { expect, inEnglishDark, screenshot, test, type Host } from './fixtures';

const TOKEN = '123456789:AAE-e2e-bot-token-never-shown';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The address of a port with nobody listening (a gateway switched off, or a port to take). */
async function closedPort(): Promise<string> {
  const probe = createServer();
  const url = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return url;
}

/** The shop's web chat, on a free port, added through the host's own channel service. */
async function addShopChat(host: Host): Promise<void> {
  await host.channels.add({
    channel: 'webchat',
    account: 'loja',
    fields: { port: new URL(await closedPort()).port, allowedOrigins: 'https://minhaloja.com.br' },
  });
}

/** The Channels page's "Adicionar conta" dialog, and its choice of channel. */
async function openAddAccount(app: Page) {
  await app.getByRole('navigation').getByRole('button', { name: 'Canais' }).click();
  await app.getByRole('button', { name: 'Adicionar conta' }).click();
  const dialog = app.getByRole('dialog', { name: 'Adicionar conta de canal' });
  return { dialog, channel: dialog.getByRole('combobox', { name: 'Canal' }) };
}

/**
 * A Bot API server that knows the bot once (the check when the account is added) and from then
 * on refuses its token, as Telegram does after the token is revoked in @BotFather.
 */
async function revokingBotApi(): Promise<{ url: string; server: Server }> {
  let known = 1;
  const server = createServer((request, response) => {
    response.setHeader('Content-Type', 'application/json');
    if (request.url?.endsWith('/getMe') && known-- > 0) {
      response.end(
        JSON.stringify({
          ok: true,
          result: { id: 123456789, is_bot: true, first_name: 'Loja', username: 'loja_bot' },
        }),
      );
      return;
    }
    response.statusCode = 401;
    response.end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
  });
  return { url: await listen(server), server };
}

test('a web chat whose port is taken is refused with the reason, and nothing is added', async ({
  app,
  host,
}) => {
  const taken = createServer();
  const port = new URL(await listen(taken)).port;
  try {
    const { dialog, channel } = await openAddAccount(app);
    await channel.selectOption('webchat');
    await dialog.getByLabel('Porta').fill(port);
    await dialog.getByLabel('Sites permitidos').fill('https://minhaloja.com.br');
    await dialog.getByRole('button', { name: 'Verificar e conectar' }).click();
    // The reason in the shop's language, naming what to change.
    await expect(dialog.getByRole('alert')).toContainText(
      `Não foi possível verificar a conta de chat do site: A porta ${port} já está em uso`,
    );
    await screenshot(app, 'channels-add-error');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await expect(app.getByRole('heading', { name: /Nenhum canal conectado/ })).toBeVisible();
    expect(host.channels.list()).toEqual([]);
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});

test('"Add account" opens on WhatsApp, the channel most owners connect first', async ({
  app,
  host,
}) => {
  const { dialog, channel } = await openAddAccount(app);
  await expect(channel).toHaveValue('whatsapp');
  // And first in the list, the others in the order the navigation and filters show them.
  await expect(channel.locator('option')).toHaveText([
    'WhatsApp',
    'Telegram',
    'Chat do site',
    'SMS',
  ]);
  await expect(dialog.getByLabel('Nome da conta')).toBeVisible();
  await screenshot(app, 'channels-add-opens-on-whatsapp');

  await inEnglishDark(app, host);
  await app.getByRole('button', { name: 'Add account' }).click();
  const english = app.getByRole('dialog', { name: 'Add a channel account' });
  await expect(english.getByRole('combobox', { name: 'Channel' })).toHaveValue('whatsapp');
  await screenshot(app, 'channels-add-opens-on-whatsapp-dark-en');
});

test('in a browser, what would make the computer run a program, call out or listen is not asked', async ({
  app,
  host,
}) => {
  const { dialog, channel } = await openAddAccount(app);

  // The WhatsApp browser: said where it is chosen, with no box to type a program into.
  await channel.selectOption('whatsapp');
  await expect(dialog.getByRole('group', { name: 'Local do Chrome' })).toContainText(
    'Escolhido no próprio computador do Clientela',
  );
  await expect(dialog.locator('input[name="chromePath"]')).toHaveCount(0);
  await screenshot(app, 'channels-local-only');
  // Telegram's API address and the web chat's listening address, the same way.
  await channel.selectOption('telegram');
  await expect(dialog.getByRole('group', { name: 'Endereço da Bot API' })).toContainText(
    'Sem ele, vale o endereço de sempre do canal',
  );
  await expect(dialog.getByLabel('Token do bot')).toBeVisible();
  await channel.selectOption('webchat');
  await expect(dialog.getByRole('group', { name: 'Escutar no endereço' })).toContainText(
    'o chat escuta só naquele computador (127.0.0.1)',
  );
  // SMS cannot be set up without the gateway's address: the whole form says where instead.
  await channel.selectOption('sms');
  await expect(dialog.getByRole('note')).toContainText(
    'Contas de SMS são adicionadas no próprio computador do Clientela',
  );
  await expect(dialog.getByText('clientela channels add sms --help')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Verificar e conectar' })).toHaveCount(0);
  await screenshot(app, 'channels-add-on-computer');

  // The same in English and the dark theme.
  await inEnglishDark(app, host);
  await app.getByRole('navigation').getByRole('button', { name: 'Channels' }).click();
  await app.getByRole('button', { name: 'Add account' }).click();
  const english = app.getByRole('dialog', { name: 'Add a channel account' });
  await english.getByRole('combobox', { name: 'Channel' }).selectOption('whatsapp');
  await expect(english.getByRole('group', { name: 'Chrome location' })).toContainText(
    'Chosen on the Clientela computer itself',
  );
  await screenshot(app, 'channels-local-only-dark-en');
  await english.getByRole('combobox', { name: 'Channel' }).selectOption('sms');
  await expect(english.getByRole('note')).toContainText(
    'SMS accounts are added on the Clientela computer itself',
  );
  await screenshot(app, 'channels-add-on-computer-dark-en');
  await english.getByRole('button', { name: 'Close' }).click();
  expect(host.channels.list()).toEqual([]);
});

test('a Telegram bot whose token is revoked shows the error and why, live; removing it asks first', async ({
  app,
  host,
}) => {
  const bot = await revokingBotApi();
  try {
    await app.getByRole('navigation').getByRole('button', { name: 'Canais' }).click();
    // Added on the computer itself (a local Bot API server is an address it calls): the page
    // sees it arrive, then fail.
    await host.channels.add({
      channel: 'telegram',
      fields: { token: TOKEN, apiRoot: bot.url },
    });

    const card = app.getByRole('listitem', { name: 'Telegram · @loja_bot' });
    await expect(card.getByRole('status')).toHaveText('Erro');
    await expect(card).toContainText('O Telegram recusou o token do bot (401 Unauthorized)');
    await expect(card).toContainText('O Clientela continua tentando');
    await screenshot(app, 'channels-error');
    // The token reached the secret store, and nothing the page was given.
    expect(readFileSync(secretsFileFor(host.core.file), 'utf8')).toContain(TOKEN);
    expect(await app.content()).not.toContain(TOKEN);

    await card.getByRole('button', { name: 'Remover Telegram · @loja_bot' }).click();
    const confirm = app.getByRole('dialog', { name: 'Remover Telegram · @loja_bot?' });
    await expect(confirm).toContainText('As conversas e os clientes continuam');
    await confirm.getByRole('button', { name: 'Remover' }).click();
    await expect(card).toHaveCount(0);
    expect(readFileSync(secretsFileFor(host.core.file), 'utf8')).not.toContain(TOKEN);
    expect(host.channels.list()).toEqual([]);
  } finally {
    await new Promise((resolve) => bot.server.close(resolve));
  }
});

test('a QR code a connector asks to scan is drawn as an image, and replaced when it connects', async ({
  app,
  host,
}) => {
  await app.getByRole('navigation').getByRole('button', { name: 'Canais' }).click();
  await addShopChat(host);
  const card = app.getByRole('listitem', { name: /Chat do site/ });
  await expect(card.getByRole('status')).toHaveText('Conectado');
  // What WhatsApp's connector reports while it waits for the phone (its QR payload's shape).
  host.core.bus.emit([
    {
      type: 'channel.status',
      channel: 'webchat',
      account: 'loja',
      status: 'needs_qr',
      detail: '2@Zk9mQ1x7c3VwZXJzZWNyZXQ,fKq3nB0Vw5mY8pQ=,Hk2Lr9sT4uVw6xYz=,aBcDeFgH=,1',
    },
  ]);
  const qr = card.getByRole('img', { name: 'QR code para conectar o WhatsApp' });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  await expect(card.getByRole('status')).toHaveText('Escaneie o QR code');
  await screenshot(app, 'channels-qr');
  host.core.bus.emit([
    { type: 'channel.status', channel: 'webchat', account: 'loja', status: 'connected' },
  ]);
  await expect(qr).toHaveCount(0);
  await expect(card.getByRole('status')).toHaveText('Conectado');
});

test('an account added while the page is still reading the list appears all the same', async ({
  app,
  host,
}) => {
  // The first list answers late, so the new account's status events arrive before it does.
  let slow = true;
  await app.route('**/api/rpc/channels.list', async (route) => {
    if (!slow) return route.continue();
    slow = false;
    const response = await route.fetch();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.fulfill({ response });
  });
  await app.getByRole('navigation').getByRole('button', { name: 'Canais' }).click();
  await addShopChat(host);
  const card = app.getByRole('listitem', { name: /Chat do site/ });
  await expect(card.getByRole('status')).toHaveText('Conectado');
});

/** Whether anything answers at `url` (the web chat's own server, while its connector runs). */
const answers = (url: string) =>
  fetch(url).then(
    () => true,
    () => false,
  );

test('an account is paused and resumed from its card: it stops and starts, keeping its settings', async ({
  app,
  host,
}) => {
  await app.getByRole('navigation').getByRole('button', { name: 'Canais' }).click();
  const chat = await closedPort();
  await host.channels.add({
    channel: 'webchat',
    account: 'loja',
    fields: { port: new URL(chat).port, allowedOrigins: 'https://minhaloja.com.br' },
  });
  const card = app.getByRole('listitem', { name: 'Chat do site · minhaloja.com.br' });
  await expect(card.getByRole('status')).toHaveText('Conectado');
  expect(await answers(chat)).toBe(true);

  await card.getByRole('button', { name: 'Pausar Chat do site · minhaloja.com.br' }).click();
  await expect(card.getByRole('status')).toHaveText('Pausado');
  await expect(card).toContainText('Não recebe nem envia mensagens até você retomar');
  await expect(
    card.getByRole('button', { name: 'Retomar Chat do site · minhaloja.com.br' }),
  ).toBeEnabled();
  // Stopped for real: the chat's server no longer answers visitors, and the account is kept.
  expect(await answers(chat)).toBe(false);
  expect(host.channels.list()).toMatchObject([
    { channel: 'webchat', account: 'loja', enabled: false, status: 'stopped' },
  ]);
  await screenshot(app, 'channels-paused');

  // The same card in English and the dark theme: calm, not an error.
  await inEnglishDark(app, host);
  await app.getByRole('navigation').getByRole('button', { name: 'Channels' }).click();
  const english = app.getByRole('listitem', { name: 'Web chat · minhaloja.com.br' });
  await expect(english.getByRole('status')).toHaveText('Paused');
  await expect(english).toContainText('It neither receives nor sends messages until you resume it');
  await screenshot(app, 'channels-paused-dark-en');

  await english.getByRole('button', { name: 'Resume Web chat · minhaloja.com.br' }).click();
  await expect(english.getByRole('status')).toHaveText('Connected');
  await expect(
    english.getByRole('button', { name: 'Pause Web chat · minhaloja.com.br' }),
  ).toBeVisible();
  await expect(english).not.toContainText('Paused');
  expect(await answers(chat)).toBe(true);
  expect(host.channels.list()).toMatchObject([
    {
      enabled: true,
      status: 'connected',
      config: { allowedOrigins: ['https://minhaloja.com.br'] },
    },
  ]);
});

test('an SMS phone running low on battery off the charger says so on its connected card', async ({
  app,
  host,
}) => {
  const phone = await startGatewayEmulator({
    password: 's3nha-do-gateway',
    model: 'moto g54',
    battery: { level: 18, plugged: false },
  });
  try {
    await app.getByRole('navigation').getByRole('button', { name: 'Canais' }).click();
    await host.channels.add({
      channel: 'sms',
      account: 'loja',
      fields: { url: phone.url, username: 'sms', password: 's3nha-do-gateway' },
    });
    const name = `SMS · moto g54 (${new URL(phone.url).host})`;
    const card = app.getByRole('listitem', { name });
    await expect(card.getByRole('status')).toHaveText('Conectado');
    await expect(card.getByRole('note')).toHaveText(
      'A bateria do celular está em 18% e ele está fora da tomada: ligue o carregador, ou os SMS param quando ele desligar',
    );
    await screenshot(app, 'channels-sms-battery');

    // In English and the dark theme; the account restarts, so its warning is said anew.
    host.core.settings.update({ language: 'en' });
    await host.channels.setEnabled('sms', 'loja', false);
    await host.channels.setEnabled('sms', 'loja', true);
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.reload();
    await app.getByRole('navigation').getByRole('button', { name: 'Channels' }).click();
    const english = app.getByRole('listitem', { name });
    await expect(english.getByRole('status')).toHaveText('Connected');
    await expect(english.getByRole('note')).toHaveText(
      "The phone's battery is at 18% and it is not plugged in: connect the charger, or SMS stop when it switches off",
    );
    await screenshot(app, 'channels-sms-battery-dark-en');
  } finally {
    await phone.close();
  }
});
