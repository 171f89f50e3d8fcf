/**
 * The real whatsapp-web.js Client of one account: WhatsApp Web in the user's own browser, its
 * session (LocalAuth) and the cached WhatsApp Web page both under the account's data folder, never
 * in the working directory. The library (and puppeteer) load only when an account starts.
 */
import { join } from 'node:path';
import type { ClientFactory, WhatsAppClient } from './client';

/** LocalAuth's client id: letters, digits, `_` and `-` only; the folder is the account's anyway. */
export function clientIdOf(account: string): string {
  return account.replace(/[^\w-]/g, '_') || 'default';
}

/** The folder LocalAuth keeps this account's session in (`session-<clientId>`). */
export function sessionDirOf(dataDir: string, account: string): string {
  return join(dataDir, `session-${clientIdOf(account)}`);
}

/** The folder of the library's cached WhatsApp Web pages (LocalWebCache) for this account. */
export function webCacheDirOf(dataDir: string): string {
  return join(dataDir, 'web-cache');
}

export interface WebClientOptions {
  account: string;
  dataDir: string;
  /** Finds the browser to drive; throws an Error that says what to do when there is none. */
  browser: () => string;
  /** More command-line flags for the browser (a sandbox-less container, a test without network). */
  browserArgs?: readonly string[];
}

/** Builds real clients for one account. */
export function webClientFactory(options: WebClientOptions): ClientFactory {
  return async () => {
    const executablePath = options.browser();
    // A CommonJS package: from ESM its exports arrive as the default export.
    const { Client, LocalAuth } = (await import('whatsapp-web.js')).default;
    const client: WhatsAppClient = new Client({
      authStrategy: new LocalAuth({
        clientId: clientIdOf(options.account),
        dataPath: options.dataDir,
      }),
      webVersionCache: { type: 'local', path: webCacheDirOf(options.dataDir) },
      puppeteer: {
        executablePath,
        headless: true,
        // The browser runs hidden inside the app; it must not offer to sync or update itself.
        args: [
          '--disable-sync',
          '--disable-component-update',
          '--no-first-run',
          ...(options.browserArgs ?? []),
        ],
      },
    });
    return client;
  };
}
