/**
 * The window's locks, on the running app over the stand-in `electron` module: where the page may
 * go, what it may open, which permissions it gets, and who may call the core over IPC.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVOKE_CHANNEL } from './ipc-channels';
import { isAppUrl } from './security';
import { APP_URL, startTestDesktop, type TestDesktop } from './testing/desktop';
import { BrowserWindow, session, WebContents, WebFrameMain, world } from './testing/electron';

let running: TestDesktop;
beforeEach(async () => {
  running = await startTestDesktop();
});
afterEach(() => running.dispose());

describe('navigation', () => {
  it('stays on the app page: its routes yes, anything else no', () => {
    const contents = running.window().webContents;
    expect(contents.navigate(`${APP_URL}#/conversations/3`)).toBe('navigated');
    expect(contents.navigate('https://phishing.example/login')).toBe('refused');
    // Another local file, and a name that merely starts like the app's file.
    expect(contents.navigate(APP_URL.replace('index.html', 'other.html'))).toBe('refused');
    expect(contents.navigate(`${APP_URL}.evil.html`)).toBe('refused');
    expect(contents.navigate('file:///etc/passwd')).toBe('refused');
    expect(contents.redirect('https://phishing.example/')).toBe('refused');
    expect(contents.getURL()).toBe(`${APP_URL}#/conversations/3`);
  });

  it('sends a web link the page follows to the system browser, and nothing else', () => {
    const contents = running.window().webContents;
    expect(contents.navigate('https://minhaloja.com.br/')).toBe('refused');
    expect(contents.navigate('javascript:alert(1)')).toBe('refused');
    expect(world.opened).toEqual(['https://minhaloja.com.br/']);
  });

  it('lets no frame inside the page navigate, even to the app', () => {
    const contents = running.window().webContents;
    const frame = new WebFrameMain(contents.mainFrame);
    expect(contents.navigate(APP_URL, frame)).toBe('refused');
    expect(contents.attachWebview()).toBe('refused');
  });

  it('opens no new window: web links go to the system browser, other schemes nowhere', () => {
    const contents = running.window().webContents;
    expect(contents.openWindow('https://wa.me/5511999998888')).toEqual({ action: 'deny' });
    expect(contents.openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(contents.openWindow('smb://attacker/share')).toEqual({ action: 'deny' });
    expect(world.opened).toEqual(['https://wa.me/5511999998888']);
  });
});

describe('the app URL is matched exactly', () => {
  it('by origin for a served app, never by prefix', () => {
    const dev = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/#/customers', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('not a url', dev)).toBe(false);
  });

  it('by file for the built app, whose routes change only the #', () => {
    const app = 'file:///opt/Clientela/resources/app.asar/out/renderer/index.html';
    expect(isAppUrl(`${app}#/settings`, app)).toBe(true);
    expect(isAppUrl(`${app}x`, app)).toBe(false);
    expect(isAppUrl('file:///opt/Clientela/resources/app.asar/out/renderer/', app)).toBe(false);
    expect(
      isAppUrl('file://attacker/opt/Clientela/resources/app.asar/out/renderer/index.html', app),
    ).toBe(false);
  });
});

describe('permissions', () => {
  it('grants web content none: camera, microphone, location, notifications', async () => {
    const { permissionRequestHandler, permissionCheckHandler } = session.defaultSession;
    const contents = running.window().webContents;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read'] as const) {
      const answer = await new Promise<boolean>((resolve) =>
        permissionRequestHandler!(contents as never, permission, resolve, {} as never),
      );
      expect(answer).toBe(false);
      expect(permissionCheckHandler!(contents as never, permission, APP_URL, {} as never)).toBe(
        false,
      );
    }
  });
});

describe('IPC', () => {
  const call = (from: { sender: WebContents; frame?: WebFrameMain }) =>
    world.invoke(INVOKE_CHANNEL, from, 'customers.stats', {});
  const refused = { ok: false, error: { code: 'forbidden', message: 'Not allowed' } };

  it('answers the app page in the main window', async () => {
    const answer = await call({ sender: running.window().webContents });
    expect(answer).toEqual({
      ok: true,
      value: { totalCustomers: 0, newCustomersThisMonth: 0, activeCustomersThisWeek: 0 },
    });
  });

  it('refuses another window, a frame inside the page, and the page once it left the app', async () => {
    const other = new BrowserWindow();
    await other.loadURL(APP_URL);
    expect(await call({ sender: other.webContents })).toEqual(refused);

    const contents = running.window().webContents;
    const frame = new WebFrameMain(contents.mainFrame);
    frame.url = APP_URL;
    expect(await call({ sender: contents, frame })).toEqual(refused);

    // Navigation is locked; were the page ever elsewhere, it would still get nothing.
    contents.mainFrame.url = 'https://attacker.example/';
    expect(await call({ sender: contents })).toEqual(refused);
  });

  it("lets the owner's own window change what host mode refuses: the app's updates", async () => {
    const sender = running.window().webContents;
    expect(
      await world.invoke(INVOKE_CHANNEL, { sender }, 'settings.update', { autoUpdate: true }),
    ).toMatchObject({ ok: true, value: { autoUpdate: true } });
    expect(running.desktop.workspace.core.settings.get().autoUpdate).toBe(true);
  });

  it('says plainly why it refuses a call from the page: an unknown method, a bad input', async () => {
    const sender = running.window().webContents;
    expect(await world.invoke(INVOKE_CHANNEL, { sender }, 'no.such', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(
      await world.invoke(INVOKE_CHANNEL, { sender }, 'customers.get', { id: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});
