/**
 * The web chat's server against a real core: visitors write over HTTP as the widget does, agents'
 * replies come back over the real WebSocket, and every door the internet could try is tried.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TestCore } from '../../testing/fixtures';
import { exactRequest } from '../../testing/raw-clients';
import { createChannelService } from '../service';
import type { WebchatConfig } from './config';
import { webchatDriver } from './driver';
import {
  call,
  newVisitor,
  openSocket,
  say,
  SITE,
  startedAccounts,
  startWebchat,
} from './testing/harness';

let core: TestCore;
const accounts = startedAccounts();
beforeEach(() => void (core = tempCore({ now: Date.now })));
afterEach(async () => {
  await accounts.stopAll();
  core.dispose();
});

/** Starts a web chat account on a free port, stopped after the test. */
const startAccount = (
  settings: Partial<WebchatConfig> = {},
  options: { account?: string; dataDir?: string } = {},
) => accounts.add(startWebchat(core, settings, options));

const customers = () => core.db.prepare('SELECT id, display_name, email FROM customers').all();

describe('a visitor writes', () => {
  it('becomes a customer with the message in a web chat conversation, and reads it back', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    const sent = await say(chat, token, '  Olá! Vocês entregam em Campinas?  ', {
      language: 'pt-BR',
    });
    expect(sent.status).toBe(201);
    expect(sent.body!.message).toMatchObject({
      from: 'visitor',
      text: 'Olá! Vocês entregam em Campinas?',
    });

    const [conversation] = core.conversations.list({ channel: 'webchat', limit: 5 }).items;
    expect(conversation).toMatchObject({
      account: 'site',
      lastMessageText: 'Olá! Vocês entregam em Campinas?',
      unreadCount: 1,
    });
    expect(conversation!.customerId).not.toBeNull();
    expect(customers()).toHaveLength(1);
    expect(core.db.prepare('SELECT language FROM identities').get()).toEqual({ language: 'pt-BR' });

    const history = await call(chat, 'GET', '/api/messages', { token });
    expect(history.status).toBe(200);
    expect(history.body!.messages).toEqual([
      expect.objectContaining({ from: 'visitor', text: 'Olá! Vocês entregam em Campinas?' }),
    ]);
    // A page whose language tag is unreadable still lets its visitors write.
    expect((await say(chat, token, 'Oi', { language: 'pt_BR<script>' })).status).toBe(201);
  });

  it('keeps their conversation across page loads and sees the agent reply on the next visit', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    await say(chat, token, 'Qual o prazo de entrega?');
    const [conversation] = core.conversations.list({ channel: 'webchat', limit: 5 }).items;
    // The visitor has closed the tab: the reply is stored and "sent", and waits for them.
    const reply = core.conversations.send(conversation!.id, 'Dois dias úteis.');
    const [visitorId] = token.split('.').slice(1);
    const result = await chat.connector.send({
      messageId: reply.id,
      externalUserId: visitorId!,
      phone: null,
      text: reply.text,
    });
    expect(result.status).toBe('sent');

    const later = await call(chat, 'GET', '/api/messages', { token });
    expect(later.body!.messages!.map((m) => [m.from, m.text])).toEqual([
      ['visitor', 'Qual o prazo de entrega?'],
      ['agent', 'Dois dias úteis.'],
    ]);
  });

  it('stores a message resent after a dropped connection only once', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    const body = { text: 'Vocês abrem sábado?', clientId: 'same-id-123' };
    await call(chat, 'POST', '/api/messages', { token, body });
    await call(chat, 'POST', '/api/messages', { token, body });
    const history = await call(chat, 'GET', '/api/messages', { token });
    expect(history.body!.messages).toHaveLength(1);
  });
});

describe('agent replies arrive live', () => {
  it('on every open widget of that visitor, and on no other', async () => {
    const chat = await startAccount();
    const ana = await newVisitor(chat);
    const bruno = await newVisitor(chat);
    await say(chat, ana, 'Oi, sou a Ana');
    await say(chat, bruno, 'Oi, sou o Bruno');
    const anaTab1 = await openSocket(chat, ana);
    const anaTab2 = await openSocket(chat, ana);
    const brunoTab = await openSocket(chat, bruno);

    const anaConversation = core.conversations
      .list({ channel: 'webchat', limit: 5 })
      .items.find((c) => c.lastMessageText === 'Oi, sou a Ana')!;
    const reply = core.conversations.send(anaConversation.id, 'Olá Ana, em que posso ajudar?');
    await chat.connector.send({
      messageId: reply.id,
      externalUserId: ana.split('.')[1]!,
      phone: null,
      text: reply.text,
    });

    for (const tab of [anaTab1, anaTab2])
      await expect
        .poll(() => tab.received.find((m) => m.type === 'message'))
        .toMatchObject({
          message: { id: reply.id, from: 'agent', text: 'Olá Ana, em que posso ajudar?' },
        });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(brunoTab.received.filter((m) => m.type === 'message')).toEqual([]);
    for (const tab of [anaTab1, anaTab2, brunoTab]) tab.socket.close();
  });

  it("and the visitor's own message shows in their other tabs", async () => {
    const chat = await startAccount();
    const ana = await newVisitor(chat);
    const otherTab = await openSocket(chat, ana);
    const stranger = await openSocket(chat, await newVisitor(chat));
    await call(chat, 'POST', '/api/messages', {
      token: ana,
      body: { text: 'Escrevi na outra aba', clientId: 'tab-one-1' },
    });
    await expect
      .poll(() => otherTab.received.find((m) => m.type === 'message')?.message)
      .toMatchObject({
        id: null,
        clientId: 'tab-one-1',
        from: 'visitor',
        text: 'Escrevi na outra aba',
      });
    expect(stranger.received.filter((m) => m.type === 'message')).toEqual([]);
    otherTab.socket.close();
    stranger.socket.close();
  });

  it('refuses to write to someone who is not a visitor', async () => {
    const chat = await startAccount();
    await expect(
      chat.connector.send({
        messageId: 1,
        externalUserId: '5511999998888@c.us',
        phone: null,
        text: 'x',
      }),
    ).rejects.toThrow('Not a web chat visitor');
  });
});

describe('a returning visitor', () => {
  // What no visitor may do (read another's conversation, forge a token) is in attacks.test.ts.
  it('keeps their conversation after the app restarts (same key file)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'webchat-key-'));
    try {
      const before = await startAccount({}, { account: 'a', dataDir });
      const token = await newVisitor(before);
      await say(before, token, 'Antes de reiniciar');
      await before.stop();
      const after = await startAccount({}, { account: 'a', dataDir });
      const history = await call(after, 'GET', '/api/messages', { token });
      expect(history.body!.messages).toHaveLength(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the widget', () => {
  it('is served to any page: the script holds no data', async () => {
    const chat = await startAccount();
    const script = await fetch(`${chat.base}/widget.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('textContent');
    const style = await fetch(`${chat.base}/widget.css`);
    expect(style.headers.get('content-type')).toContain('text/css');
  });

  it('comes compressed, and is checked at every page view so that an update reaches visitors at once', async () => {
    const chat = await startAccount();
    const file = readFileSync(
      fileURLToPath(new URL('../../../resources/webchat/widget.js', import.meta.url)),
    );
    const script = await exactRequest(chat.port, '/widget.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(script.headers).toMatchObject({
      'content-encoding': 'br',
      vary: 'Accept-Encoding',
      'cache-control': 'no-cache',
      'cross-origin-resource-policy': 'cross-origin',
    });
    expect(brotliDecompressSync(script.body).equals(file)).toBe(true);
    expect(script.body.length).toBeLessThan(file.length / 2);
    const again = await exactRequest(chat.port, '/widget.js', {
      headers: { 'If-None-Match': script.headers.etag! },
    });
    expect(again).toMatchObject({ status: 304, body: Buffer.alloc(0) });
    const head = await exactRequest(chat.port, '/widget.css', { method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, body: Buffer.alloc(0) });
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1000);
  });
});

describe('the account', () => {
  it('says plainly when its port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startAccount({ port })).rejects.toThrow(`Port ${port} is already in use`);
      // Said already on the form, before the account is saved.
      const config = webchatDriver.configSchema.parse({ port, allowedOrigins: [SITE] });
      await expect(webchatDriver.verify!(config, {}, new AbortController().signal)).rejects.toThrow(
        'already in use',
      );
    } finally {
      blocker.close();
    }
  });

  it('is named after the websites it serves', async () => {
    const config = webchatDriver.configSchema.parse({
      port: 0,
      allowedOrigins: 'https://minhaloja.com.br, https://blog.minhaloja.com.br',
    });
    expect(await webchatDriver.verify!(config, {}, new AbortController().signal)).toBe(
      'minhaloja.com.br, blog.minhaloja.com.br',
    );
  });

  it('refuses settings that would open it to every website', () => {
    const parse = (value: object) => webchatDriver.configSchema.safeParse({ port: 8090, ...value });
    expect(parse({ allowedOrigins: [] }).error?.issues[0]?.message).toMatch(/List the website/);
    expect(parse({ allowedOrigins: ['*'] }).error?.issues[0]?.message).toMatch(
      /not a website origin/,
    );
    expect(parse({ allowedOrigins: 'https://a.com.br, https://b.com.br/' }).data).toMatchObject({
      host: '127.0.0.1',
      allowedOrigins: ['https://a.com.br', 'https://b.com.br'],
    });
  });
});

describe('added as an account', () => {
  it('runs under the supervisor, and the outbox hands agent replies to the open widget', async () => {
    const service = createChannelService(core, { log: { info: () => {}, error: () => {} } });
    await service.start();
    try {
      const added = await service.add({
        channel: 'webchat',
        account: 'loja',
        fields: { port: '0', allowedOrigins: `${SITE}\nhttps://blog.minhaloja.com.br` },
      });
      expect(added).toMatchObject({ label: 'minhaloja.com.br, blog.minhaloja.com.br' });
      await expect.poll(() => service.list()[0]?.status).toBe('connected');
      const port = Number(service.list()[0]!.detail!.split(':').at(-1));
      const chat = { base: `http://127.0.0.1:${port}`, port };

      const token = await newVisitor(chat);
      await say(chat, token, 'Tem o tênis 42?');
      const tab = await openSocket(chat, token);
      const [conversation] = core.conversations.list({ channel: 'webchat', limit: 5 }).items;
      const reply = core.conversations.send(conversation!.id, 'Tem sim, na cor preta.');

      await expect
        .poll(() => tab.received.find((m) => m.type === 'message')?.message)
        .toMatchObject({ id: reply.id, from: 'agent', text: 'Tem sim, na cor preta.' });
      await expect
        .poll(() => core.conversations.messages({ conversationId: conversation!.id, limit: 5 }))
        .toMatchObject({ items: [{ direction: 'in' }, { status: 'sent' }] });
      tab.socket.close();
    } finally {
      await service.stop();
    }
  });
});
