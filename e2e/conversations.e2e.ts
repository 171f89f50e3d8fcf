import { expect, screenshot, test, whatsappMessage } from './fixtures';

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
