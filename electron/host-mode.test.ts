import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { avatarDirFor } from '../src/channels/avatars';
import { createFileSecretStore } from '../src/channels/secrets';
import { createChannelService } from '../src/channels/service';
import { openCore } from '../src/core';
import { tempCore, type TestCore } from '../src/testing/fixtures';
import { openWorkspace } from '../src/workspace/workspace';
import { createHostMode } from './host-mode';
import { freePort } from '../src/testing/waiting';

const quiet = { info: () => {}, error: () => {} };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('network access from the desktop app', () => {
  let core: TestCore;
  let port: number;
  const hostMode = () =>
    createHostMode(core, {
      channels: createChannelService(core, { log: quiet }),
      secrets: createFileSecretStore(join(core.dir, 'secrets.json')),
      staticDir: core.dir,
      log: quiet,
      port,
    });

  beforeEach(async () => {
    core = tempCore();
    port = await freePort();
  });
  afterEach(() => core.dispose());

  it('listens only while the setting is on, and keeps its address across restarts', async () => {
    const first = hostMode();
    expect(await first.sync()).toEqual({ url: null, error: null });

    core.settings.update({ networkAccess: true });
    const on = await first.sync();
    expect(on.error).toBeNull();
    const url = new URL(on.url!);
    expect(url.port).toBe(String(port));
    const stats = `http://127.0.0.1:${port}/api/customers/stats`;
    const token = url.searchParams.get('token')!;
    const answer = await fetch(stats, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    expect((await fetch(stats)).status).toBe(401);
    await first.close();

    // The address the agents saved still works after the app restarts.
    const again = hostMode();
    expect((await again.sync()).url).toBe(on.url);
    core.settings.update({ networkAccess: false });
    expect(await again.sync()).toEqual({ url: null, error: null });
    await expect(fetch(stats)).rejects.toThrow();
  });

  it('replaces its token from Settings: the old address stops at once, the new one is kept', async () => {
    core.settings.update({ networkAccess: true });
    const mode = hostMode();
    const before = new URL((await mode.sync()).url!);
    const stats = `http://127.0.0.1:${port}/api/customers/stats`;
    const status = (token: string) =>
      fetch(stats, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);
    const oldToken = before.searchParams.get('token')!;
    expect(await status(oldToken)).toBe(200);

    const after = await mode.replaceToken();
    expect(after.error).toBeNull();
    const newToken = new URL(after.url!).searchParams.get('token')!;
    expect(newToken).not.toBe(oldToken);
    expect(await status(oldToken)).toBe(401);
    expect(await status(newToken)).toBe(200);
    await mode.close();

    // The new address is the one kept for the next start.
    const again = hostMode();
    expect((await again.sync()).url).toBe(after.url);
    await again.close();
  });

  it('replaced while switched off, the next start uses the new token', async () => {
    const mode = hostMode();
    core.settings.update({ networkAccess: true });
    const first = (await mode.sync()).url!;
    core.settings.update({ networkAccess: false });
    await mode.sync();
    expect(await mode.replaceToken()).toEqual({ url: null, error: null });
    core.settings.update({ networkAccess: true });
    const next = (await mode.sync()).url!;
    expect(new URL(next).searchParams.get('token')).not.toBe(
      new URL(first).searchParams.get('token'),
    );
    await mode.close();
  });

  it('says plainly when the port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '0.0.0.0', resolve));
    try {
      core.settings.update({ networkAccess: true });
      const mode = hostMode();
      expect(await mode.sync()).toEqual({
        url: null,
        error: `Port ${port} is in use by another program`,
      });
      await mode.close();
    } finally {
      squatter.close();
    }
  });

  it("started after leaving the demo, serves the owner's pictures, not the deleted demo's", async () => {
    const workspace = openWorkspace({
      file: core.file.replace(/\.db$/, '-owner.db'),
      open: (file) => openCore(file),
      channels: (opened) => createChannelService(opened, { log: quiet }),
    });
    try {
      await workspace.enterDemo();
      // The app reopened mid-demo, host mode off; then the owner leaves the demo and turns it on.
      const mode = createHostMode(workspace.core, {
        channels: workspace.channels,
        handlers: workspace.handlers,
        secrets: createFileSecretStore(join(core.dir, 'secrets.json')),
        staticDir: core.dir,
        log: quiet,
        port,
      });
      await workspace.leaveDemo();
      mode.switchTo(workspace.core, workspace.handlers);
      const avatars = avatarDirFor(workspace.core.db.name);
      mkdirSync(avatars, { recursive: true });
      writeFileSync(join(avatars, 'maria.img'), PNG);
      workspace.core.settings.update({ networkAccess: true });
      const token = new URL((await mode.sync()).url!).searchParams.get('token')!;
      const picture = await fetch(`http://127.0.0.1:${port}/api/avatars/maria.img`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(picture.status).toBe(200);
      expect(Buffer.from(await picture.arrayBuffer())).toEqual(PNG);
      await mode.close();
    } finally {
      await workspace.close();
    }
  });
});
