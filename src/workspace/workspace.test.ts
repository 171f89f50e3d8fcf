import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../api/invoke';
import { createChannelService } from '../channels/service';
import { openCore } from '../core';
import { NOW, whatsapp } from '../testing/fixtures';
import { openWorkspace, type Workspace } from './workspace';

const quiet = { info: () => {}, error: () => {} };

describe('the workspace: the owner database or the demo', () => {
  let dir: string;
  let file: string;
  let workspace: Workspace | undefined;
  const open = () =>
    openWorkspace({
      file,
      open: (f) => openCore(f, { now: () => NOW }),
      channels: (core) => createChannelService(core, { log: quiet }),
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'clientela-workspace-'));
    file = join(dir, 'clientela.db');
  });
  afterEach(async () => {
    await workspace?.close();
    workspace = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens a demo full of sample data in its own folder, leaving the owner database empty', async () => {
    workspace = open();
    workspace.core.settings.update({ language: 'pt-BR', timeZone: 'America/Recife' });
    const switched: boolean[] = [];
    workspace.onSwitch(() => switched.push(workspace!.demo));
    const owner = workspace.core;
    expect(await workspace.handlers.local['app.info'](undefined)).toEqual({
      databaseFile: file,
      demo: false,
      empty: true,
    });

    const info = await workspace.enterDemo();
    expect(info).toEqual({
      databaseFile: join(dir, 'demo', 'clientela.db'),
      demo: true,
      empty: false,
    });
    expect(switched).toEqual([true]);
    expect(owner.db.open).toBe(false);

    const { core } = workspace;
    const stats = core.customers.stats.stats(NOW, 'UTC');
    expect(stats.totalCustomers).toBe(8);
    expect(stats.activeCustomersThisWeek).toBeGreaterThan(0);
    expect(core.conversations.unreadTotal()).toBeGreaterThan(0);
    // In the owner's language and time zone.
    expect(core.settings.get()).toMatchObject({ language: 'pt-BR', timeZone: 'America/Recife' });
    const maria = core.customers.list.list({ search: 'Maria', sort: 'name', limit: 5 }, 'UTC');
    expect(maria.items.map((c) => [c.displayName, c.phone, c.tags])).toEqual([
      ['Maria Souza', '+5511987650001', ['encomenda', 'vip']],
    ]);
    expect(core.customers.detail.get(maria.items[0]!.id).notes).toHaveLength(1);
    // The owner's database is untouched and still empty.
    const ownerAgain = openCore(file);
    expect(ownerAgain.customers.stats.stats(NOW, 'UTC').totalCustomers).toBe(0);
    ownerAgain.close();
  });

  it('refuses to connect a channel in the demo, where its messages would be thrown away', async () => {
    workspace = open();
    await workspace.enterDemo();
    await expect(
      invoke(workspace.handlers.local, 'channels.add', {
        channel: 'telegram',
        fields: { token: 'x' },
      }),
    ).rejects.toThrow('This is a demo: leave it (deleting the sample data) to connect a channel');
    expect(workspace.channels.list()).toEqual([]);
  });

  it('deletes the demo and reopens the owner database on leaving', async () => {
    workspace = open();
    await workspace.enterDemo();
    const switched: boolean[] = [];
    workspace.onSwitch(() => switched.push(workspace!.demo));
    const info = await workspace.leaveDemo();
    expect(info).toEqual({ databaseFile: file, demo: false, empty: true });
    expect(switched).toEqual([false]);
    expect(existsSync(join(dir, 'demo'))).toBe(false);
    expect(existsSync(file)).toBe(true);
    // Leaving twice is harmless.
    expect((await workspace.leaveDemo()).demo).toBe(false);
    expect(switched).toEqual([false]);
  });

  it('refuses sample data once the owner has data of their own, changing nothing', async () => {
    workspace = open();
    workspace.core.inbox.ingest(whatsapp('5511999998888'));
    await expect(workspace.enterDemo()).rejects.toThrow(
      'Sample data can only be opened while Clientela is still empty',
    );
    expect(workspace.demo).toBe(false);
    expect(workspace.core.db.open).toBe(true);
    expect(existsSync(join(dir, 'demo'))).toBe(false);
  });

  it('reopens a demo left open when the app was closed', async () => {
    workspace = open();
    await workspace.enterDemo();
    await workspace.close();
    workspace = open();
    expect(workspace.demo).toBe(true);
    expect(workspace.core.customers.stats.stats(NOW, 'UTC').totalCustomers).toBe(8);
  });

  it('opens one demo when asked twice at once', async () => {
    workspace = open();
    const [first, second] = await Promise.all([workspace.enterDemo(), workspace.enterDemo()]);
    expect(first).toEqual(second);
    expect(workspace.core.customers.stats.stats(NOW, 'UTC').totalCustomers).toBe(8);
  });

  it('restores a backup in place: the app goes on with it, the replaced file kept beside it', async () => {
    workspace = open();
    await workspace.start();
    // Starting took the first daily backup, of the empty database.
    await workspace.core.backups.idle();
    expect(workspace.core.backups.status().sets).toHaveLength(1);
    workspace.core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria Souza' }));
    const set = await workspace.handlers.local['backup.run'](undefined);
    workspace.core.inbox.ingest(whatsapp('5521988887777', { displayName: 'João Lima' }));
    const before = workspace.core;
    const switched: number[] = [];
    workspace.onSwitch(() => switched.push(1));

    const result = await invoke(workspace.handlers.local, 'backup.restore', { from: set.path });
    expect(result).toEqual({
      databaseFile: file,
      previous: expect.stringMatching(/clientela\.before-restore-\d{4}-\d\d-\d\d-\d{6}\.db$/),
    });
    expect(before.db.open).toBe(false);
    expect(switched).toEqual([1]);
    const names = (core: typeof before) =>
      core.customers.list.list({ sort: 'name', limit: 10 }, 'UTC').items.map((c) => c.displayName);
    expect(names(workspace.core)).toEqual(['Maria Souza']);
    const previous = openCore((result as { previous: string }).previous, { now: () => NOW });
    expect(names(previous)).toEqual(['João Lima', 'Maria Souza']);
    previous.close();
  });

  it('refuses a restore, a backup and their settings over the network, changing nothing', async () => {
    workspace = open();
    workspace.core.inbox.ingest(whatsapp('5511999998888'));
    const set = await workspace.core.backups.run();
    const settings = workspace.core.settings.get();
    const network = workspace.handlers.network;
    const refusals = [
      invoke(network, 'backup.restore', { from: set.path }),
      invoke(network, 'backup.run', {}),
      invoke(network, 'settings.update', { backupFolder: '/tmp/elsewhere' }),
      invoke(network, 'settings.update', { backupKeep: 1 }),
    ];
    for (const refusal of refusals)
      await expect(refusal).rejects.toMatchObject({ code: 'local_only' });
    expect(workspace.core.settings.get()).toEqual(settings);
    expect(workspace.core.backups.status().sets).toEqual([set]);
    expect(workspace.core.customers.stats.stats(NOW, 'UTC').totalCustomers).toBe(1);
    // What the backups are may be read from anywhere: Settings shows it.
    expect(await invoke(network, 'backup.status', {})).toMatchObject({ last: set });
  });

  it('refuses a restore while the demo is open', async () => {
    workspace = open();
    await workspace.enterDemo();
    await expect(
      invoke(workspace.handlers.local, 'backup.restore', { from: join(dir, 'backups') }),
    ).rejects.toThrow('Leave the demo to restore a backup');
    expect(workspace.demo).toBe(true);
  });
});
