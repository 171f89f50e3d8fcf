/**
 * The e2e world: a fresh database file, the real core, host mode serving the built renderer on a
 * free port, and a Chromium page opened with the token, as an agent would open it.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createChannelService, type ChannelService } from '../src/channels/service';
import { createHostServer } from '../src/server/host-server';
import { tempCore, type TestCore } from '../src/testing/fixtures';

const STATIC_DIR = join(import.meta.dirname, '..', 'out', 'renderer');

export interface Host {
  core: TestCore;
  /** The address with the token, as host mode prints it. */
  url: string;
  /** The same address without the token. */
  origin: string;
  token: string;
  /** The running channel service host mode serves, as `clientela serve` runs it. */
  channels: ChannelService;
}

export const test = base.extend<{ host: Host; app: Page }>({
  // Playwright reads a fixture's dependencies from this pattern; the host needs none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    if (!existsSync(join(STATIC_DIR, 'index.html')))
      throw new Error('The renderer is not built: run `npm run build` (npm test does it).');
    // A Brazilian shop: the screens and what the core says are in Portuguese.
    const core = tempCore({ now: Date.now, language: 'pt-BR' });
    const channels = createChannelService(core, { log: { info: () => {}, error: () => {} } });
    const server = await createHostServer(core, { port: 0, staticDir: STATIC_DIR, channels });
    await channels.start();
    await use({
      core,
      url: server.url,
      origin: new URL(server.url).origin,
      token: server.token,
      channels,
    });
    await channels.stop();
    await server.close();
    core.dispose();
  },
  app: async ({ page, host }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // A call the core refuses (bad input, not found, a conflict) is shown to the person as a
      // message, and a picture gone from the cache as initials; the tests check both. The browser
      // still logs the status: that is not a breakage.
      const { url } = message.location();
      const refused = /status of (400|404|409)\b/.test(message.text()) && url.includes('/api/rpc/');
      const noPicture = /status of 404\b/.test(message.text()) && url.includes('/api/avatars/');
      if (refused || noPicture) return;
      errors.push(message.text());
    });
    await page.goto(host.url);
    await use(page);
    // A screen that threw is broken, even if the assertions passed.
    expect(errors, 'errors in the page').toEqual([]);
  },
});

export { expect };

/**
 * Past the welcome screen an empty database opens on, to the customer list (`name`: its navigation
 * item in the page's language).
 */
export const toCustomers = (page: Page, name = 'Clientes') =>
  page.getByRole('navigation').getByRole('button', { name }).click();

/** The shop switched to English and the page to the dark theme, reloaded: the other screenshots. */
export async function inEnglishDark(page: Page, host: Host): Promise<void> {
  host.core.settings.update({ language: 'en' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.reload();
}

/** Saves a screenshot under e2e/screenshots, to be looked at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(import.meta.dirname, 'screenshots', `${name}.png`) });
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
let sequence = 0;

/** A WhatsApp message from a Brazilian number, as the connector would deliver it. */
export function whatsappMessage(
  digits: string,
  options: { name?: string; text?: string; minutesAgo?: number; direction?: 'in' | 'out' } = {},
) {
  sequence += 1;
  return {
    channel: 'whatsapp' as const,
    account: 'default',
    direction: options.direction ?? ('in' as const),
    messageId: `wamid.e2e.${digits}.${sequence}`,
    externalUserId: `${digits}@c.us`,
    displayName: options.name ?? null,
    text: options.text ?? `Olá, mensagem ${sequence}`,
    timestamp: minutesAgo(options.minutesAgo ?? 1),
  };
}

/** A Telegram message from a user with a username. */
export function telegramMessage(
  userId: number,
  options: { name: string; username: string; text?: string; minutesAgo?: number },
) {
  sequence += 1;
  return {
    channel: 'telegram' as const,
    account: 'default',
    direction: 'in' as const,
    messageId: `tg.e2e.${userId}.${sequence}`,
    externalUserId: String(userId),
    displayName: options.name,
    username: options.username,
    text: options.text ?? `Oi! ${sequence}`,
    timestamp: minutesAgo(options.minutesAgo ?? 1),
  };
}
