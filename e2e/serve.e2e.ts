/**
 * `clientela serve` as the owner runs it, a process of its own in an environment of its own: the
 * computer's language (LANG), and the seed's switches set in the environment.
 */
import type { Browser } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCli, type CliProcess } from '../src/testing/cli-process';
import { expect, screenshot, test } from './fixtures';

/** This process's environment with the computer's language set to `lang` alone. */
function speaking(lang: string, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  // Any of these would win over LANG; an empty one makes Node's ICU give up on all of them.
  const { LC_ALL: _all, LC_MESSAGES: _messages, LANGUAGE: _language, ...env } = process.env;
  return { ...env, LANG: lang, ...more };
}

interface Served {
  serve: CliProcess;
  /** The printed address, its token included. */
  url: string;
  origin: string;
  token: string;
  /** The database file it serves. */
  file: string;
  close(): Promise<void>;
}

async function serve(env: NodeJS.ProcessEnv): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'clientela-serve-e2e-'));
  const file = join(dir, 'c.db');
  const serve = await startCli(['serve', '--db', file, '--port', '0', '--no-open'], { env });
  const [url] = await serve.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/);
  const { origin, searchParams } = new URL(url);
  return {
    serve,
    url,
    origin,
    token: searchParams.get('token')!,
    file,
    async close() {
      serve.child.kill('SIGINT');
      await serve.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A reply the outbox cannot send (no WhatsApp account is connected), opened in the browser. */
async function failedReply(browser: Browser, served: Served, locale: string) {
  const started = await fetch(`${served.origin}/api/conversations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ channel: 'whatsapp', phone: '+55 11 98888-7777', text: 'Olá!' }),
  });
  const { conversation } = (await started.json()) as { conversation: { id: number } };
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await page.goto(served.url);
  await page.goto(`${served.origin}/#/conversations/${conversation.id}`);
  return { page, bubble: page.locator('.bubble.out'), close: () => context.close() };
}

test('the screens speak the language the core writes in: the computer’s, while none is chosen', async ({
  browser,
}) => {
  // An English computer, a Brazilian agent's browser: English throughout, until one is chosen.
  const english = await serve(speaking('en_US.UTF-8'));
  try {
    const { page, bubble, close } = await failedReply(browser, english, 'pt-BR');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.getByRole('heading', { name: 'Conversations' })).toBeVisible();
    await expect(bubble).toContainText('Not sent: No WhatsApp account "default" is connected.');
    await screenshot(page, 'serve-english-computer-dark-en');
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    const language = page.getByRole('combobox', { name: 'Language' });
    await expect(language).toHaveValue('');
    await expect(language.locator('option:checked')).toHaveText("The system's — English");
    await screenshot(page, 'serve-english-computer-settings-dark-en');
    // Chosen in Settings: the screens and the core switch together.
    await language.selectOption('pt-BR');
    await page.getByRole('navigation').getByRole('button', { name: 'Conversas' }).click();
    await page.locator('.conversation').first().click();
    await bubble.getByRole('button', { name: 'Tentar de novo' }).click();
    await expect(bubble).toContainText(
      'Não enviada: Nenhuma conta de WhatsApp "default" está conectada.',
    );
    await close();
  } finally {
    await english.close();
  }

  // A Brazilian computer, an English browser: Portuguese throughout.
  const portuguese = await serve(speaking('pt_BR.UTF-8'));
  try {
    const { page, bubble, close } = await failedReply(browser, portuguese, 'en-US');
    await expect(page.getByRole('heading', { name: 'Conversas' })).toBeVisible();
    await expect(bubble).toContainText(
      'Não enviada: Nenhuma conta de WhatsApp "default" está conectada.',
    );
    await screenshot(page, 'serve-portuguese-computer');
    await page.getByRole('navigation').getByRole('button', { name: 'Configurações' }).click();
    await expect(
      page.getByRole('combobox', { name: 'Idioma' }).locator('option:checked'),
    ).toHaveText('O do sistema — Português (Brasil)');
    await screenshot(page, 'serve-portuguese-computer-settings');
    await close();
  } finally {
    await portuguese.close();
  }
});

test('the seed’s switches in the environment fix their settings while serve runs, unstored', async ({
  browser,
}) => {
  const served = await serve(
    speaking('pt_BR.UTF-8', {
      CUSTOMER_AUTO_CREATION_ENABLED: 'false',
      WHATSAPP_PROFILE_PICTURE_FETCH_ENABLED: 'false',
    }),
  );
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(served.url);
    await page.getByRole('navigation').getByRole('button', { name: 'Configurações' }).click();
    const autoCreate = page.getByRole('switch', { name: 'Criar clientes automaticamente' });
    await expect(autoCreate).not.toBeChecked();
    await expect(autoCreate).toBeDisabled();
    await expect(page.getByText('Definido por CUSTOMER_AUTO_CREATION_ENABLED')).toBeVisible();
    await expect(page.getByRole('switch', { name: 'Buscar fotos de perfil' })).toBeDisabled();
    await screenshot(page, 'serve-settings-from-environment');

    // Over the API too: refused, naming the variable, and nothing is stored.
    const rpc = (method: string, input: object) =>
      fetch(`${served.origin}/api/rpc/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
    const refused = await rpc('settings.update', { autoCreateCustomers: true });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'CUSTOMER_AUTO_CREATION_ENABLED',
    );
    // A person who writes while it runs is kept, and not made a customer.
    const started = await rpc('conversations.start', {
      channel: 'sms',
      phone: '+55 11 98888-7777',
      text: 'Olá!',
    });
    expect(started.status).toBe(200);
    const stats = (await (await rpc('customers.stats', {})).json()) as { totalCustomers: number };
    expect(stats.totalCustomers).toBe(0);

    await rpc('settings.update', { language: 'en' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await expect(page.getByText('Set by CUSTOMER_AUTO_CREATION_ENABLED')).toBeVisible();
    await screenshot(page, 'serve-settings-from-environment-dark-en');
    await context.close();
    // The language chosen is stored; what the environment fixed is not, as if the owner chose it.
    const db = new Database(served.file, { readonly: true });
    expect(db.prepare('SELECT key FROM settings ORDER BY key').pluck().all()).toEqual(['language']);
    db.close();
  } finally {
    await served.close();
  }
});
