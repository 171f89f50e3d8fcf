import {
  expect,
  inEnglishDark,
  screenshot,
  telegramMessage,
  test,
  whatsappMessage,
} from './fixtures';

test('an empty inbox explains how conversations arrive', async ({ app }) => {
  await app.getByRole('button', { name: 'Conversas' }).click();
  await expect(app.getByRole('heading', { name: 'Nenhuma conversa ainda' })).toBeVisible();
  await screenshot(app, 'conversations-empty');
});

test('messages arrive live in the list and the open thread; the agent replies', async ({
  app,
  host,
}) => {
  await app.getByRole('button', { name: 'Conversas' }).click();
  host.core.inbox.ingest(
    whatsappMessage('5511999998888', { name: 'Maria Souza', text: 'Vocês abrem sábado?' }),
  );
  const item = app.locator('.conversation', { hasText: 'Maria Souza' });
  await expect(item).toContainText('Vocês abrem sábado?');
  await expect(item.locator('.count-badge')).toHaveText('1');
  await expect(app.locator('.nav-item .count-badge')).toHaveText('1');

  await item.click();
  const thread = app.getByRole('log');
  await expect(thread.locator('.bubble.in')).toHaveText(/Vocês abrem sábado\?/);
  // Opening marks it read.
  await expect(item.locator('.count-badge')).toHaveCount(0);
  await expect(app.getByRole('complementary', { name: 'Cliente' })).toContainText(
    '+55 11 99999-8888',
  );

  // A second message lands in the open thread without a reload.
  host.core.inbox.ingest(
    whatsappMessage('5511999998888', { text: 'E até que horas?', minutesAgo: 0 }),
  );
  await expect(thread.locator('.bubble.in')).toHaveCount(2);

  // Shift+Enter breaks the line, Enter sends.
  const composer = app.getByRole('textbox', { name: /Escreva uma mensagem/ });
  await composer.fill('Sim, das 9h');
  await composer.press('Shift+Enter');
  await composer.type('às 13h.');
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  const reply = thread.locator('.bubble.out');
  await expect(reply).toContainText('Sim, das 9h\nàs 13h.');
  await expect(item).toContainText('Você: Sim, das 9h');
  // No WhatsApp account is connected in this database: the outbox says so on the bubble at once,
  // and what the agent typed stays, ready to be sent again.
  await expect(reply).toContainText(
    'Não enviada: Nenhuma conta de WhatsApp "default" está conectada. Adicione-a na página Canais e envie de novo.',
  );
  await expect(reply.getByRole('button', { name: 'Tentar de novo' })).toBeVisible();
  await screenshot(app, 'conversation-thread');
  const stored = host.core.db
    .prepare("SELECT text, status FROM messages WHERE direction = 'out'")
    .all();
  expect(stored).toEqual([{ text: 'Sim, das 9h\nàs 13h.', status: 'failed' }]);
});

test('a failed message shows its reason and can be sent again', async ({ app, host }) => {
  const { message, conversation } = host.core.conversations.start({
    channel: 'whatsapp',
    account: 'default',
    phone: '+55 11 98888-7777',
    text: 'Seu pedido saiu para entrega',
  });
  host.core.conversations.setStatus(message.id, 'failed', { error: 'Celular sem conexão' });
  await app.goto(`${host.origin}/#/conversations/${conversation.id}`);
  const bubble = app.locator('.bubble.out');
  await expect(bubble).toContainText('Não enviada: Celular sem conexão');
  await bubble.getByRole('button', { name: 'Tentar de novo' }).click();
  // Sent again: the outbox picks it up, and this time fails for today's reason, shown in its place.
  await expect(bubble).toContainText('Nenhuma conta de WhatsApp "default" está conectada');
  await expect(bubble).not.toContainText('Celular sem conexão');
  expect(
    host.core.conversations.messages({ conversationId: conversation.id, limit: 5 }).items[0],
  ).toMatchObject({ status: 'failed', text: 'Seu pedido saiu para entrega' });
});

test('a new outbound conversation creates its customer on the spot', async ({ app, host }) => {
  await app.getByRole('button', { name: 'Conversas' }).click();
  await app.getByRole('button', { name: 'Nova conversa' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Nova conversa' });
  await dialog.locator('input[name="to"]').fill('+55 11 98888-7777');
  await dialog.locator('input[name="name"]').fill('Carlos Pereira');
  await dialog.locator('textarea[name="text"]').fill('Olá Carlos, seu orçamento está pronto.');
  await screenshot(app, 'conversation-new');
  await dialog.getByRole('button', { name: 'Enviar e abrir' }).click();

  await expect(app.getByRole('log').locator('.bubble.out')).toContainText('seu orçamento');
  await expect(app.locator('.conversation.selected')).toContainText('Carlos Pereira');

  await app.getByRole('button', { name: 'Clientes' }).click();
  const row = app.locator('.table-row', { hasText: 'Carlos Pereira' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Criado automaticamente');
  expect(host.core.customers.stats.stats(Date.now(), 'America/Sao_Paulo').totalCustomers).toBe(1);
});

test('telegram needs the person to have written first, and says so', async ({ app }) => {
  await app.getByRole('button', { name: 'Conversas' }).click();
  await app.getByRole('button', { name: 'Nova conversa' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Nova conversa' });
  await dialog.locator('select[name="channel"]').selectOption('telegram');
  await dialog.locator('input[name="to"]').fill('@ninguem');
  await dialog.locator('textarea[name="text"]').fill('Oi');
  await dialog.getByRole('button', { name: 'Enviar e abrir' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'no Telegram a pessoa precisa escrever primeiro',
  );
});

test('a conversation beyond the loaded page or outside the filter opens from its customer', async ({
  app,
  host,
}) => {
  // Sixty people wrote after Ana: her conversation is not on the list's first page (50).
  host.core.inbox.ingestBatch([
    whatsappMessage('5511977770000', {
      name: 'Ana Antiga',
      text: 'Ainda tem o bolo?',
      minutesAgo: 120,
    }),
    ...Array.from({ length: 60 }, (_, i) =>
      whatsappMessage(`55119666${String(i).padStart(5, '0')}`, { minutesAgo: 60 - i }),
    ),
  ]);
  const ana = host.core.customers.list.list({ sort: 'name', search: 'Ana Antiga', limit: 1 }, 'UTC')
    .items[0]!;
  const unread = () =>
    host.core.conversations.list({ customerId: ana.id, limit: 1 }).items[0]!.unreadCount;
  await app.goto(`${host.origin}/#/customers/${ana.id}`);
  await app.getByRole('button', { name: 'Abrir conversa' }).click();
  await expect(app.locator('.conversation', { hasText: 'Ana Antiga' })).toHaveCount(0);
  const thread = app.getByRole('region', { name: 'Ana Antiga' });
  await expect(thread.getByRole('log').locator('.bubble.in')).toHaveText(/Ainda tem o bolo\?/);
  await expect(app.getByRole('complementary', { name: 'Cliente' })).toContainText(
    '+55 11 97777-0000',
  );
  // Read once it was shown.
  await expect.poll(unread).toBe(0);
  await screenshot(app, 'conversation-beyond-the-page');

  // With only Telegram listed, her WhatsApp conversation still opens, and takes an answer.
  host.core.inbox.ingest(whatsappMessage('5511977770000', { text: 'Alô?', minutesAgo: 0 }));
  await app.getByRole('combobox', { name: 'Canal' }).selectOption('telegram');
  await expect(app.getByText('Nenhuma conversa com esses filtros.')).toBeVisible();
  await app.goto(`${host.origin}/#/customers/${ana.id}`);
  await app.getByRole('button', { name: 'Abrir conversa' }).click();
  await expect(thread.getByRole('log').locator('.bubble.in')).toHaveCount(2);
  await expect.poll(unread).toBe(0);
  const composer = thread.getByRole('textbox', { name: /Escreva uma mensagem/ });
  await composer.fill('Tem sim!');
  await composer.press('Enter');
  await expect(thread.locator('.bubble.out')).toContainText('Tem sim!');
});

test('a conversation that is not there says so, and nothing is marked read', async ({
  app,
  host,
}) => {
  host.core.inbox.ingest(whatsappMessage('5511999998888', { name: 'Maria Souza' }));
  await app.goto(`${host.origin}/#/conversations/424242`);
  await expect(app.getByRole('heading', { name: 'Conversa não encontrada' })).toBeVisible();
  await expect(app.locator('.nav-item .count-badge')).toHaveText('1');
  expect(host.core.conversations.list({ limit: 1 }).items[0]!.unreadCount).toBe(1);
  await screenshot(app, 'conversation-not-there');

  await inEnglishDark(app, host);
  await expect(app.getByRole('heading', { name: 'Conversation not found' })).toBeVisible();
  await screenshot(app, 'conversation-not-there-dark-en');
});

test('the navigation counts every unread message, on every page and whatever the filter', async ({
  app,
  host,
}) => {
  // Sixty WhatsApp people, more than a page of the list, and one on Telegram: 61 unread.
  host.core.inbox.ingestBatch([
    ...Array.from({ length: 60 }, (_, i) =>
      whatsappMessage(`55119555${String(i).padStart(5, '0')}`, { minutesAgo: 90 - i }),
    ),
    telegramMessage(777004, { name: 'João Lima', username: 'joaolima', minutesAgo: 1 }),
  ]);
  const badge = app.getByRole('navigation').locator('.count-badge');
  // The app opens on the customers: the conversations were never listed, the total is known.
  await app.reload();
  await expect(badge).toHaveText('61');
  await expect(badge).toHaveAttribute('aria-label', '61 não lidas');
  await screenshot(app, 'unread-total-customers');

  await app
    .getByRole('navigation')
    .getByRole('button', { name: /Conversas/ })
    .click();
  await expect(badge).toHaveText('61');
  await app.getByRole('combobox', { name: 'Canal' }).selectOption('telegram');
  await expect(app.locator('.conversation')).toHaveCount(1);
  await expect(badge).toHaveText('61');

  // Live: a message arrives, one is read.
  host.core.inbox.ingest(whatsappMessage('5511955500000', { text: 'Oi de novo', minutesAgo: 0 }));
  await expect(badge).toHaveText('62');
  await app.locator('.conversation', { hasText: 'João Lima' }).click();
  await expect(badge).toHaveText('61');
  expect(host.core.conversations.unreadTotal()).toBe(61);
  await screenshot(app, 'unread-total-filtered');

  // Past 99 the badge says so, and the label still counts them all.
  host.core.inbox.ingestBatch(
    Array.from({ length: 40 }, (_, i) => whatsappMessage('5511955500001', { minutesAgo: i })),
  );
  await expect(badge).toHaveText('99+');
  await expect(badge).toHaveAttribute('aria-label', '101 não lidas');

  await inEnglishDark(app, host);
  await expect(badge).toHaveAttribute('aria-label', '101 unread');
  await expect(app.getByRole('heading', { name: 'Conversations' })).toBeVisible();
  await screenshot(app, 'unread-total-dark-en');
});
