/**
 * The web chat's server against a real core: visitors write over HTTP as the widget does, agents'
 * replies come back over the real WebSocket, and every door the internet could try is tried.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DomainEvent } from '../../api/types';
import { event, tempCore, type TestCore } from '../../testing/fixtures';
import type { Connector } from '../connector';
import type { WidgetMessage } from './api';
import { createConnectorContext } from '../context';
import { createChannelService } from '../service';
import type { WebchatConfig } from './config';
import { webchatDriver } from './driver';
import { CLOSE_TOO_MANY, CLOSE_UNAUTHORIZED } from './live';

const SITE = 'https://minhaloja.com.br';

let core: TestCore;
let running: { connector: Connector; abort: AbortController }[] = [];

beforeEach(() => {
  core = tempCore({ now: Date.now });
});

afterEach(async () => {
  for (const { connector, abort } of running) {
    abort.abort();
    await connector.stop();
  }
  running = [];
  core.dispose();
});

/** Starts a web chat account on a free port, as the supervisor would; returns its address. */
async function startAccount(
  settings: Partial<WebchatConfig> = {},
  options: { account?: string; dataDir?: string } = {},
) {
  const account = options.account ?? 'site';
  const config = webchatDriver.configSchema.parse({
    port: 0,
    allowedOrigins: [SITE],
    ...settings,
  });
  const statuses: DomainEvent[] = [];
  const unsubscribe = core.bus.subscribe((events) => statuses.push(...events));
  const abort = new AbortController();
  const context = createConnectorContext(core, {
    channel: 'webchat',
    account,
    config,
    secrets: {},
    dataDir: options.dataDir ?? join(core.dir, 'accounts', account),
    avatarDir: join(core.dir, 'avatars'),
    log: { info: () => {}, error: () => {} },
    signal: abort.signal,
  });
  const connector = webchatDriver.create(context);
  await connector.start();
  running.push({ connector, abort });
  unsubscribe();
  const status = statuses.find((e) => e.type === 'channel.status');
  expect(status).toMatchObject({ status: 'connected' });
  const port = Number((status as { detail: string }).detail.split(':').at(-1));
  return { connector, base: `http://127.0.0.1:${port}`, port, account };
}

type Base = { base: string };

/** What the visitor API answers. */
interface Answer {
  token?: string;
  message?: WidgetMessage;
  messages?: WidgetMessage[];
  error?: { code: string; message: string };
}

/** What the live socket pushes. */
interface Pushed {
  type: string;
  message?: WidgetMessage;
}

/** A call as the widget on the allowed site makes it. */
async function call(
  chat: Base,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    raw?: string;
    origin?: string | null;
    headers?: Record<string, string>;
  } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  const origin = options.origin === undefined ? SITE : options.origin;
  if (origin) headers.Origin = origin;
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined)
    headers['Content-Type'] = 'application/json';
  const response = await fetch(`${chat.base}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const body = (await response.json().catch(() => null)) as Answer | null;
  return { status: response.status, headers: response.headers, body };
}

async function newVisitor(chat: Base): Promise<string> {
  const answer = await call(chat, 'POST', '/api/session', { body: {} });
  expect(answer.status).toBe(201);
  return answer.body!.token!;
}

let clientSequence = 0;
const say = (chat: Base, token: string, text: string, profile: object = {}) =>
  call(chat, 'POST', '/api/messages', {
    token,
    body: { text, clientId: `client-${++clientSequence}`, ...profile },
  });

/** A widget's live socket, authenticated; collects what the server pushes. */
async function openSocket(chat: { port: number }, token: string, origin = SITE) {
  const socket = new WebSocket(`ws://127.0.0.1:${chat.port}/api/live`, { origin });
  const received: Pushed[] = [];
  socket.on('message', (data) => received.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ token }));
  await expect.poll(() => received.some((m) => m.type === 'ready')).toBe(true);
  return { socket, received };
}

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

  it("typing a WhatsApp customer's email and a new name leaves that customer as it was", async () => {
    core.inbox.ingest(
      event({
        channel: 'whatsapp',
        externalUserId: '5511999998888@c.us',
        displayName: 'Maria Souza',
        timestamp: new Date(Date.now() - 86_400_000).toISOString(),
      }),
    );
    core.customers.editor.update(1, { email: 'maria@exemplo.com.br' });
    const chat = await startAccount({ prechatForm: true });
    const token = await newVisitor(chat);
    // Without the pre-chat form's answers the message is refused, and nothing is stored.
    const bare = await say(chat, token, 'Oi');
    expect(bare).toMatchObject({ status: 400, body: { error: { code: 'profile_required' } } });

    const sent = await say(chat, token, 'Oi, é a Maria. Mudei de número, manda o pedido pra cá', {
      name: 'Maria Nova',
      email: '  Maria@Exemplo.com.br ',
    });
    expect(sent.status).toBe(201);

    // Anyone can type an email: Maria keeps her name and only her WhatsApp; the visitor is a
    // customer of their own, whom the agent is offered as maybe the same person.
    expect(customers()).toEqual([
      { id: 1, display_name: 'Maria Souza', email: 'maria@exemplo.com.br' },
      { id: 2, display_name: 'Maria Nova', email: 'maria@exemplo.com.br' },
    ]);
    expect(core.customers.detail.get(1)).toMatchObject({
      phone: '+5511999998888',
      channels: ['whatsapp'],
      identities: [{ channel: 'whatsapp', displayName: 'Maria Souza' }],
      possibleMatches: [{ customerId: 2, reason: 'same_email', keepId: 1 }],
    });
    const [conversation] = core.conversations.list({ channel: 'webchat', limit: 5 }).items;
    expect(conversation).toMatchObject({ customerId: 2, label: 'Maria Nova' });
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

  it('for at most five tabs of one visitor', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    const tabs = [];
    for (let i = 0; i < 5; i++) tabs.push(await openSocket(chat, token));
    const sixth = new WebSocket(`ws://127.0.0.1:${chat.port}/api/live`, { origin: SITE });
    await new Promise((resolve) => sixth.once('open', resolve));
    sixth.send(JSON.stringify({ token }));
    expect(await new Promise((resolve) => sixth.once('close', resolve))).toBe(CLOSE_TOO_MANY);
    for (const tab of tabs) tab.socket.close();
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

describe('no visitor reads another visitor', () => {
  it("another visitor's token, a forged token or none at all reads nothing", async () => {
    const chat = await startAccount();
    const ana = await newVisitor(chat);
    await say(chat, ana, 'Meu CPF é 123.456.789-00');
    const bruno = await newVisitor(chat);

    const brunoReads = await call(chat, 'GET', '/api/messages', { token: bruno });
    expect(brunoReads.body!.messages).toEqual([]);

    // Ana's id is what agents see in the app; with Bruno's signature it opens nothing.
    const [, anaId] = ana.split('.');
    const [, , brunoMac] = bruno.split('.');
    for (const token of [`v1.${anaId}.${brunoMac}`, anaId!, 'v1.x.y', undefined]) {
      const answer = await call(chat, 'GET', '/api/messages', { token });
      expect(answer).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    }
  });

  it('a token issued by another account opens nothing here', async () => {
    const first = await startAccount({}, { account: 'loja' });
    const second = await startAccount({}, { account: 'blog' });
    const token = await newVisitor(first);
    await say(first, token, 'Oi');
    const answer = await call(second, 'GET', '/api/messages', { token });
    expect(answer.status).toBe(401);
  });

  it('a socket with a forged token is closed before it hears anything', async () => {
    const chat = await startAccount();
    const socket = new WebSocket(`ws://127.0.0.1:${chat.port}/api/live`, { origin: SITE });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ token: 'v1.AAAAAAAAAAAAAAAAAAAAAA.' + 'A'.repeat(43) }));
    const code = await new Promise((resolve) => socket.once('close', resolve));
    expect(code).toBe(CLOSE_UNAUTHORIZED);
  });

  it('a returning visitor keeps their conversation after the app restarts (same key file)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'webchat-key-'));
    try {
      const before = await startAccount({}, { account: 'a', dataDir });
      const token = await newVisitor(before);
      await say(before, token, 'Antes de reiniciar');
      const { connector } = running.pop()!;
      await connector.stop();
      const after = await startAccount({}, { account: 'a', dataDir });
      const history = await call(after, 'GET', '/api/messages', { token });
      expect(history.body!.messages).toHaveLength(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('only the allowed websites', () => {
  it('get answers, with CORS for them alone', async () => {
    const chat = await startAccount({ greeting: 'Oi! Aqui é a Minha Loja.', prechatForm: true });
    expect(await call(chat, 'GET', '/api/config')).toMatchObject({
      status: 200,
      body: { greeting: 'Oi! Aqui é a Minha Loja.', prechatForm: true, maxText: 4000 },
    });
    const preflight = await call(chat, 'OPTIONS', '/api/messages');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');

    for (const origin of ['https://golpe.example', 'https://minhaloja.com.br.evil.io', null]) {
      const answer = await call(chat, 'POST', '/api/session', { body: {}, origin });
      expect(answer).toMatchObject({
        status: 403,
        body: { error: { code: 'origin_not_allowed' } },
      });
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(customers()).toEqual([]);
  });

  it('open a live socket; any other origin is refused at the handshake', async () => {
    const chat = await startAccount();
    const socket = new WebSocket(`ws://127.0.0.1:${chat.port}/api/live`, {
      origin: 'https://golpe.example',
    });
    const status = await new Promise((resolve) =>
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode)),
    );
    expect(status).toBe(403);
  });

  it('while the script itself is served to any page', async () => {
    const chat = await startAccount();
    const script = await fetch(`${chat.base}/widget.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('textContent');
    const style = await fetch(`${chat.base}/widget.css`);
    expect(style.headers.get('content-type')).toContain('text/css');
  });
});

describe('what a visitor sends is checked', () => {
  it('refuses oversized and malformed messages with a clear reason, storing nothing', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    const cases: [object, string][] = [
      [{ text: 'a'.repeat(4001), clientId: 'client-long' }, 'text_too_long'],
      [{ text: '   ', clientId: 'client-empty' }, 'text_empty'],
      [{ text: 'Oi', clientId: 'client-name', name: 'n'.repeat(201) }, 'name_too_long'],
      [{ text: 'Oi', clientId: 'client-mail', email: 'maria@' }, 'email_invalid'],
      [{ text: 'Oi', clientId: 'x' }, 'invalid'],
      [{ text: 'Oi', clientId: 'client-extra', isAdmin: true }, 'invalid'],
      [{ text: 42, clientId: 'client-number' }, 'invalid'],
    ];
    for (const [body, code] of cases) {
      const answer = await call(chat, 'POST', '/api/messages', { token, body });
      expect(answer.status, code).toBe(400);
      expect(answer.body!.error!.code).toBe(code);
      expect(answer.body!.error!.message).toMatch(/\w+/);
    }

    const malformed = await call(chat, 'POST', '/api/messages', { token, raw: '{"text": "oi"' });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'bad_json' } } });

    const huge = await call(chat, 'POST', '/api/messages', {
      token,
      raw: JSON.stringify({ text: 'x'.repeat(40_000), clientId: 'client-huge' }),
    });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'too_large' } } });

    expect(core.db.prepare('SELECT count(*) AS n FROM messages').get()).toEqual({ n: 0 });
    // Exactly at the limit is fine.
    expect((await say(chat, token, 'a'.repeat(4000))).status).toBe(201);
  });

  it('never lets HTML through as anything but text', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    const text = '<img src=x onerror="alert(1)"> <b>oi</b>';
    await say(chat, token, text);
    const history = await call(chat, 'GET', '/api/messages', { token });
    // Stored and given back as typed: the widget and the app show it as text, never as markup.
    expect(history.body!.messages![0]!.text).toBe(text);
  });

  it('answers unknown addresses and methods with JSON errors', async () => {
    const chat = await startAccount();
    expect(await call(chat, 'GET', '/api/nothing')).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
    expect(await call(chat, 'DELETE', '/api/messages')).toMatchObject({
      status: 405,
      body: { error: { code: 'method_not_allowed' } },
    });
  });
});

describe('rate limits', () => {
  it('stop a visitor who floods messages, with the wait in Retry-After', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await say(chat, token, `spam ${i}`)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
    const refused = await say(chat, token, 'mais um');
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another visitor is not held back by the first one's flood.
    expect((await say(chat, await newVisitor(chat), 'Oi')).status).toBe(201);
  });

  it('see each visitor behind a trusted proxy, and ignore a forwarded address otherwise', async () => {
    const mint = (chat: Base, forwardedFor: string) =>
      call(chat, 'POST', '/api/session', {
        body: {},
        headers: { 'X-Forwarded-For': forwardedFor },
      }).then((answer) => answer.status);

    const proxied = await startAccount({ trustProxy: true }, { account: 'proxied' });
    for (let i = 0; i < 10; i++) await mint(proxied, '203.0.113.7');
    expect(await mint(proxied, '203.0.113.7')).toBe(429);
    // The proxy appends the address it saw: what the client wrote before it counts for nothing.
    expect(await mint(proxied, '198.51.100.1, 203.0.113.7')).toBe(429);
    expect(await mint(proxied, '198.51.100.9')).toBe(201);

    const direct = await startAccount({}, { account: 'direct' });
    for (let i = 0; i < 10; i++) await mint(direct, `203.0.113.${i}`);
    expect(await mint(direct, '198.51.100.77')).toBe(429);
  });

  it('stop one address from minting visitor after visitor', async () => {
    const chat = await startAccount();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await call(chat, 'POST', '/api/session', { body: {} })).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.at(-1)).toBe(429);
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
