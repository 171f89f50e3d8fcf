/**
 * Host mode attacked as it would be from outside the owner's control: by a token holder on the
 * office network, by someone on that network without the token, or by a page on another website
 * open in an agent's browser. Each test is one attack against a running server over a real
 * database: it asserts the refusal, and that nothing changed (every row of every table, the
 * secret store, the program that was not run, the address that was not called).
 *
 * The attacks, in order:
 *   who may come in        1 no token · 2 a wrong token (header, cookie, address) · 3 the token
 *                          left in the address · 4 DNS rebinding (Host) · 5 CSRF (Origin) ·
 *                          6 a cross-site WebSocket · 7 a replaced token, its cookies, its sockets
 *   what may be asked      8 path traversal to the files · 9 to the profile pictures · 10 bodies
 *                          too large · 11 unknown and inherited method names · 12 `__proto__` and
 *                          `constructor` keys
 *   what only the computer may change
 *                          13 a program to run · 14 an address to call · 15 a port open to the
 *                          network (web chat) · 16 host mode's own network switch · 17 the app's
 *                          own updates · 18 a program path saved before this check
 *   holding the server     19 headers trickled (slow-loris) · 20 a body that never ends ·
 *                          21 a flood of connections · 22 a flood of event sockets; others are
 *                          served throughout
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { avatarDirFor } from '../channels/avatars';
import type { ChannelDriver } from '../channels/connector';
import { registryOf } from '../channels/registry';
import { secretsFileFor } from '../channels/secrets';
import { createChannelService, type ChannelService } from '../channels/service';
import { unchangedBy } from '../testing/unchanged';
import { tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import {
  ATTACKER,
  endingOf,
  openConnection,
  QUICK_TIMEOUTS,
  SMALL_CAPS,
  requestFrom,
  trickle,
} from '../testing/raw-clients';
import { freePort, until } from '../testing/waiting';
import { cookieName } from './auth';
import { CLOSE_TOKEN_REPLACED } from './events-socket';
import { createHostServer, type HostLimits, type HostServer } from './host-server';

const TOKEN = 'attack-test-token-0123456789';
const WRONG = 'wrong-token-0123456789abcdef';
const SITE = 'https://minhaloja.com.br';

/** Low enough that a test sees them act; the shipped ones are in HOST_LIMITS. */
const LIMITS: Partial<HostLimits> = {
  ...QUICK_TIMEOUTS,
  connections: SMALL_CAPS.connections,
  eventSockets: SMALL_CAPS.sockets,
};

const quiet = { info: () => undefined, error: () => undefined };

let core: TestCore;
let channels: ChannelService;
let server: HostServer;
let base: string;
let host: string;

beforeEach(async () => {
  core = tempCore();
  // Something to steal: a customer with a conversation.
  core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria Souza', text: 'Meu CPF' }));
  const staticDir = join(core.dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Clientela</title>');
  writeFileSync(join(core.dir, 'secret.txt'), 'SEGREDO DO DONO');
  channels = createChannelService(core, { log: quiet });
  server = await createHostServer(core, {
    port: 0,
    token: TOKEN,
    staticDir,
    channels,
    limits: LIMITS,
    log: quiet.error,
  });
  await channels.start();
  base = `http://127.0.0.1:${server.port}`;
  host = `127.0.0.1:${server.port}`;
});

afterEach(async () => {
  await channels.stop();
  await server.close();
  core.dispose();
});

/** The customer every test starts with. */
const mariaId = () => core.db.prepare<[], { id: number }>('SELECT id FROM customers').get()!.id;

const bearer = (token = TOKEN) => ({ Authorization: `Bearer ${token}` });

/** Runs `attack`, then checks that no row of any table changed, nor the secret store. */
async function unchanged<T>(attack: () => Promise<T>): Promise<T> {
  const secretsBefore = existsSync(secretsFileFor(core.file));
  const result = await unchangedBy(core.db, attack);
  expect(existsSync(secretsFileFor(core.file))).toBe(secretsBefore);
  return result;
}

/** A call of the API as the app makes it, with the token unless told otherwise. */
async function rpc(method: string, input: unknown, headers: Record<string, string> = bearer()) {
  const response = await fetch(`${base}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { code: string; message: string } },
  };
}

/**
 * Tries a local-only switch over host mode on, off, and beside a setting an agent may change:
 * each is refused naming it (`name`), and nothing is saved.
 */
async function refusedSetting(key: 'networkAccess' | 'autoUpdate', name: string) {
  await unchanged(async () => {
    for (const patch of [{ [key]: true }, { [key]: false }, { [key]: true, language: 'pt-BR' }]) {
      const answer = await rpc('settings.update', patch);
      expect(answer).toEqual({
        status: 403,
        body: {
          error: {
            code: 'local_only',
            message: `${name}: changed only on the Clientela computer itself (in the app or with the clientela command), not over the network`,
          },
        },
      });
    }
  });
  expect(core.settings.get()).toMatchObject({ [key]: false, language: 'en' });
}

/** Opens the event socket; resolves with it, or rejects with the refusal's status. */
function openEvents(
  headers: Record<string, string>,
  localAddress = '127.0.0.1',
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://${host}/api/events`, { headers, localAddress });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`refused ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });
}

describe('who may come in', () => {
  it('1. without the token, no page, no API call and no socket answers, and nothing leaks', async () => {
    await unchanged(async () => {
      for (const path of ['/api/customers', '/api/customers/stats', '/', '/assets/app.js']) {
        const response = await fetch(`${base}${path}`);
        expect(response.status, path).toBe(401);
        expect(await response.text()).not.toContain('Maria');
      }
      const write = await rpc('customers.create', { displayName: 'Intruso' }, {});
      expect(write).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
      await expect(openEvents({})).rejects.toThrow('refused 401');
    });
  });

  it('2. a wrong token, in the header, a cookie or the address, is refused alike', async () => {
    await unchanged(async () => {
      const ways: [string, Record<string, string>][] = [
        ['?token=' + WRONG, {}],
        ['', bearer(WRONG)],
        ['', { Cookie: `${cookieName(server.port)}=${WRONG}` }],
        // The right token under another server's cookie name is someone else's session.
        ['', { Cookie: `${cookieName(server.port + 1)}=${TOKEN}` }],
      ];
      for (const [query, headers] of ways) {
        const list = await fetch(`${base}/api/customers${query}`, { headers });
        expect(list.status).toBe(401);
        expect(await list.text()).not.toContain('Maria');
        const write = await fetch(`${base}/api/rpc/customers.create${query}`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ displayName: 'Intruso' }),
        });
        expect(write.status).toBe(401);
        await expect(openEvents(headers)).rejects.toThrow('refused 401');
      }
    });
  });

  it('3. the token in the address is taken out of it at once, and no page passes it on', async () => {
    await unchanged(async () => {
      const first = await fetch(`${base}/customers?token=${TOKEN}`, { redirect: 'manual' });
      expect(first.status).toBe(303);
      // Out of the address bar and the history; the cookie carries it, out of scripts' reach.
      expect(first.headers.get('location')).toBe('/customers');
      expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
      const page = await fetch(`${base}/`, {
        headers: { Cookie: first.headers.get('set-cookie')!.split(';')[0]! },
      });
      // Never sent on to another site in a Referer, and the page cannot be framed.
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    });
  });

  it('4. a page on another domain pointed at this computer (DNS rebinding) is refused by its Host', async () => {
    await unchanged(async () => {
      for (const name of [`attacker.example:${server.port}`, '127.0.0.1:1', `evil@${host}`]) {
        const read = await requestFrom(`${base}/api/customers`, {
          headers: { ...bearer(), Host: name },
        });
        expect(read.status, name).toBe(403);
        expect(read.body).not.toContain('Maria');
        const write = await requestFrom(`${base}/api/rpc/customers.create`, {
          method: 'POST',
          headers: { ...bearer(), Host: name },
          body: JSON.stringify({ displayName: 'Intruso' }),
        });
        expect(write.status, name).toBe(403);
      }
    });
  });

  it("5. another site's form or script posting with the agent's cookie (CSRF) is refused by its Origin", async () => {
    const cookie = { Cookie: `${cookieName(server.port)}=${TOKEN}` };
    const maria = mariaId();
    await unchanged(async () => {
      for (const origin of [
        'http://attacker.example',
        `http://127.0.0.1.attacker.example:${server.port}`,
        `https://${host}`,
        'null',
      ]) {
        const headers = { ...cookie, Origin: origin, 'Content-Type': 'application/json' };
        const create = await fetch(`${base}/api/rpc/customers.create`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ displayName: 'Intruso' }),
        });
        expect(create.status, origin).toBe(403);
        const patch = await fetch(`${base}/api/customers/${maria}`, {
          method: 'PATCH',
          headers,
          body: JSON.stringify({ displayName: 'Roubado' }),
        });
        expect(patch.status, origin).toBe(403);
      }
    });
  });

  it('6. a WebSocket opened by a page on another site, with the cookie, hears nothing', async () => {
    await unchanged(async () => {
      await expect(
        openEvents({
          Cookie: `${cookieName(server.port)}=${TOKEN}`,
          Origin: 'http://evil.example',
        }),
      ).rejects.toThrow('refused 403');
    });
  });

  it('7. a replaced token stops at once: its header, its cookies, its open sockets', async () => {
    const traded = await fetch(`${base}/?token=${TOKEN}`, { redirect: 'manual' });
    const oldCookie = { Cookie: traded.headers.get('set-cookie')!.split(';')[0]! };
    const open = await openEvents(oldCookie);
    const closed = new Promise<number>((resolve) => open.once('close', resolve));
    const fresh = 'replaced-token-0123456789abc';
    await unchanged(async () => {
      server.replaceToken(fresh);
      expect(await closed).toBe(CLOSE_TOKEN_REPLACED);
      for (const headers of [bearer(), oldCookie]) {
        expect((await fetch(`${base}/api/customers`, { headers })).status).toBe(401);
        await expect(openEvents(headers)).rejects.toThrow('refused 401');
      }
      expect((await fetch(`${base}/?token=${TOKEN}`, { redirect: 'manual' })).status).toBe(401);
    });
    expect((await fetch(`${base}/api/customers`, { headers: bearer(fresh) })).status).toBe(200);
    expect(server.url).toContain(`token=${fresh}`);
  });
});

describe('what may be asked', () => {
  it('8. no path reaches a file outside the app (path traversal), however it is spelt', async () => {
    await unchanged(async () => {
      for (const path of [
        '/../secret.txt',
        '/%2e%2e/secret.txt',
        '/..%2fsecret.txt',
        '/%2e%2e%2fclientela.db',
        '/..%5csecret.txt',
        '/assets/..%2f..%2fsecret.txt',
        '/assets/%2e%2e/%2e%2e/secret.txt',
        '/%c0%ae%c0%ae/secret.txt',
      ]) {
        const answer = await requestFrom(`${base}${path}`, { headers: bearer() });
        expect(answer.status, path).not.toBe(200);
        expect(answer.body).not.toContain('SEGREDO');
        expect(answer.body).not.toContain('SQLite format');
      }
    });
  });

  it('9. the profile pictures give only pictures of the cache, by plain name', async () => {
    const avatars = avatarDirFor(core.file);
    mkdirSync(avatars, { recursive: true });
    writeFileSync(join(avatars, 'notes.txt'), 'not a picture');
    writeFileSync(join(avatars, '.hidden'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await unchanged(async () => {
      for (const name of [
        '..%2Fclientela.db',
        '..%2F..%2Fsecret.txt',
        '%2e%2e',
        '.hidden',
        'notes.txt',
        '..%5Csecret.txt',
      ]) {
        const answer = await requestFrom(`${base}/api/avatars/${name}`, { headers: bearer() });
        expect(answer.status, name).toBe(404);
        expect(answer.body).not.toMatch(/SEGREDO|SQLite format|not a picture/);
      }
    });
  });

  it('10. a body larger than its method takes is refused before it is read, and the rest is not read', async () => {
    const big = JSON.stringify({ displayName: 'x'.repeat(2 * 1024 * 1024) });
    await unchanged(async () => {
      const rpcCall = await fetch(`${base}/api/rpc/customers.create`, {
        method: 'POST',
        headers: bearer(),
        body: big,
      });
      expect(rpcCall.status).toBe(413);
      expect(rpcCall.headers.get('connection')).toBe('close');
      expect(((await rpcCall.json()) as { error: { code: string } }).error.code).toBe('too_large');
      const rest = await fetch(`${base}/api/conversations`, {
        method: 'POST',
        headers: bearer(),
        body: big,
      });
      expect(rest.status).toBe(413);

      // 300 MB announced: refused at once, while not a byte of it has been sent.
      const socket = await openConnection(server.port, '127.0.0.1');
      const ending = endingOf(socket);
      socket.write(
        `POST /api/rpc/customers.create HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 314572800\r\n\r\n',
      );
      expect((await ending).received).toMatch(/^HTTP\/1\.1 413 /);

      // Without a length (chunked): counted as it comes, cut at the cap.
      const chunked = await openConnection(server.port, '127.0.0.1');
      const cut = endingOf(chunked);
      chunked.write(
        `POST /api/rpc/customers.create HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
          'Transfer-Encoding: chunked\r\n\r\n',
      );
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 20 && !chunked.destroyed; i++)
        chunked.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      expect((await cut).received).toMatch(/^HTTP\/1\.1 413 /);
    });
    // Only a sheet to import may be large.
    const csv = 'nome;sobre\n' + `Cliente;${'x'.repeat(1_000)}\n`.repeat(1_500);
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    expect((await rpc('customers.importCsv', { csv })).status).toBe(200);
  });

  it('11. a method name that is not in the contract (inherited, desktop-only, mangled) runs nothing', async () => {
    await unchanged(async () => {
      for (const name of [
        'no.such',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'valueOf',
        // The desktop app's own calls: replacing the token, choosing a program, the network switch.
        'desktop.replaceHostToken',
        'desktop.chooseProgram',
        'desktop.networkAccess',
        'desktop.exportCustomers',
        'customers.list%00',
        '..%2Fcustomers.create',
      ]) {
        const answer = await rpc(name, { displayName: 'Intruso', csv: 'nome\nIntruso' });
        expect(answer.status, name).toBe(404);
      }
    });
    expect(server.token).toBe(TOKEN);
  });

  it('12. `__proto__` and `constructor` keys change nothing and pollute nothing', async () => {
    const maria = mariaId();
    const raw = (path: string, method: string, body: string) =>
      fetch(`${base}${path}`, { method, headers: bearer(), body });
    await unchanged(async () => {
      const settings = await raw(
        '/api/rpc/settings.update',
        'POST',
        '{"__proto__":{"autoCreateCustomers":false},"constructor":{"prototype":{"x":1}}}',
      );
      expect(settings.status).toBe(400);
      const patch = await raw(
        `/api/customers/${maria}`,
        'PATCH',
        '{"__proto__":{"displayName":"Roubado"},"constructor":{"prototype":{"polluted":true}}}',
      );
      expect(patch.status).toBe(200);
      expect(((await patch.json()) as { displayName: string }).displayName).toBe('Maria Souza');
    });
    // Smuggled past the check inside `__proto__`, a setting is dropped as if never sent.
    const port = await freePort();
    const smuggled = await raw(
      '/api/rpc/channels.add',
      'POST',
      `{"channel":"webchat","fields":{"port":"${port}","allowedOrigins":"${SITE}","__proto__":{"host":"0.0.0.0"}}}`,
    );
    expect(smuggled.status).toBe(200);
    expect(channels.list()).toMatchObject([{ config: { host: '127.0.0.1' } }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).host).toBeUndefined();
  });
});

describe('what only the computer itself may change', () => {
  it('13. no token holder makes this computer run a program (the WhatsApp browser path)', async () => {
    const marker = join(core.dir, 'ran');
    const program = join(core.dir, 'x.sh');
    writeFileSync(program, `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    await unchanged(async () => {
      for (const chromePath of [program, '\\\\attacker\\share\\x.exe', 'x.sh']) {
        const answer = await rpc('channels.add', { channel: 'whatsapp', fields: { chromePath } });
        expect(answer).toEqual({
          status: 403,
          body: {
            error: {
              code: 'local_only',
              message:
                'Chrome location: changed only on the Clientela computer itself (in the app or with the clientela command), not over the network',
            },
          },
        });
      }
      await channels.supervisor.reconcile();
    });
    expect(existsSync(marker)).toBe(false);
    expect(channels.list()).toEqual([]);
  });

  it('14. no token holder makes this computer call an address (Telegram API root, SMS gateway)', async () => {
    const calls: string[] = [];
    const trap = createServer((request, response) => {
      calls.push(request.url ?? '');
      response.end('{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"x"}}');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
    try {
      await unchanged(async () => {
        const telegram = await rpc('channels.add', {
          channel: 'telegram',
          fields: { token: '123456:AAE-attacker', apiRoot: trapUrl },
        });
        expect(telegram.status).toBe(403);
        expect(telegram.body.error!.message).toMatch(/^Bot API address: changed only on/);
        const sms = await rpc('channels.add', {
          channel: 'sms',
          fields: { url: trapUrl, username: 'sms', password: 'x' },
        });
        expect(sms.status).toBe(403);
        expect(sms.body.error!.message).toMatch(/^Gateway address: changed only on/);
      });
      expect(calls).toEqual([]);
    } finally {
      trap.close();
    }
  });

  it('15. no token holder opens a port of this computer to the network (web chat host)', async () => {
    const port = await freePort();
    const fields = { port: String(port), allowedOrigins: SITE };
    await unchanged(async () => {
      for (const address of ['0.0.0.0', '::', '192.168.0.10']) {
        const answer = await rpc('channels.add', {
          channel: 'webchat',
          fields: { ...fields, host: address },
        });
        expect(answer.status, address).toBe(403);
        expect(answer.body.error!.message).toMatch(/^Listen on address: changed only on/);
      }
      await channels.supervisor.reconcile();
    });
    const reached = await new Promise<boolean>((resolve) =>
      connect(port, '127.0.0.1')
        .once('connect', () => resolve(true))
        .once('error', () => resolve(false)),
    );
    expect(reached).toBe(false);
    // This computer only, as every listener is by default: an agent may set that up.
    expect(
      (await rpc('channels.add', { channel: 'webchat', fields: { ...fields, host: '127.0.0.1' } }))
        .status,
    ).toBe(200);
  });

  it("16. no token holder switches host mode's own network access, on or off", async () => {
    await refusedSetting('networkAccess', 'Access from the office network');
  });

  it("17. no token holder switches the app's own updates, which download and install a program", async () => {
    await refusedSetting('autoUpdate', 'Update automatically');
  });

  it('18. a program path saved before this check (by a token holder, then) is never run', async () => {
    const marker = join(core.dir, 'ran');
    const program = join(core.dir, 'x.sh');
    writeFileSync(program, `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    // A channel that runs the program its setting names, as WhatsApp runs its browser.
    const runsWhatItIsTold: ChannelDriver<{ chromePath?: string }> = {
      channel: 'whatsapp',
      fields: [{ key: 'chromePath', type: 'text', localOnly: 'runsProgram' }],
      configSchema: z.object({ chromePath: z.string().optional() }),
      secretsSchema: z.object({}),
      create: (ctx) => ({
        async start() {
          if (ctx.config.chromePath) execFileSync(ctx.config.chromePath);
          ctx.setStatus('connected');
        },
        async stop() {},
        send: () => Promise.reject(new Error('not here')),
      }),
    };
    const service = createChannelService(core, {
      registry: registryOf([runsWhatItIsTold]),
      log: quiet,
    });
    // The row as host mode wrote it before the fix.
    core.db
      .prepare(
        `INSERT INTO channel_accounts (channel, account, label, config, enabled, created_at)
         VALUES ('whatsapp', 'planted', 'planted', ?, 1, 0)`,
      )
      .run(JSON.stringify({ chromePath: program }));
    await service.start();
    try {
      await until(() => service.supervisor.state('whatsapp', 'planted').status === 'connected');
      expect(existsSync(marker)).toBe(false);
      // The same path chosen on this computer does run: the check is what kept it out.
      await service.add({
        channel: 'whatsapp',
        account: 'chosen',
        fields: { chromePath: program },
      });
      await until(() => service.supervisor.state('whatsapp', 'chosen').status === 'connected');
      expect(existsSync(marker)).toBe(true);
    } finally {
      await service.stop();
    }
  });
});

describe('holding the server', () => {
  const head = (path: string) =>
    `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${TOKEN}\r\n`;

  it('19. headers trickled a byte at a time (slow-loris) are cut off; others are served meanwhile', async () => {
    await unchanged(async () => {
      // With a flood of sockets, they take every connection one address may hold.
      const lorises = Array.from({ length: 3 }, () =>
        trickle(server.port, head('/api/customers') + 'X-Slow: ', { everyMs: 50 }),
      );
      const flood = await Promise.all(
        Array.from({ length: 3 }, () => openEvents(bearer(), ATTACKER)),
      );
      const meanwhile = await requestFrom(`${base}/api/customers`, { headers: bearer() });
      expect(meanwhile.status).toBe(200);
      expect(meanwhile.body).toContain('Maria Souza');
      for (const ending of await Promise.all(lorises))
        expect(ending.received).toMatch(/^HTTP\/1\.1 408 /);
      for (const socket of flood) socket.close();
    });
  });

  it('20. a body that never finishes is cut off, and stores nothing', async () => {
    await unchanged(async () => {
      const ending = await trickle(
        server.port,
        `POST /api/rpc/customers.create HTTP/1.1\r\nHost: ${host}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"displayName":"',
        { everyMs: 50 },
      );
      expect(ending.received).toMatch(/^HTTP\/1\.1 408 /);
    });
  });

  it('21. a flood of connections from one address is refused past its cap; others are served', async () => {
    const held = await Promise.all(
      Array.from({ length: 6 }, () => openConnection(server.port, ATTACKER)),
    );
    try {
      const refused = await openConnection(server.port, ATTACKER);
      expect(await endingOf(refused)).toEqual({ received: '' });
      const meanwhile = await requestFrom(`${base}/api/customers`, { headers: bearer() });
      expect(meanwhile.status).toBe(200);
      expect(meanwhile.body).toContain('Maria Souza');
    } finally {
      for (const socket of held) socket.destroy();
    }
  });

  it('22. a flood of event sockets is refused past its cap, while an agent still gets live events', async () => {
    const flood = await Promise.all(
      Array.from({ length: 3 }, () => openEvents(bearer(), ATTACKER)),
    );
    try {
      await expect(openEvents(bearer(), ATTACKER)).rejects.toThrow('refused 429');
      const agent = await openEvents(bearer());
      const heard = new Promise<string>((resolve) =>
        agent.once('message', (data) => resolve(String(data))),
      );
      core.inbox.ingest(whatsapp('5521988887777', { displayName: 'Ana Lima' }));
      expect(JSON.parse(await heard)).toMatchObject({ type: 'events' });
      agent.close();
      // A socket closed frees its place.
      const leaving = flood.pop()!;
      await new Promise((resolve) => leaving.once('close', resolve).close());
      flood.push(await openEvents(bearer(), ATTACKER));
    } finally {
      for (const socket of flood) socket.close();
    }
  });
});
