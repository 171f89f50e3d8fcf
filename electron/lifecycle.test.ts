/**
 * The desktop app's life, run for real (lifecycle.ts and everything it wires) over the stand-in
 * `electron` module: start-up order, the window's locks, the tray, quitting, one copy at a time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChannelService } from '../src/channels/service';
import { openCore } from '../src/core';
import { PERSON, seedPerson } from '../src/privacy/testing/person';
import { readZip } from '../src/privacy/testing/read-zip';
import { storedHostToken } from '../src/server/host-token';
import { freePort } from '../src/testing/waiting';
import { EVENTS_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';
import { app, world, type BrowserWindow } from './testing/electron';
import { APP_URL, FILES, newUserData, startTestDesktop, type TestDesktop } from './testing/desktop';
import { startDesktop } from './lifecycle';
import { createDesktopSecretStore } from './secrets';

/** Whether something listens on the port: the web chat connector is running. */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => resolve(!!socket.end()));
    socket.once('error', () => resolve(false));
  });

/** A user-data folder whose database already has a web chat account (no outside service). */
async function withWebchatAccount(): Promise<{ userData: string; port: number }> {
  const userData = newUserData();
  const core = openCore(join(userData, 'clientela.db'));
  const port = await freePort();
  await createChannelService(core, { log: { info() {}, error() {} } }).add({
    channel: 'webchat',
    fields: { port, allowedOrigins: ['https://minhaloja.com.br'] },
  });
  core.close();
  return { userData, port };
}

const statusesSent = (win: BrowserWindow) =>
  win.webContents.sent
    .filter((m) => m.channel === EVENTS_CHANNEL)
    .flatMap((m) => m.args[0] as { type: string; channel?: string; status?: string }[])
    .filter((e) => e.type === 'channel.status');

let running: TestDesktop | undefined;
afterEach(async () => {
  await running?.dispose();
  running = undefined;
});

describe('start-up', () => {
  it('opens the database and answers the page before making the window', async () => {
    const userData = newUserData();
    let atWindow: { database: boolean; ipc: boolean } | undefined;
    world.reset();
    world.on('window-created', () => {
      atWindow = {
        database: existsSync(join(userData, 'clientela.db')),
        ipc: world.answers(INVOKE_CHANNEL),
      };
    });
    running = await startTestDesktop({ userData, keepWorld: true });
    expect(atWindow).toEqual({ database: true, ipc: true });
    expect(world.windows).toHaveLength(1);
  });

  it('starts the channel connectors after the window, which sees their first status', async () => {
    const { userData, port } = await withWebchatAccount();
    running = await startTestDesktop({ userData });
    await vi.waitFor(async () => expect(await listening(port)).toBe(true));
    // Had they started first, "connecting" would have reached no window.
    expect(statusesSent(running.window())[0]).toMatchObject({
      channel: 'webchat',
      status: 'connecting',
    });
  });

  it('takes the single-instance lock before anything else', async () => {
    world.reset();
    app.setPath('userData', newUserData());
    const started = startDesktop({ files: FILES, env: {} });
    expect(world.lockHeld).toBe(true);
    expect(world.windows).toHaveLength(0);
    world.becomeReady();
    const desktop = (await started)!;
    running = {
      desktop,
      userData: app.getPath('userData'),
      process: undefined as never,
      window: () => desktop.window() as unknown as BrowserWindow,
      invoke: undefined as never,
      dispose: async () => {
        app.quit();
        await world.quit.promise;
      },
    };
  });

  it('gives way to the copy already running: no window, no database', async () => {
    world.reset();
    world.otherInstanceRunning = true;
    const userData = newUserData();
    app.setPath('userData', userData);
    const started = startDesktop({ files: FILES, env: {} });
    world.becomeReady();
    expect(await started).toBeNull();
    expect(world.shutDown).toBe(true);
    expect(world.windows).toEqual([]);
    expect(existsSync(join(userData, 'clientela.db'))).toBe(false);
  });

  it('brings the window forward when the app is opened a second time', async () => {
    running = await startTestDesktop();
    const win = running.window();
    win.minimize();
    win.hide();
    app.emit('second-instance');
    expect(win.isVisible()).toBe(true);
    expect(win.isMinimized()).toBe(false);
    expect(win.isFocused()).toBe(true);
    expect(world.windows).toHaveLength(1);
  });
});

describe('the language', () => {
  it("is the system's as Chromium reads it, for the window and for what the core writes", async () => {
    const call = (method: string) => running!.invoke(method);
    for (const [locale, language] of [
      ['pt-PT', 'pt-BR'],
      ['en-GB', 'en'],
    ] as const) {
      world.reset();
      world.locale = locale;
      running = await startTestDesktop({ keepWorld: true });
      expect(await call('settings.environment')).toEqual({
        ok: true,
        value: { systemLanguage: language, fixedBy: {} },
      });
      const refused = await call('conversations.markRead');
      expect(refused).toMatchObject({
        ok: false,
        error: {
          message: { 'pt-BR': 'conversationId: Obrigatório', en: 'conversationId: Required' }[
            language
          ],
        },
      });
      await running.dispose();
      running = undefined;
    }
  });
});

describe("the seed's switches in the environment", () => {
  it('fix their settings while the app runs; a value neither true nor false is logged and left out', async () => {
    running = await startTestDesktop({
      env: {
        CUSTOMER_AUTO_CREATION_ENABLED: 'false',
        WHATSAPP_PROFILE_PICTURE_FETCH_ENABLED: 'sim',
      },
    });
    const { core } = running.desktop.workspace;
    expect(core.settings.get()).toMatchObject({
      autoCreateCustomers: false,
      fetchProfilePictures: true,
    });
    expect(core.settings.fixedBy()).toEqual({
      autoCreateCustomers: 'CUSTOMER_AUTO_CREATION_ENABLED',
    });
    expect(readFileSync(join(running.userData, 'logs', 'clientela.log'), 'utf8')).toContain(
      'ignored: WHATSAPP_PROFILE_PICTURE_FETCH_ENABLED must be true or false, not "sim"',
    );
  });
});

describe('the window', () => {
  it('is sandboxed and isolated, without Node, and loads the app page only once ready to show', async () => {
    running = await startTestDesktop();
    const win = running.window();
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      preload: FILES.preload,
    });
    expect(win.webContents.getURL()).toBe(APP_URL);
    // No white flash: it shows once its page is drawn.
    expect(win.isVisible()).toBe(false);
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(true);
  });

  it('ignores the development hooks in an installed app', async () => {
    running = await startTestDesktop({
      packaged: true,
      env: {
        ELECTRON_RENDERER_URL: 'http://attacker.example/',
        CLIENTELA_SQLITE_BINDING: '/tmp/not-a-real-module.node',
      },
    });
    expect(running.window().webContents.getURL()).toBe(APP_URL);
    expect(running.desktop.workspace.core.db.open).toBe(true);
  });

  it('follows the development server while developing', async () => {
    running = await startTestDesktop({ env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } });
    expect(running.window().webContents.getURL()).toBe('http://localhost:5173/');
  });
});

describe('the tray', () => {
  it('keeps the app running with the window closed, and quits from its menu', async () => {
    running = await startTestDesktop();
    const win = running.window();
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(win.isVisible()).toBe(false);
    expect(world.shutDown).toBe(false);
    // Messages still arrive with the window closed.
    running.desktop.workspace.core.inbox.ingest({
      channel: 'whatsapp',
      account: 'default',
      direction: 'in',
      messageId: 'tray-1',
      externalUserId: '5511999998888@c.us',
      text: 'Oi',
      timestamp: new Date().toISOString(),
    });
    expect(world.notifications.map((n) => n.body)).toEqual(['Oi']);

    const [tray] = world.trays;
    tray!.emit('click');
    expect(win.isVisible()).toBe(true);
    tray!.menu!.click(/Sair|Quit/);
    await world.quit.promise;
    expect(running.desktop.workspace.core.db.open).toBe(false);
  });
});

describe('what only the desktop app answers', () => {
  const call = (method: string, input?: unknown) => running!.invoke(method, input);

  it("picks the program WhatsApp runs with the system's own dialog; cancelling picks none", async () => {
    running = await startTestDesktop();
    world.openAs = '/usr/bin/chromium';
    expect(await call('desktop.chooseProgram', { title: 'Local do Chrome' })).toEqual({
      ok: true,
      value: '/usr/bin/chromium',
    });
    expect(world.dialogs.at(-1)).toMatchObject({ kind: 'open', title: 'Local do Chrome' });
    world.openAs = null;
    expect(await call('desktop.chooseProgram', { title: 'Local do Chrome' })).toEqual({
      ok: true,
      value: null,
    });
  });

  it("saves a customer's data where the save dialog says, logged as this computer's", async () => {
    running = await startTestDesktop();
    const { core } = running.desktop.workspace;
    const id = seedPerson(core);
    const file = join(running.userData, 'zuleica.zip');
    world.saveAs = file;
    expect(await call('desktop.exportCustomerData', { id })).toEqual({
      ok: true,
      value: { path: file },
    });
    expect(world.dialogs.at(-1)).toMatchObject({ kind: 'save' });
    expect(world.dialogs.at(-1)!.title).toMatch(/clientela-cliente-\d+-\d{4}-\d\d-\d\d\.zip$/);
    const data = JSON.parse(readZip(file)['customer.json']!.toString());
    expect(data.customer.name).toBe(PERSON.typedName);
    expect(core.privacy.log(5).map((e) => e.origin)).toEqual(['desktop']);
    // Cancelled: nothing written, nothing logged; no such customer: said before any dialog.
    world.saveAs = null;
    expect(await call('desktop.exportCustomerData', { id })).toEqual({ ok: true, value: null });
    const dialogs = world.dialogs.length;
    expect(await call('desktop.exportCustomerData', { id: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(world.dialogs).toHaveLength(dialogs);
    expect(core.privacy.log(5)).toHaveLength(1);
  });

  it('picks the backup folder with the system dialog, backs up there and restores from it', async () => {
    running = await startTestDesktop();
    const { workspace } = running.desktop;
    // Starting took the first daily backup, beside the database.
    await workspace.core.backups.idle();
    const usb = join(running.userData, 'pendrive');
    world.openAs = usb;
    expect(await call('desktop.chooseFolder', { title: 'Pasta dos backups' })).toEqual({
      ok: true,
      value: usb,
    });
    expect(world.dialogs.at(-1)).toMatchObject({ kind: 'open', title: 'Pasta dos backups' });
    await call('settings.update', { backupFolder: usb });
    const taken = (await call('backup.run')) as { ok: true; value: { path: string } };
    expect(taken.value.path.startsWith(join(usb, 'clientela-'))).toBe(true);
    workspace.core.inbox.ingest({
      channel: 'whatsapp',
      account: 'default',
      direction: 'in',
      messageId: 'after-the-backup',
      externalUserId: '5511999998888@c.us',
      text: 'Oi',
      timestamp: new Date().toISOString(),
    });
    const restored = await call('backup.restore', { from: taken.value.path });
    expect(restored).toMatchObject({
      ok: true,
      value: { previous: expect.stringMatching(/clientela\.before-restore-.*\.db$/) },
    });
    expect(workspace.core.customers.stats.stats(Date.now(), 'UTC').totalCustomers).toBe(0);
    world.openAs = null;
    expect(await call('desktop.chooseFolder', {})).toEqual({ ok: true, value: null });
  });

  it("replaces host mode's access token, kept in the keychain's store", async () => {
    running = await startTestDesktop();
    const store = createDesktopSecretStore(running.userData, running.desktop.log);
    const before = await storedHostToken(store);
    // Host mode is off: nothing listens, the next start uses the new token.
    expect(await call('desktop.replaceHostToken')).toEqual({
      ok: true,
      value: { url: null, error: null },
    });
    const after = await storedHostToken(store);
    expect(after).toMatch(/^\S{20,}$/);
    expect(after).not.toBe(before);
  });
});

describe('quitting', () => {
  it('stops the connectors before closing the database', async () => {
    const { userData, port } = await withWebchatAccount();
    running = await startTestDesktop({ userData });
    await vi.waitFor(async () => expect(await listening(port)).toBe(true));
    const { core } = running.desktop.workspace;
    const close = core.close.bind(core);
    let connectorUpAtClose: boolean | undefined;
    core.close = () => {
      connectorUpAtClose = undefined;
      void listening(port).then((up) => (connectorUpAtClose = up));
      close();
    };
    app.quit();
    await world.quit.promise;
    await vi.waitFor(() => expect(connectorUpAtClose).toBe(false));
    expect(core.db.open).toBe(false);
    expect(world.windows).toEqual([]);
  });
});
