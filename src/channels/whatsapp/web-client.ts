/**
 * The real whatsapp-web.js Client of one account: WhatsApp Web in the user's own browser, its
 * session (LocalAuth) and the cached WhatsApp Web page both under the account's data folder, never
 * in the working directory. The library (and puppeteer) load only when an account starts.
 */
import { join } from 'node:path';
import type { ClientFactory, WhatsAppClient } from './client';
import { userAgentFor } from './user-agent';

/** LocalAuth's client id: letters, digits, `_` and `-` only; the folder is the account's anyway. */
export function clientIdOf(account: string): string {
  return account.replace(/[^\w-]/g, '_') || 'default';
}

/** The folder LocalAuth keeps this account's session in (`session-<clientId>`). */
export function sessionDirOf(dataDir: string, account: string): string {
  return join(dataDir, `session-${clientIdOf(account)}`);
}

export interface WebClientOptions {
  account: string;
  dataDir: string;
  /** Finds the browser to drive; throws an Error that says what to do when there is none. */
  browser: () => string;
  /** More command-line flags for the browser (a sandbox-less container, a test without network). */
  browserArgs?: readonly string[];
}

type Library = typeof import('whatsapp-web.js');

/**
 * The library's Client and LocalAuth with their unlink path made safe. When the phone unlinks this
 * computer, whatsapp-web.js 1.34.7 (Client#initialize, its `framenavigated` handler) deletes the
 * session folder itself and then injects itself into the reloaded page, awaiting neither, while
 * this app closes that browser for a fresh one. On Windows the deletion fails with EBUSY while
 * Chrome still holds the files, and the injection fails on the closed page: two unhandled
 * rejections, which ended `clientela serve`. Here the account wipes the folder itself once the
 * browser is closed (session.ts), and a client being closed lets a failed injection go.
 */
function withSafeUnlink(library: Library) {
  const inject = (library.Client.prototype as unknown as { inject(): Promise<void> }).inject;

  class AccountAuth extends library.LocalAuth {
    override logout = async (): Promise<void> => undefined;
  }

  class AccountClient extends library.Client {
    private starting = false;
    private closing: Promise<void> | null = null;

    override async initialize(): Promise<void> {
      this.starting = true;
      try {
        await super.initialize();
      } finally {
        this.starting = false;
      }
    }

    override destroy(): Promise<void> {
      // The library also closes itself on some disconnections, unawaited: one close serves both,
      // and a browser that is already gone is closed enough.
      this.closing ??= super.destroy().catch(() => undefined);
      return this.closing;
    }

    /** The library's injection into (re)loaded WhatsApp Web pages. */
    async inject(): Promise<void> {
      try {
        await inject.call(this);
      } catch (error) {
        if (this.closing) return;
        if (this.starting) throw error;
        // A reload the library could not get into: this client is of no more use.
        this.emit('disconnected', 'RELOAD_FAILED');
      }
    }
  }

  return { AccountAuth, AccountClient };
}

/** Builds real clients for one account. */
export function webClientFactory(options: WebClientOptions): ClientFactory {
  return async () => {
    const executablePath = options.browser();
    // A CommonJS package: from ESM its exports arrive as the default export.
    const { AccountClient, AccountAuth } = withSafeUnlink(
      (await import('whatsapp-web.js')).default,
    );
    const client: WhatsAppClient = new AccountClient({
      authStrategy: new AccountAuth({
        clientId: clientIdOf(options.account),
        dataPath: options.dataDir,
      }),
      // The library asks its cache for a version it pins (2.3000.1017054665), which WhatsApp no
      // longer serves, and saves each page it gets under the live version: the local cache
      // never served anything and piled up a copy of WhatsApp Web at every release.
      webVersionCache: { type: 'none' },
      userAgent: userAgentFor(process.platform, new Date()),
      // What the phone lists under Settings › Linked devices.
      deviceName: 'Clientela',
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
