/**
 * Host mode: the core served over HTTP to browsers, for agents without the desktop app and for
 * the end-to-end tests. The built renderer, the API (REST paths and RPC over the handler table),
 * the event WebSocket and the avatar cache, all behind one token and the Host/Origin check.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Handlers } from '../api/invoke';
import { createHandlers, type HandlerTables } from '../handlers';
import { avatarDirFor } from '../channels/avatars';
import type { ChannelService } from '../channels/service';
import type { Core } from '../core';
import {
  newToken,
  presentedToken,
  sameToken,
  tokenCookie,
  tokenProblem,
  type TokenSource,
} from './auth';
import type { Caps } from '../http/connection-limits';
import { HttpError } from '../http/json';
import { clientAddress, requestUrl } from '../http/request';
import { createRouter } from '../http/router';
import {
  closeServer,
  createHttpServer,
  HEADER_TIMEOUTS,
  listen,
  type HttpLimits,
} from '../http/server';
import { refuseUpgrade } from '../http/sockets';
import { exportDownload } from './export-download';
import { personalDataDownload } from './personal-data-download';
import { createEventsSocket, EVENTS_SOCKET_CAPS } from './events-socket';
import { createHostGuard, publicAddress } from './host-guard';
import { sendFailure } from './http-io';
import { restRoutes } from './rest-routes';
import { appFiles, avatarFiles } from './static-files';
import { texts } from '../i18n/texts';

/** The port host mode listens on unless told otherwise (`serve`, and the desktop app's switch). */
export const DEFAULT_HOST_PORT = 5180;

/** How long and how much one client may hold the server. */
export interface HostLimits extends HttpLimits {
  /** Event sockets (/api/events) per client address and in all. */
  eventSockets: Caps;
}

export const HOST_LIMITS: HostLimits = {
  ...HEADER_TIMEOUTS,
  // The whole request: 256 MB (the largest import) arrives in two minutes at 20 Mbit/s.
  requestTimeoutMs: 120_000,
  // A browser opens six, plus a socket per tab.
  connections: { perKey: 32, total: 256 },
  eventSockets: EVENTS_SOCKET_CAPS,
};

export interface HostServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where to listen: 127.0.0.1 (this computer only) unless told; 0.0.0.0 opens it to the network. */
  host?: string;
  /** A random one is made when absent. */
  token?: string;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** The profile-picture cache; by default the one beside the database file. */
  avatarDir?: string;
  log?: (message: string, error?: unknown) => void;
  /** The running channel service, so the API's channels.* see the live connectors. */
  channels?: ChannelService;
  /**
   * A workspace's handler tables (the demo's switch included); host mode serves their `network`
   * one. Built over `core` and `channels` when absent.
   */
  handlers?: HandlerTables;
  /** HOST_LIMITS unless told otherwise (tests lower them). */
  limits?: Partial<HostLimits>;
}

export interface HostServer {
  /** The address to open, token included: show it once, to the person who started the server. */
  readonly url: string;
  readonly token: string;
  port: number;
  /**
   * Serves another database from now on (the demo, and back), on the same address and token.
   * Open event streams are closed, so every page reconnects to the new one and reloads its lists.
   */
  switchTo(core: Core, handlers: HandlerTables): void;
  /**
   * Replaces the access token at once: the old one, and every cookie made from it, are refused
   * from the next request on, and the pages' event sockets opened with it are closed.
   */
  replaceToken(token: string): void;
  close(): Promise<void>;
}

const REFUSED_PAGE = `<!doctype html><meta charset="utf-8"><title>Clientela</title>
<p>Abra o endereço que o Clientela mostrou, com o token de acesso.</p>
<p>Open the address Clientela printed, with its access token.</p>`;

/** Starts host mode over `core`; resolves once it is listening. */
export async function createHostServer(
  core: Core,
  options: HostServerOptions,
): Promise<HostServer> {
  let token = options.token ?? newToken();
  const problem = tokenProblem(token);
  if (problem) throw new Error(problem);
  const bindHost = options.host ?? '127.0.0.1';
  const log =
    options.log ?? ((message, error) => console.error(`clientela: ${message}`, error ?? ''));
  const limits = { ...HOST_LIMITS, ...options.limits };

  const server = createHttpServer(limits);
  const port = await listen(server, options.port, bindHost);
  const guard = createHostGuard(bindHost, port);
  const files = appFiles(options.staticDir);
  /** What depends on the open database: its events, its API, its files. */
  const mount = (core: Core, handlers: Handlers, avatarDir: string) => ({
    events: createEventsSocket(core.bus, limits.eventSockets),
    route: createRouter([
      ['GET', '/api/customers/export.csv', exportDownload(core, 'csv')],
      ['GET', '/api/customers/export.xlsx', exportDownload(core, 'xlsx')],
      ['GET', '/api/customers/:id/export.zip', personalDataDownload(core)],
      ['GET', '/api/avatars/:file', avatarFiles(avatarDir)],
      ...restRoutes(handlers),
    ]),
  });
  // Whoever reaches this server calls over the network: what only the computer itself may change
  // is refused, so only a `network` table is ever served.
  let mounted = mount(
    core,
    options.handlers?.network ?? createHandlers(core, options.channels, { from: 'network' }),
    options.avatarDir ?? avatarDirFor(core.db.name),
  );

  /** Right name, right origin, right token; returns where the token came from, or throws why not. */
  function admit(request: IncomingMessage, url: URL): TokenSource {
    if (!guard.hostAllowed(request.headers.host))
      throw new HttpError(403, 'forbidden', 'This server is not reached by that name');
    if (!guard.originAllowed(request.headers.origin))
      throw new HttpError(403, 'forbidden', 'Requests from other sites are refused');
    const presented = presentedToken(request, url, port);
    if (!presented || !sameToken(presented.token, token))
      throw new HttpError(401, 'unauthorized', texts().tokenNeeded);
    return presented.source;
  }

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
  ): Promise<void> {
    const isApi = url.pathname.startsWith('/api/');
    let source: TokenSource;
    try {
      source = admit(request, url);
    } catch (error) {
      if (isApi || !(error instanceof HttpError)) throw error;
      response.writeHead(error.status, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(REFUSED_PAGE);
      return;
    }
    if (source === 'query') {
      response.setHeader('Set-Cookie', tokenCookie(port, token));
      // The token leaves the address bar (and the history) at once; the cookie carries it now.
      if (!isApi && request.method === 'GET') {
        url.searchParams.delete('token');
        response.writeHead(303, { Location: url.pathname + url.search });
        response.end();
        return;
      }
    }
    if (isApi) {
      const match = mounted.route(request.method ?? '', url.pathname);
      if (match === null) throw new HttpError(404, 'not_found', `No API at ${url.pathname}`);
      if (match === 'wrong_verb')
        throw new HttpError(405, 'method_not_allowed', `${request.method} is not allowed here`);
      await match.handler({ request, response, url, params: match.params });
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD')
      throw new HttpError(405, 'method_not_allowed', `${request.method} is not allowed here`);
    await files(request, response, url.pathname);
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('X-Frame-Options', 'DENY');
    const url = requestUrl(request);
    handle(request, response, url).catch((error: unknown) => sendFailure(response, error, log));
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(request);
    let status = 404;
    try {
      admit(request, url);
      if (url.pathname === '/api/events')
        return mounted.events.accept(request, socket, head, clientAddress(request));
    } catch (error) {
      status = error instanceof HttpError ? error.status : 500;
    }
    refuseUpgrade(socket, status);
  });

  return {
    get url() {
      return `http://${publicAddress(bindHost)}:${port}/?token=${encodeURIComponent(token)}`;
    },
    get token() {
      return token;
    },
    port,
    switchTo(next, handlers) {
      const before = mounted;
      mounted = mount(next, handlers.network, avatarDirFor(next.db.name));
      before.events.close();
    },
    replaceToken(next) {
      const problem = tokenProblem(next);
      if (problem) throw new Error(problem);
      token = next;
      mounted.events.closeAll();
    },
    close() {
      mounted.events.close();
      return closeServer(server);
    },
  };
}
