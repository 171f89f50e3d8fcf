/**
 * The website chat in real Chromium: a shop's page on one port embeds the widget served by a web
 * chat account (run by host mode's own channel service, as `clientela serve` runs it) on another;
 * the agent answers from the Conversations page.
 */
import type { Browser, Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { expect, inEnglishDark, screenshot, test, whatsappMessage, type Host } from './fixtures';
import { freePort } from '../src/testing/waiting';

interface Shop {
  /** The shop's page, which embeds the widget. */
  url: string;
  origin: string;
  /** The web chat account's address. */
  widget: string;
  /** Closes the shop's website (the account stops with host mode). */
  close(): void;
}

/** Starts the shop's website and adds a web chat account that allows it. */
async function openShop(host: Host): Promise<Shop> {
  const widgetPort = await freePort();
  const sitePort = await freePort();
  const origin = `http://127.0.0.1:${sitePort}`;
  const site: Server = createServer((request, response) => {
    // The page's language decides the widget's: this shop is Brazilian.
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    const lang = new URL(request.url ?? '/', origin).searchParams.get('lang') ?? 'pt-BR';
    response.end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Minha Loja</title>
      <style>body{font-family:Georgia,serif;margin:0;padding:40px;background:#fdf6ec;color:#3b2f2f}
      h1{font-size:40px;margin:0 0 12px} p{max-width:560px;line-height:1.6}</style></head>
      <body><h1>Minha Loja</h1><p>Tênis, sandálias e bolsas feitos à mão em Franca/SP.
      Entregamos para todo o Brasil.</p>
      <script src="http://127.0.0.1:${widgetPort}/widget.js" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(sitePort, '127.0.0.1', resolve));

  await host.channels.add({
    channel: 'webchat',
    account: 'loja',
    fields: { port: String(widgetPort), allowedOrigins: origin, prechatForm: 'true' },
  });
  await expect.poll(() => host.channels.list()[0]?.status).toBe('connected');
  return {
    url: `${origin}/`,
    origin,
    widget: `http://127.0.0.1:${widgetPort}/`,
    close: () => site.close(),
  };
}

/** A visitor's own browser: their own localStorage, hence their own conversation. */
async function visit(
  browser: Browser,
  shop: Shop,
  options: { viewport?: { width: number; height: number }; lang?: string } = {},
) {
  const context = await browser.newContext({
    locale: 'pt-BR',
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(options.lang ? `${shop.url}?lang=${options.lang}` : shop.url);
  return { page, context, errors };
}

const widget = (page: Page) => ({
  bubble: page.getByRole('button', { name: 'Abrir o chat' }),
  panel: page.getByRole('dialog', { name: 'Fale conosco' }),
  log: page.getByRole('log'),
  composer: page.getByRole('textbox', { name: 'Escreva sua mensagem…' }),
  error: page.getByRole('alert'),
});

/** Opens the chat, answers the pre-chat form and sends a first message. */
async function startChat(page: Page, visitor: { name: string; email: string }, text: string) {
  const chat = widget(page);
  await chat.bubble.click();
  await chat.panel.getByLabel('Seu nome').fill(visitor.name);
  await chat.panel.getByLabel('Seu e-mail').fill(visitor.email);
  await chat.panel.getByRole('button', { name: 'Começar a conversa' }).click();
  await chat.composer.fill(text);
  await chat.composer.press('Enter');
  await expect(chat.log.locator('.msg.visitor').last()).toContainText(text);
}

test('a visitor writes from the shop, the agent answers from the app, the visitor sees it live', async ({
  app,
  host,
  browser,
}) => {
  const shop = await openShop(host);
  try {
    // ---- The visitor opens the chat, fills the pre-chat form and writes.
    const ana = await visit(browser, shop);
    const chat = widget(ana.page);
    await chat.bubble.click();
    await expect(chat.panel).toBeVisible();
    await expect(chat.log).toContainText('Olá! Como podemos ajudar?');
    await chat.panel.getByLabel('Seu nome').fill('Ana Beatriz');
    await chat.panel.getByLabel('Seu e-mail').fill('ana.beatriz@exemplo.com.br');
    await chat.panel.getByRole('button', { name: 'Começar a conversa' }).click();
    await chat.composer.fill('Oi! O tênis Franca vem no número 37?');
    await chat.composer.press('Enter');
    await expect(chat.log.locator('.msg.visitor')).toHaveText([/número 37\?/]);
    await expect(chat.composer).toHaveValue('');

    // ---- The agent sees the new customer and the message, and replies.
    await app.getByRole('button', { name: 'Conversas' }).click();
    const item = app.locator('.conversation', { hasText: 'Ana Beatriz' });
    await expect(item).toContainText('O tênis Franca vem no número 37?');
    await item.click();
    await expect(app.getByRole('complementary', { name: 'Cliente' })).toContainText(
      'ana.beatriz@exemplo.com.br',
    );
    const reply = app.getByRole('textbox', { name: /Escreva uma mensagem/ });
    await reply.fill('Vem sim! Do 34 ao 42. <b>Frete grátis</b> para SP.');
    await reply.press('Enter');

    // ---- The reply reaches the open widget, as text (the tags are shown, never applied).
    await expect(chat.log.locator('.msg.agent').last()).toContainText(
      'Vem sim! Do 34 ao 42. <b>Frete grátis</b> para SP.',
    );
    await expect(chat.log.locator('b')).toHaveCount(0);
    await expect(app.locator('.bubble.out .status')).toHaveAttribute('title', /Enviada/);
    await screenshot(app, 'webchat-agent');
    await screenshot(ana.page, 'webchat-desktop');

    // ---- On the next page load the conversation is still there.
    await ana.page.reload();
    await widget(ana.page).bubble.click();
    await expect(widget(ana.page).log.locator('.msg')).toHaveText([
      'Olá! Como podemos ajudar?',
      /número 37\?/,
      /Frete grátis/,
    ]);

    // ---- An oversized message is refused with a clear reason, and the text is kept.
    const long = 'Detalhes do pedido. '.repeat(220);
    await widget(ana.page).composer.fill(long);
    await widget(ana.page).composer.press('Enter');
    await expect(widget(ana.page).error).toHaveText(
      'Sua mensagem é longa demais: o máximo é 4.000 caracteres.',
    );
    await expect(widget(ana.page).composer).toHaveValue(long);
    await screenshot(ana.page, 'webchat-error');

    // ---- A second visitor sees a fresh chat, and Ana's id with any signature opens nothing.
    const bruno = await visit(browser, shop);
    const brunoChat = widget(bruno.page);
    await brunoChat.bubble.click();
    await expect(brunoChat.log.locator('.msg')).toHaveText(['Olá! Como podemos ajudar?']);
    await expect(brunoChat.log).not.toContainText('número 37');
    const anaToken = await ana.page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('clientela-webchat:'))!;
      return JSON.parse(localStorage.getItem(key)!).token as string;
    });
    const [, anaId] = anaToken.split('.');
    const forged = await bruno.page.evaluate(
      async ({ base, token }) => {
        const response = await fetch(new URL('api/messages', base), {
          headers: { Authorization: `Bearer ${token}` },
        });
        return { status: response.status, body: await response.json() };
      },
      { base: shop.widget, token: `v1.${anaId}.${'A'.repeat(43)}` },
    );
    expect(forged).toEqual({
      status: 401,
      body: { error: { code: 'unauthorized', message: expect.any(String) } },
    });

    expect([...ana.errors, ...bruno.errors]).toEqual([]);
    await ana.context.close();
    await bruno.context.close();
  } finally {
    shop.close();
  }
});

test('the widget reconnects after the server drops, and catches up on what it missed', async ({
  host,
  browser,
}) => {
  const shop = await openShop(host);
  try {
    const visitor = await visit(browser, shop);
    const chat = widget(visitor.page);
    await chat.bubble.click();
    await chat.panel.getByLabel('Seu nome').fill('Carlos');
    await chat.panel.getByLabel('Seu e-mail').fill('carlos@exemplo.com.br');
    await chat.panel.getByRole('button', { name: 'Começar a conversa' }).click();
    await chat.composer.fill('Vocês abrem no feriado?');
    await chat.composer.press('Enter');
    await expect(chat.log.locator('.msg.visitor')).toHaveCount(1);

    // The account stops (the app restarting, say): the widget says it is reconnecting.
    await host.channels.supervisor.stopAccount('webchat', 'loja');
    await expect(chat.panel.getByRole('status')).toHaveText('Reconectando…');
    // The agent answers meanwhile; the reply waits, pending, for the account to come back.
    const [conversation] = host.core.conversations.list({ channel: 'webchat', limit: 5 }).items;
    host.core.conversations.send(conversation!.id, 'Abrimos das 10h às 16h.');
    await host.channels.supervisor.reconcile();

    await expect(chat.log.locator('.msg.agent').last()).toHaveText(/Abrimos das 10h às 16h\./, {
      timeout: 20_000,
    });
    await expect(chat.panel.getByRole('status')).toHaveText('');
    await visitor.context.close();
  } finally {
    shop.close();
  }
});

test("a visitor typing a customer's email stays apart; the agent merges them in one click", async ({
  app,
  host,
  browser,
}) => {
  host.core.inbox.ingest(whatsappMessage('5511999998888', { name: 'Maria Souza', minutesAgo: 90 }));
  const [maria] = host.core.customers.list.list({ sort: 'name', limit: 1 }, 'UTC').items;
  host.core.customers.editor.update(maria!.id, { email: 'maria@exemplo.com.br' });
  const shop = await openShop(host);
  try {
    // ---- Someone on the website types Maria's email and another name.
    const visitor = await visit(browser, shop);
    const text = 'Oi, é a Maria! Troquei de número, me responde por aqui';
    await startChat(visitor.page, { name: 'Maria Nova', email: 'maria@exemplo.com.br' }, text);

    // ---- Maria is untouched; the visitor is a customer of their own, offered as a match.
    await app.getByRole('button', { name: 'Conversas' }).click();
    await app.locator('.conversation', { hasText: 'Maria Nova' }).click();
    const card = app.getByRole('complementary', { name: 'Cliente' });
    const offer = card.getByRole('region', { name: 'Talvez seja a mesma pessoa' });
    await expect(offer).toContainText('Talvez seja a mesma pessoa que Maria Souza (mesmo e-mail).');
    await screenshot(app, 'possible-match-card');
    await app.getByRole('navigation').getByRole('button', { name: 'Clientes' }).click();
    await expect.poll(() => app.locator('.table-row .name').allInnerTexts()).toHaveLength(2);
    await app.locator('.table-row', { hasText: 'Maria Nova' }).click();
    const detail = app.getByRole('complementary', { name: 'Maria Nova' });
    await expect(detail.getByRole('region', { name: 'Talvez seja a mesma pessoa' })).toContainText(
      'qualquer um pode digitar o e-mail',
    );
    await screenshot(app, 'possible-match');

    // ---- The same, in English and the dark theme.
    await inEnglishDark(app, host);
    const english = app.getByRole('complementary', { name: 'Maria Nova' });
    const suggestion = english.getByRole('region', { name: 'Maybe the same person' });
    await expect(suggestion).toContainText('Maybe the same person as Maria Souza (same email).');
    await screenshot(app, 'possible-match-dark-en');

    // ---- One click: the visitor joins Maria's record, and her name is the one kept.
    await suggestion.getByRole('button', { name: 'Merge with Maria Souza' }).click();
    const kept = app.getByRole('complementary', { name: 'Maria Souza' });
    await expect(kept.locator('.identities li')).toHaveCount(2);
    // Undone at once if the agent clicked too fast: the visitor's contact would leave again.
    await expect(kept.getByRole('status')).toHaveText(/^Merged with Maria Nova\s*Undo$/);
    await expect(kept.getByRole('region', { name: 'Maybe the same person' })).toHaveCount(0);
    await expect
      .poll(() => app.locator('.table-row .name').allInnerTexts())
      .toEqual(['Maria Souza']);
    expect(host.core.customers.detail.get(maria!.id)).toMatchObject({
      displayName: 'Maria Souza',
      phone: '+5511999998888',
      channels: ['webchat', 'whatsapp'],
    });

    // ---- Another visitor types the same email: offered again, and dismissed as a stranger.
    const stranger = await visit(browser, shop);
    await startChat(
      stranger.page,
      { name: 'Fulano', email: 'maria@exemplo.com.br' },
      'Quero mudar o endereço de entrega do pedido da Maria',
    );
    const offered = kept.getByRole('region', { name: 'Maybe the same person' });
    await expect(offered).toContainText('Maybe the same person as Fulano (same email).');
    await offered.getByRole('button', { name: 'Not the same person as Fulano' }).click();
    await expect(offered).toHaveCount(0);
    await expect
      .poll(() => app.locator('.table-row .name').allInnerTexts())
      .toEqual(['Fulano', 'Maria Souza']);
    expect([...visitor.errors, ...stranger.errors]).toEqual([]);
    await visitor.context.close();
    await stranger.context.close();
  } finally {
    shop.close();
  }
});

test('on a phone the chat takes the whole screen', async ({ host, browser }) => {
  const shop = await openShop(host);
  try {
    const visitor = await visit(browser, shop, { viewport: { width: 390, height: 844 } });
    const chat = widget(visitor.page);
    await screenshot(visitor.page, 'webchat-phone-closed');
    await chat.bubble.click();
    await expect(chat.panel).toBeVisible();
    const box = (await chat.panel.boundingBox())!;
    expect(box).toMatchObject({ x: 0, y: 0, width: 390, height: 844 });
    await chat.panel.getByLabel('Seu nome').fill('Dona Rita');
    await chat.panel.getByLabel('Seu e-mail').fill('rita');
    await chat.panel.getByRole('button', { name: 'Começar a conversa' }).click();
    await expect(chat.error).toHaveText('Este e-mail não parece válido.');
    await screenshot(visitor.page, 'webchat-phone-prechat');
    await chat.panel.getByLabel('Seu e-mail').fill('rita@exemplo.com.br');
    await chat.panel.getByRole('button', { name: 'Começar a conversa' }).click();
    await chat.composer.fill('Bom dia! Vocês fazem entrega em Ribeirão Preto?');
    await chat.composer.press('Enter');
    await expect(chat.log.locator('.msg.visitor')).toHaveCount(1);
    await screenshot(visitor.page, 'webchat-phone');
    await chat.panel.getByRole('button', { name: 'Fechar o chat' }).click();
    await expect(chat.panel).toBeHidden();
    await visitor.context.close();
  } finally {
    shop.close();
  }
});

test('a page in English gets the chat in English', async ({ host, browser }) => {
  const shop = await openShop(host);
  try {
    const visitor = await visit(browser, shop, { lang: 'en' });
    await visitor.page.getByRole('button', { name: 'Open the chat' }).click();
    const panel = visitor.page.getByRole('dialog', { name: 'Chat with us' });
    await expect(panel.getByRole('log')).toHaveText('Hi! How can we help?');
    await panel.getByRole('button', { name: 'Start chatting' }).click();
    await expect(panel.getByRole('alert')).toHaveText('Tell us your name to start.');
    await visitor.context.close();
  } finally {
    shop.close();
  }
});

test('the Channels page shows the line to paste into the website, and copies it', async ({
  app,
  host,
}) => {
  const [lojaPort, blogPort] = [await freePort(), await freePort()];
  await host.channels.add({
    channel: 'webchat',
    account: 'loja',
    fields: { port: String(lojaPort), allowedOrigins: 'https://minhaloja.com.br' },
  });
  await host.channels.add({
    channel: 'webchat',
    account: 'blog',
    fields: {
      port: String(blogPort),
      allowedOrigins: 'https://blog.minhaloja.com.br',
      publicUrl: 'https://chat.minhaloja.com.br/',
    },
  });
  await app.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: host.origin,
  });
  await app.getByRole('navigation').getByRole('button', { name: 'Canais' }).click();

  // Without a public address, the line works on this computer only, and the page says so.
  const loja = app.getByRole('listitem', { name: 'Chat do site · minhaloja.com.br' });
  const lojaLine = `<script src="http://127.0.0.1:${lojaPort}/widget.js" async></script>`;
  await expect(loja.locator('code')).toHaveText(lojaLine);
  await expect(loja).toContainText('Este endereço só funciona neste computador');

  const blog = app.getByRole('listitem', { name: 'Chat do site · blog.minhaloja.com.br' });
  const blogLine = '<script src="https://chat.minhaloja.com.br/widget.js" async></script>';
  await expect(blog.locator('code')).toHaveText(blogLine);
  await expect(blog).not.toContainText('só funciona neste computador');
  await blog.getByRole('button', { name: 'Copiar' }).click();
  await expect(blog.getByRole('button', { name: 'Copiado!' })).toBeVisible();
  // A string: the Node-side types know no browser clipboard.
  expect(await app.evaluate('navigator.clipboard.readText()')).toBe(blogLine);
  await screenshot(app, 'webchat-snippet');
});
