/**
 * The real whatsapp-web.js Client in the real Chromium of this machine. There is no network here
 * (and no phone to pair), so the browser is told that no name resolves: the test shows the session
 * kept under the account's folder, never in the working directory, and a start that fails plainly
 * with the browser closed, as it would on a machine without internet.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { tempCore, type TestCore } from '../../testing/fixtures';
import { createConnectorContext } from '../context';
import { findInstalledBrowser } from './chrome';
import { textsFor } from './texts';
import { sessionDirOf, webClientFactory } from './web-client';
import { createWhatsAppConnector } from './whatsapp-connector';

let core: TestCore;
afterEach(() => core?.dispose());

it('runs WhatsApp Web in the installed browser, keeping its files in the account folder', async () => {
  core = tempCore();
  const found = findInstalledBrowser(undefined, textsFor('en'));
  if ('error' in found) throw new Error(`This test needs Chromium or Chrome: ${found.error}`);
  const dataDir = join(core.dir, 'whatsapp', 'loja');
  const statuses: string[] = [];
  core.bus.subscribe((events) =>
    events.forEach((e) => e.type === 'channel.status' && statuses.push(e.status)),
  );
  const cwd = process.cwd();
  const createClient = webClientFactory({
    account: 'loja',
    dataDir,
    browser: () => found.path,
    // Root in a container needs no sandbox; no name resolves, so nothing leaves this machine.
    browserArgs: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND'],
  });
  const connector = createWhatsAppConnector(
    createConnectorContext(core, {
      channel: 'whatsapp',
      account: 'loja',
      config: { includeGroups: false },
      secrets: {},
      dataDir,
      avatarDir: join(core.dir, 'avatars'),
      log: { info: () => undefined, error: () => undefined },
      signal: new AbortController().signal,
    }),
    { createClient, sessionDir: sessionDirOf(dataDir, 'loja') },
  );
  await expect(connector.start()).rejects.toThrow('net::ERR_NAME_NOT_RESOLVED');
  await connector.stop();
  expect(statuses).toEqual(['connecting']);
  expect(readdirSync(dataDir)).toContain('session-loja');
  expect(existsSync(join(cwd, '.wwebjs_auth'))).toBe(false);
  expect(existsSync(join(cwd, '.wwebjs_cache'))).toBe(false);
});

it('builds the library’s own Client, with LocalAuth under the account folder', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clientela-wa-'));
  try {
    const client = await webClientFactory({
      account: 'loja/2',
      dataDir,
      browser: () => 'chrome',
    })();
    const { Client, LocalAuth } = (await import('whatsapp-web.js')).default;
    expect(client).toBeInstanceOf(Client);
    const auth = (client as unknown as { authStrategy: InstanceType<typeof LocalAuth> })
      .authStrategy;
    expect(auth).toBeInstanceOf(LocalAuth);
    expect({ clientId: auth.clientId, dataPath: auth.dataPath }).toEqual({
      clientId: 'loja_2',
      dataPath: dataDir,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
