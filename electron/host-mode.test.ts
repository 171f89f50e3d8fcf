import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { avatarDirFor } from '../src/channels/avatars';
import { createFileSecretStore } from '../src/channels/secrets';
import { createChannelService } from '../src/channels/service';
import { tempCore, type TestCore } from '../src/testing/fixtures';
import { createHostMode } from './host-mode';
import { freePort } from '../src/testing/waiting';

const quiet = { info: () => {}, error: () => {} };

describe('network access from the desktop app', () => {
  let core: TestCore;
  let port: number;
  const hostMode = () =>
    createHostMode(core, {
      channels: createChannelService(core, { log: quiet }),
      secrets: createFileSecretStore(join(core.dir, 'secrets.json')),
      staticDir: core.dir,
      avatarDir: avatarDirFor(core.file),
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
});
