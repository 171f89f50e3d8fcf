/**
 * The web chat's server attacked as an anonymous visitor of the shop's website, or any page on
 * the internet, would: each test is one attack against a running account over a real database,
 * and asserts the refusal and that nothing changed (every row of every table).
 *
 * The attacks, in order:
 *   visitors' tokens      1 none, forged, or another visitor's signature · 2 a token of another
 *                         account · 3 a forged token on the live socket
 *   who a visitor becomes 4 a customer's e-mail typed in the chat (taking the customer over)
 *   other websites        5 the API from another site's page · 6 a live socket from one
 *   what a visitor sends  7 oversized, malformed and unexpected messages · 8 markup · 9 unknown
 *                         addresses and methods · 10 `__proto__` and `constructor` keys ·
 *                         11 paths to files beside the widget's
 *   rate limits           12 a flood of messages · 13 a forged X-Forwarded-For · 14 minting
 *                         visitor after visitor · 15 a sixth tab
 *   holding the server    16 headers trickled (slow-loris) · 17 a body that never ends ·
 *                         18 a flood of connections · 19 a flood of live sockets; others are
 *                         served throughout
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { event, tempCore, type TestCore } from '../../testing/fixtures';
import { unchangedBy } from '../../testing/unchanged';
import {
  ATTACKER,
  endingOf,
  openConnection,
  QUICK_TIMEOUTS,
  SMALL_CAPS,
  requestFrom,
  trickle,
} from '../../testing/raw-clients';
import type { WebchatConfig } from './config';
import type { ServerLimits } from './limits';
import { CLOSE_TOO_MANY, CLOSE_UNAUTHORIZED } from './live';
import {
  call,
  newVisitor,
  openSocket,
  say,
  SITE,
  startedAccounts,
  startWebchat,
  startWebchatServer,
  type Chat,
} from './testing/harness';

/** Low enough that a test sees them act; the shipped ones are in SERVER_LIMITS. */
const LIMITS: Partial<ServerLimits> = {
  ...QUICK_TIMEOUTS,
  connections: SMALL_CAPS.connections,
  liveSockets: SMALL_CAPS.sockets,
};

let core: TestCore;
const accounts = startedAccounts();
beforeEach(() => void (core = tempCore({ now: Date.now })));
afterEach(async () => {
  await accounts.stopAll();
  core.dispose();
});

const startAccount = (settings: Partial<WebchatConfig> = {}, options: { account?: string } = {}) =>
  accounts.add(startWebchat(core, settings, options));

/** An account whose server has LIMITS, for the attacks that hold it. */
const startLimited = () => accounts.add(startWebchatServer(core, LIMITS));

/** Runs `attack`, then checks that no row of any table changed; returns what the attack got. */
const unchanged = <T>(attack: () => Promise<T>) => unchangedBy(core.db, attack);

/** A live socket opened from `localAddress`; resolves once open, or with the refusal's status. */
function liveSocket(port: number, localAddress: string): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/live`, { origin: SITE, localAddress });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode!));
    socket.once('error', reject);
  });
}

describe("visitors' tokens", () => {
  it("1. no token, a forged one, or another visitor's signature reads nothing and writes nothing", async () => {
    const chat = await startAccount();
    const ana = await newVisitor(chat);
    await say(chat, ana, 'Meu CPF é 123.456.789-00');
    const bruno = await newVisitor(chat);
    await unchanged(async () => {
      const brunoReads = await call(chat, 'GET', '/api/messages', { token: bruno });
      expect(brunoReads.body!.messages).toEqual([]);
      // Ana's id is what agents see in the app; with Bruno's signature it opens nothing.
      const [, anaId] = ana.split('.');
      const [, , brunoMac] = bruno.split('.');
      for (const token of [`v1.${anaId}.${brunoMac}`, anaId!, 'v1.x.y', undefined]) {
        const read = await call(chat, 'GET', '/api/messages', { token });
        expect(read).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
        const write = await call(chat, 'POST', '/api/messages', {
          token,
          body: { text: 'Sou a Ana', clientId: 'forged-write-1' },
        });
        expect(write.status).toBe(401);
      }
    });
  });

  it('2. a token issued by another account opens nothing here', async () => {
    const first = await startAccount({}, { account: 'loja' });
    const second = await startAccount({}, { account: 'blog' });
    const token = await newVisitor(first);
    await say(first, token, 'Oi');
    await unchanged(async () => {
      expect((await call(second, 'GET', '/api/messages', { token })).status).toBe(401);
      expect((await say(second, token, 'Oi de novo')).status).toBe(401);
    });
  });

  it('3. a live socket with a forged token is closed before it hears anything', async () => {
    const chat = await startAccount();
    await unchanged(async () => {
      const socket = new WebSocket(`ws://127.0.0.1:${chat.port}/api/live`, { origin: SITE });
      const heard: string[] = [];
      socket.on('message', (data) => heard.push(String(data)));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ token: 'v1.AAAAAAAAAAAAAAAAAAAAAA.' + 'A'.repeat(43) }));
      expect(await new Promise((resolve) => socket.once('close', resolve))).toBe(
        CLOSE_UNAUTHORIZED,
      );
      expect(heard).toEqual([]);
    });
  });
});

describe('who a visitor can become', () => {
  it("4. a visitor typing a WhatsApp customer's e-mail and another name takes nothing of that customer", async () => {
    core.inbox.ingest(
      event({
        channel: 'whatsapp',
        externalUserId: '5511999998888@c.us',
        displayName: 'Maria Souza',
        timestamp: new Date(Date.now() - 86_400_000).toISOString(),
      }),
    );
    core.customers.editor.update(1, { email: 'maria@exemplo.com.br' });
    const maria = () => ({
      customer: core.db.prepare('SELECT * FROM customers WHERE id = 1').get(),
      identities: core.db.prepare('SELECT * FROM identities WHERE customer_id = 1').all(),
    });
    const before = maria();
    const chat = await startAccount({ prechatForm: true });
    const token = await newVisitor(chat);
    const sent = await say(chat, token, 'Oi, é a Maria. Mudei de número, manda o pedido pra cá', {
      name: 'Maria Nova',
      email: '  Maria@Exemplo.com.br ',
    });
    expect(sent.status).toBe(201);

    // Maria keeps her name, her WhatsApp and nothing more; her row is as it was.
    expect(maria()).toEqual(before);
    // The visitor is a customer of their own, whom the agent is offered as maybe the same person.
    expect(core.customers.detail.get(1)).toMatchObject({
      channels: ['whatsapp'],
      possibleMatches: [{ customerId: 2, reason: 'same_email', keepId: 1 }],
    });
    const [conversation] = core.conversations.list({ channel: 'webchat', limit: 5 }).items;
    expect(conversation).toMatchObject({ customerId: 2, label: 'Maria Nova' });
  });
});

describe('other websites', () => {
  it("5. another site's page gets no answer it may read, and makes no visitor", async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    await unchanged(async () => {
      for (const origin of ['https://golpe.example', 'https://minhaloja.com.br.evil.io', null]) {
        const mint = await call(chat, 'POST', '/api/session', { body: {}, origin });
        expect(mint).toMatchObject({
          status: 403,
          body: { error: { code: 'origin_not_allowed' } },
        });
        expect(mint.headers.get('access-control-allow-origin')).toBeNull();
        const write = await call(chat, 'POST', '/api/messages', {
          token,
          origin,
          body: { text: 'Oi', clientId: 'other-site-1' },
        });
        expect(write.status).toBe(403);
      }
    });
  });

  it('6. a live socket from another site is refused at the handshake', async () => {
    const chat = await startAccount();
    await unchanged(async () => {
      const socket = new WebSocket(`ws://127.0.0.1:${chat.port}/api/live`, {
        origin: 'https://golpe.example',
      });
      const status = await new Promise((resolve) =>
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode)),
      );
      expect(status).toBe(403);
    });
  });
});

describe('what a visitor sends', () => {
  it('7. an oversized, malformed or unexpected message is refused with its reason, storing nothing', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    await unchanged(async () => {
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
      expect(huge.headers.get('connection')).toBe('close');
    });
    // Exactly at the limit is fine.
    expect((await say(chat, token, 'a'.repeat(4000))).status).toBe(201);
  });

  it('8. markup in a message is kept as the text it is, never as markup', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    const text = '<img src=x onerror="alert(1)"> <b>oi</b>';
    await say(chat, token, text);
    const history = await call(chat, 'GET', '/api/messages', { token });
    // Stored and given back as typed, as JSON the browser may not sniff as a page.
    expect(history.body!.messages![0]!.text).toBe(text);
    expect(history.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(history.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('9. unknown addresses and methods get a JSON error and change nothing', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    await unchanged(async () => {
      expect(await call(chat, 'GET', '/api/nothing', { token })).toMatchObject({
        status: 404,
        body: { error: { code: 'not_found' } },
      });
      for (const method of ['DELETE', 'PUT', 'PATCH'])
        expect(
          await call(chat, method, '/api/messages', { token, body: { text: 'x' } }),
        ).toMatchObject({ status: 405, body: { error: { code: 'method_not_allowed' } } });
    });
  });

  it('10. `__proto__` and `constructor` keys are refused and pollute nothing', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    await unchanged(async () => {
      for (const raw of [
        '{"text":"Oi","clientId":"client-proto-1","__proto__":{"isAdmin":true}}',
        '{"text":"Oi","clientId":"client-proto-2","constructor":{"prototype":{"isAdmin":true}}}',
      ]) {
        const answer = await call(chat, 'POST', '/api/messages', { token, raw });
        expect(answer).toMatchObject({ status: 400, body: { error: { code: 'invalid' } } });
      }
    });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it("11. no path reaches a file beside the widget's own (path traversal)", async () => {
    const chat = await startAccount();
    await unchanged(async () => {
      for (const path of [
        '/../package.json',
        '/%2e%2e/package.json',
        '/widget.js/../../package.json',
        '/..%2f..%2fpackage.json',
        '/widget.js%00.png',
        '/visitor-key',
      ]) {
        const answer = await requestFrom(`${chat.base}${path}`, { headers: { Origin: SITE } });
        expect(answer.status, path).toBe(404);
        expect(answer.body).not.toContain('"name"');
      }
    });
  });
});

describe('rate limits', () => {
  it('12. a visitor flooding messages is stopped, with the wait in Retry-After', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    for (let i = 0; i < 10; i++) expect((await say(chat, token, `spam ${i}`)).status).toBe(201);
    await unchanged(async () => {
      const refused = await say(chat, token, 'mais um');
      expect(refused).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    });
    // Another visitor is not held back by the first one's flood.
    expect((await say(chat, await newVisitor(chat), 'Oi')).status).toBe(201);
  });

  it('13. a forged X-Forwarded-For buys nothing: ignored without a proxy, its first entries with one', async () => {
    const mint = (chat: Pick<Chat, 'base'>, forwardedFor: string) =>
      call(chat, 'POST', '/api/session', {
        body: {},
        headers: { 'X-Forwarded-For': forwardedFor },
      }).then((answer) => answer.status);
    const proxied = await startAccount({ trustProxy: true }, { account: 'proxied' });
    const direct = await startAccount({}, { account: 'direct' });
    await unchanged(async () => {
      for (let i = 0; i < 10; i++) await mint(proxied, '203.0.113.7');
      expect(await mint(proxied, '203.0.113.7')).toBe(429);
      // The proxy appends the address it saw: what the client wrote before it counts for nothing.
      expect(await mint(proxied, '198.51.100.1, 203.0.113.7')).toBe(429);
      expect(await mint(proxied, '198.51.100.9')).toBe(201);

      for (let i = 0; i < 10; i++) await mint(direct, `203.0.113.${i}`);
      expect(await mint(direct, '198.51.100.77')).toBe(429);
    });
  });

  it('14. one address minting visitor after visitor is stopped', async () => {
    const chat = await startAccount();
    await unchanged(async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++)
        statuses.push((await call(chat, 'POST', '/api/session', { body: {} })).status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.at(-1)).toBe(429);
    });
  });

  it('15. a sixth tab of one visitor is closed', async () => {
    const chat = await startAccount();
    const token = await newVisitor(chat);
    const tabs = [];
    for (let i = 0; i < 5; i++) tabs.push(await openSocket(chat, token));
    await unchanged(async () => {
      const sixth = new WebSocket(`ws://127.0.0.1:${chat.port}/api/live`, { origin: SITE });
      await new Promise((resolve) => sixth.once('open', resolve));
      sixth.send(JSON.stringify({ token }));
      expect(await new Promise((resolve) => sixth.once('close', resolve))).toBe(CLOSE_TOO_MANY);
    });
    for (const tab of tabs) tab.socket.close();
  });
});

describe('holding the server', () => {
  it('16. headers trickled a byte at a time (slow-loris) are cut off; a visitor is served meanwhile', async () => {
    const chat = await startLimited();
    await unchanged(async () => {
      const lorises = Array.from({ length: 3 }, () =>
        trickle(chat.port, `GET /api/config HTTP/1.1\r\nHost: x\r\nOrigin: ${SITE}\r\nX-Slow: `, {
          everyMs: 50,
        }),
      );
      const flood = await Promise.all(
        Array.from({ length: 3 }, () => liveSocket(chat.port, ATTACKER)),
      );
      const meanwhile = await call(chat, 'GET', '/api/config');
      expect(meanwhile.status).toBe(200);
      for (const ending of await Promise.all(lorises))
        expect(ending.received).toMatch(/^HTTP\/1\.1 408 /);
      for (const socket of flood) if (socket instanceof WebSocket) socket.close();
    });
  });

  it('17. a message whose body never finishes is cut off, and stores nothing', async () => {
    const chat = await startLimited();
    const token = await newVisitor(chat);
    await unchanged(async () => {
      const ending = await trickle(
        chat.port,
        `POST /api/messages HTTP/1.1\r\nHost: x\r\nOrigin: ${SITE}\r\nAuthorization: Bearer ${token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 20000\r\n\r\n{"text":"',
        { everyMs: 50 },
      );
      expect(ending.received).toMatch(/^HTTP\/1\.1 408 /);
    });
  });

  it('18. a flood of connections from one address is refused past its cap; others are served', async () => {
    const chat = await startLimited();
    const held = await Promise.all(
      Array.from({ length: 6 }, () => openConnection(chat.port, ATTACKER)),
    );
    try {
      await unchanged(async () => {
        const refused = await openConnection(chat.port, ATTACKER);
        expect(await endingOf(refused)).toEqual({ received: '' });
        expect((await call(chat, 'GET', '/api/config')).status).toBe(200);
      });
    } finally {
      for (const socket of held) socket.destroy();
    }
  });

  it('19. a flood of live sockets from one address is refused past its cap; a visitor still connects', async () => {
    const chat = await startLimited();
    const flood = await Promise.all(
      Array.from({ length: 3 }, () => liveSocket(chat.port, ATTACKER)),
    );
    try {
      await unchanged(async () => {
        expect(flood.every((socket) => socket instanceof WebSocket)).toBe(true);
        expect(await liveSocket(chat.port, ATTACKER)).toBe(429);
        const visitor = await openSocket(chat, await newVisitor(chat));
        visitor.socket.close();
      });
    } finally {
      for (const socket of flood) if (socket instanceof WebSocket) socket.close();
    }
  });
});
