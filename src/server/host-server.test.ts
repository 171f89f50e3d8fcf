import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { avatarDirFor } from '../channels/avatars';
import { tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import { createHostServer, type HostServer } from './host-server';

const TOKEN = 'test-token-0123456789';

describe('host mode', () => {
  let core: TestCore;
  let server: HostServer;
  let staticDir: string;
  let base: string;

  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${TOKEN}`, ...init.headers },
    });
  const json = async (path: string, init?: RequestInit) => {
    const response = await call(path, init);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeEach(async () => {
    core = tempCore();
    staticDir = mkdtempSync(join(tmpdir(), 'clientela-static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Clientela</title>');
    server = await createHostServer(core, { port: 0, token: TOKEN, staticDir });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterEach(async () => {
    await server.close();
    core.dispose();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('binds to this computer only and prints an address carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('serves the seed REST paths over the core', async () => {
    core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria Souza' }));
    core.inbox.ingest(whatsapp('5521988887777', { displayName: 'Ana Lima' }));
    const list = await json('/api/customers?search=maria&limit=10');
    expect(list.status).toBe(200);
    expect((list.body.items as { label: string }[]).map((c) => c.label)).toEqual(['Maria Souza']);
    expect((await json('/api/customers/stats')).body).toMatchObject({ totalCustomers: 2 });

    const id = (list.body.items as { id: number }[])[0]!.id;
    const patched = await json(`/api/customers/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ email: 'maria@exemplo.com.br', tags: ['vip'] }),
    });
    expect(patched.body).toMatchObject({ email: 'maria@exemplo.com.br', tags: ['vip'] });
    expect((await json(`/api/customers/${id}`)).body).toMatchObject({ tags: ['vip'] });
  });

  it('starts a conversation, replies in it and lists it', async () => {
    const started = await json('/api/conversations', {
      method: 'POST',
      body: JSON.stringify({ channel: 'whatsapp', phone: '+55 11 98888-7777', text: 'Olá!' }),
    });
    expect(started.status).toBe(201);
    const conversation = started.body.conversation as { id: number; customerId: number };
    expect(conversation.customerId).toBeGreaterThan(0);

    const reply = await json(`/api/conversations/${conversation.id}/messages`, {
      method: 'POST',
      body: JSON.stringify({ text: 'Seu pedido está pronto' }),
    });
    expect(reply).toMatchObject({ status: 201, body: { status: 'pending', direction: 'out' } });
    const messages = await json(`/api/conversations/${conversation.id}/messages`);
    expect((messages.body.items as { text: string }[]).map((m) => m.text)).toEqual([
      'Olá!',
      'Seu pedido está pronto',
    ]);
    const read = await json('/api/conversations?unreadOnly=false');
    expect(read.body.items).toHaveLength(1);
    const [listed] = read.body.items as unknown[];
    expect((await json(`/api/conversations/${conversation.id}`)).body).toEqual(listed);
    expect((await json(`/api/conversations/${conversation.id + 1}`)).status).toBe(404);
    expect((await json('/api/conversations?unreadOnly=true')).body.items).toHaveLength(0);
  });

  it('maps errors to statuses with a readable JSON body, changing nothing', async () => {
    expect(await json('/api/customers/999')).toEqual({
      status: 404,
      body: { error: { code: 'not_found', message: 'Customer not found' } },
    });
    const bad = await json('/api/customers?limit=9999');
    expect(bad.status).toBe(400);
    expect((bad.body.error as { message: string }).message).toMatch(/^Limit: /);
    expect((await json('/api/rpc/customers.stats', { method: 'POST', body: '{' })).status).toBe(
      400,
    );
    expect((await json('/api/customers/stats', { method: 'POST' })).status).toBe(405);
    expect((await json('/api/nothing/here')).status).toBe(404);
    const empty = await json('/api/conversations', {
      method: 'POST',
      body: JSON.stringify({ channel: 'whatsapp', phone: '+5511988887777', text: '' }),
    });
    expect(empty.status).toBe(400);
    expect(core.customers.stats.stats(Date.now(), 'UTC').totalCustomers).toBe(0);
  });

  it('trades the token in the address for an HttpOnly cookie and takes it out of the address', async () => {
    const first = await fetch(`${base}/?token=${TOKEN}#/customers`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const page = await fetch(`${base}/`, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<title>Clientela</title>');
  });

  // Who may not come in, and what may not be asked, is tried in attacks.test.ts.
  it('pushes domain events to an authorized socket', async () => {
    const open = (headers: Record<string, string>) =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api/events`, { headers });
        socket.once('open', () => resolve(socket));
        socket.once('unexpected-response', (_request, response) =>
          reject(new Error(`refused ${response.statusCode}`)),
        );
      });
    const socket = await open({ Authorization: `Bearer ${TOKEN}` });
    const message = new Promise<string>((resolve) =>
      socket.once('message', (data) => resolve(String(data))),
    );
    core.inbox.ingest(whatsapp('5511999998888'));
    const received = JSON.parse(await message) as { type: string; events: { type: string }[] };
    expect(received.type).toBe('events');
    expect(received.events.map((e) => e.type)).toContain('customer.created');
    socket.close();
  });

  it('serves cached profile pictures', async () => {
    const avatars = avatarDirFor(core.file);
    mkdirSync(avatars, { recursive: true });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    writeFileSync(join(avatars, 'abc123.img'), png);
    const picture = await call('/api/avatars/abc123.img');
    expect(picture.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await picture.arrayBuffer())).toEqual(png);
  });

  it('downloads the filtered list as CSV, with its row count up front', async () => {
    core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria Souza' }));
    core.inbox.ingest(whatsapp('5521988887777', { displayName: 'Ana Lima' }));
    const response = await call('/api/customers/export.csv?search=ana&delimiter=%3B');
    expect(response.headers.get('x-total-count')).toBe('1');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="clientela-/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(';Ana Lima;');
    expect((await call('/api/customers/export.csv?channel=fax')).status).toBe(400);
    // The browser's language, not the server's, names the columns and picks the delimiter.
    const portuguese = await (await call('/api/customers/export.csv?language=pt-BR')).text();
    expect(portuguese.split('\r\n')[0]).toMatch(/^id;nome;telefones;/);
  });
});

describe('host mode options', () => {
  it('refuses a token short enough to be guessed', async () => {
    const core = tempCore();
    try {
      await expect(
        createHostServer(core, { port: 0, token: 'short', staticDir: core.dir }),
      ).rejects.toThrow('16 to 256');
    } finally {
      core.dispose();
    }
  });
});
