/**
 * The sample-data demo in the desktop app, and the avatar scheme that follows whichever database
 * is open: the page switches through IPC, the window reloads what it shows, nothing of the
 * owner's data is touched.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENTS_CHANNEL } from './ipc-channels';
import { startTestDesktop, type TestDesktop } from './testing/desktop';
import { app, world } from './testing/electron';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

let running: TestDesktop;
beforeEach(async () => {
  running = await startTestDesktop();
});
afterEach(() => running.dispose());

const call = (method: string, input?: unknown) => running.invoke(method, input);

describe('the demo in the desktop app', () => {
  it('opens over IPC, tells the window to fetch again, and closes back to the empty database', async () => {
    expect(await call('app.info')).toEqual({
      ok: true,
      value: { databaseFile: join(running.userData, 'clientela.db'), demo: false, empty: true },
    });
    expect(await call('demo.start')).toMatchObject({ ok: true, value: { demo: true } });
    const win = running.window();
    expect(win.webContents.sent.at(-1)).toEqual({
      channel: EVENTS_CHANNEL,
      args: [[{ type: 'connection', online: true }]],
    });
    expect(await call('customers.stats')).toMatchObject({ value: { totalCustomers: 8 } });
    expect(app.getBadgeCount()).toBeGreaterThan(0);
    // No notification greets sample data.
    expect(world.notifications).toEqual([]);

    expect(await call('demo.stop')).toMatchObject({
      ok: true,
      value: { demo: false, empty: true },
    });
    expect(await call('customers.stats')).toMatchObject({ value: { totalCustomers: 0 } });
    expect(app.getBadgeCount()).toBe(0);
  });
});

describe('the avatar scheme', () => {
  const avatars = () => join(running.userData, 'avatars');

  it('serves cached pictures, and nothing else of the folder or outside it', async () => {
    mkdirSync(avatars(), { recursive: true });
    writeFileSync(join(avatars(), 'maria.img'), PNG);
    writeFileSync(join(avatars(), 'notes.txt'), 'not a picture');
    const ok = await world.fetch('clientela-avatar://avatars/maria.img');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Type')).toBe('image/png');
    for (const url of [
      'clientela-avatar://avatars/notes.txt',
      'clientela-avatar://avatars/..%2Fsecrets.bin',
      'clientela-avatar://avatars/%2e%2e%2fclientela.db',
      'clientela-avatar://avatars/%E0%A4%A',
      'clientela-avatar://elsewhere/maria.img',
    ])
      expect((await world.fetch(url)).status, url).toBe(404);
  });

  it("serves the demo's pictures while the demo is open", async () => {
    mkdirSync(avatars(), { recursive: true });
    writeFileSync(join(avatars(), 'maria.img'), PNG);
    await call('demo.start');
    expect((await world.fetch('clientela-avatar://avatars/maria.img')).status).toBe(404);
    mkdirSync(join(running.userData, 'demo', 'avatars'));
    writeFileSync(join(running.userData, 'demo', 'avatars', 'maria.img'), PNG);
    expect((await world.fetch('clientela-avatar://avatars/maria.img')).status).toBe(200);
  });
});
