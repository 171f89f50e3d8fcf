/**
 * The web chat as the tests meet it: an account started on a free port as the supervisor starts
 * it, and calls made as the widget (resources/webchat/widget.js) makes them from the shop's page:
 * its Origin, its visitor token in Authorization, its JSON bodies, its live socket.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { WebSocket } from 'ws';
import type { DomainEvent } from '../../../api/types';
import type { TestCore } from '../../../testing/fixtures';
import type { Connector } from '../../connector';
import { createConnectorContext } from '../../context';
import type { WidgetMessage } from '../api';
import { loadWidgetAssets } from '../assets';
import type { WebchatConfig } from '../config';
import { webchatDriver } from '../driver';
import type { ServerLimits } from '../limits';
import { createWebchatServer } from '../server';
import { loadVisitorKey } from '../visitors';

/** The shop's website, the one origin the test accounts allow. */
export const SITE = 'https://minhaloja.com.br';

export interface Chat {
  connector: Connector;
  base: string;
  port: number;
  account: string;
  stop(): Promise<void>;
}

const quiet = { info: () => {}, error: () => {} };

/** The accounts a test starts, to stop once it ends (`stopAll` in afterEach). */
export function startedAccounts() {
  let running: Pick<Chat, 'stop'>[] = [];
  return {
    async add<T extends Pick<Chat, 'stop'>>(starting: Promise<T>): Promise<T> {
      const chat = await starting;
      running.push(chat);
      return chat;
    },
    async stopAll(): Promise<void> {
      for (const chat of running) await chat.stop();
      running = [];
    },
  };
}

/** A connector context for a web chat account of `core`, as the supervisor makes one. */
function contextFor(
  core: TestCore,
  settings: Partial<WebchatConfig>,
  options: { account?: string; dataDir?: string },
) {
  const account = options.account ?? 'site';
  const config = webchatDriver.configSchema.parse({
    port: 0,
    allowedOrigins: [SITE],
    ...settings,
  });
  const abort = new AbortController();
  const context = createConnectorContext(core, {
    channel: 'webchat',
    account,
    config,
    secrets: {},
    dataDir: options.dataDir ?? join(core.dir, 'accounts', account),
    avatarDir: join(core.dir, 'avatars'),
    log: quiet,
    signal: abort.signal,
  });
  return { context, abort };
}

/**
 * Starts a web chat account on a free port, as the supervisor would, and reads its port from the
 * status it announces.
 */
export async function startWebchat(
  core: TestCore,
  settings: Partial<WebchatConfig> = {},
  options: { account?: string; dataDir?: string } = {},
): Promise<Chat> {
  const statuses: DomainEvent[] = [];
  const unsubscribe = core.bus.subscribe((events) => statuses.push(...events));
  const { context, abort } = contextFor(core, settings, options);
  const connector = webchatDriver.create(context);
  await connector.start();
  unsubscribe();
  const status = statuses.find((e) => e.type === 'channel.status');
  expect(status).toMatchObject({ status: 'connected' });
  const port = Number((status as { detail: string }).detail.split(':').at(-1));
  const stop = async () => {
    abort.abort();
    await connector.stop();
  };
  return { connector, base: `http://127.0.0.1:${port}`, port, account: context.account, stop };
}

/** A web chat account's server alone, with `limits` lower than the shipped ones. */
export async function startWebchatServer(
  core: TestCore,
  limits: Partial<ServerLimits>,
  settings: Partial<WebchatConfig> = {},
): Promise<Omit<Chat, 'connector'>> {
  const { context, abort } = contextFor(core, settings, {});
  const server = createWebchatServer({
    ctx: context,
    key: loadVisitorKey(context.dataDir),
    assets: loadWidgetAssets(),
    limits,
  });
  const port = await server.listen();
  const stop = async () => {
    abort.abort();
    await server.close();
  };
  return { base: `http://127.0.0.1:${port}`, port, account: context.account, stop };
}

/** What the visitor API answers. */
export interface Answer {
  token?: string;
  message?: WidgetMessage;
  messages?: WidgetMessage[];
  error?: { code: string; message: string };
}

/** What the live socket pushes. */
export interface Pushed {
  type: string;
  message?: WidgetMessage;
}

/** An answer of the visitor API, read. */
export interface Reply {
  status: number;
  headers: Headers;
  body: Answer | null;
}

/** A call as the widget on the allowed site makes it. */
export async function call(
  chat: Pick<Chat, 'base'>,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    raw?: string;
    origin?: string | null;
    headers?: Record<string, string>;
  } = {},
): Promise<Reply> {
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

/** A new visitor's token, as the widget asks for one on its first message. */
export async function newVisitor(chat: Pick<Chat, 'base'>): Promise<string> {
  const answer = await call(chat, 'POST', '/api/session', { body: {} });
  expect(answer.status).toBe(201);
  return answer.body!.token!;
}

let clientSequence = 0;

/** A message from the visitor holding `token`. */
export const say = (
  chat: Pick<Chat, 'base'>,
  token: string,
  text: string,
  profile: object = {},
): Promise<Reply> =>
  call(chat, 'POST', '/api/messages', {
    token,
    body: { text, clientId: `client-${++clientSequence}`, ...profile },
  });

/** A widget's live socket, authenticated; collects what the server pushes. */
export async function openSocket(chat: Pick<Chat, 'port'>, token: string, origin = SITE) {
  const socket = new WebSocket(`ws://127.0.0.1:${chat.port}/api/live`, { origin });
  const received: Pushed[] = [];
  socket.on('message', (data) => received.push(JSON.parse(data.toString()) as Pushed));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ token }));
  await expect.poll(() => received.some((m) => m.type === 'ready')).toBe(true);
  return { socket, received };
}
