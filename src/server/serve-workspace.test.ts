import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createChannelService } from '../channels/service';
import { openCore } from '../core';
import { NOW } from '../testing/fixtures';
import { openWorkspace, type Workspace } from '../workspace/workspace';
import type { HostServer } from './host-server';
import { serveWorkspace } from './serve-workspace';

const TOKEN = 'test-token-0123456789';

describe('host mode over a workspace', () => {
  let dir: string;
  let workspace: Workspace;
  let server: HostServer;
  const rpc = async (method: string, input: unknown = {}, token = TOKEN) => {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/rpc/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clientela-serve-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Clientela</title>');
    workspace = openWorkspace({
      file: join(dir, 'clientela.db'),
      open: (file) => openCore(file, { now: () => NOW }),
      channels: (core) => createChannelService(core, { log: { info() {}, error() {} } }),
    });
    workspace.core.settings.update({ language: 'en' });
    server = await serveWorkspace(workspace, { port: 0, token: TOKEN, staticDir: dir });
  });
  afterEach(async () => {
    await server.close();
    await workspace.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('switches to the demo and back on the same address, closing the pages event streams', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));

    const started = await rpc('demo.start');
    expect(started.body).toMatchObject({ demo: true, empty: false });
    expect((await rpc('customers.stats')).body).toMatchObject({ totalCustomers: 8 });
    // The page reconnects and finds the demo's events.
    await closed;

    expect((await rpc('demo.stop')).body).toMatchObject({ demo: false, empty: true });
    expect((await rpc('customers.stats')).body).toMatchObject({ totalCustomers: 0 });
  });

  it('refuses sample data over a database in use, with the reason', async () => {
    workspace.core.customers.editor.create({ displayName: 'Maria Souza' });
    const refused = await rpc('demo.start');
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: {
        code: 'conflict',
        message: 'Sample data can only be opened while Clientela is still empty',
      },
    });
    expect((await rpc('app.info')).body).toMatchObject({ demo: false, empty: false });
  });

  it('refuses over the network what only the computer may change, in the demo as on the owner database', async () => {
    for (const demo of [false, true]) {
      if (demo) await rpc('demo.start');
      for (const patch of [{ autoUpdate: true }, { networkAccess: true }]) {
        const refused = await rpc('settings.update', patch);
        expect(refused.status).toBe(403);
        expect(refused.body).toMatchObject({ error: { code: 'local_only' } });
      }
      expect(workspace.demo).toBe(demo);
      expect(workspace.core.settings.get()).toMatchObject({
        autoUpdate: false,
        networkAccess: false,
      });
    }
  });

  it('says the new address once its token is replaced, and refuses the old one', async () => {
    const fresh = 'replaced-token-0123456789';
    server.replaceToken(fresh);
    expect(server.token).toBe(fresh);
    expect(new URL(server.url).searchParams.get('token')).toBe(fresh);
    expect((await rpc('app.info')).status).toBe(401);
    expect((await rpc('app.info', {}, fresh)).status).toBe(200);
  });
});
