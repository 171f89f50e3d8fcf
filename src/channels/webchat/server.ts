/**
 * The widget's own HTTP server: the script and stylesheet for any page, the visitor API and the
 * live socket only for the allowed websites.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectorContext } from '../connector';
import type { Asset } from './assets';
import { handleApi } from './api';
import type { WebchatConfig } from './config';
import { WidgetError } from './errors';
import { allowedOrigin, clientAddress, corsHeaders, sendError, sendJson } from './http';
import { capConnections } from '../../http/connection-limits';
import { createLimits, SERVER_LIMITS, spend, type ServerLimits } from './limits';
import { createLiveHub } from './live';
import { webchatTexts } from './texts';

export interface WebchatServerOptions {
  ctx: ConnectorContext<WebchatConfig>;
  key: Buffer;
  assets: ReadonlyMap<string, Asset>;
  /** SERVER_LIMITS unless told otherwise (tests lower them). */
  limits?: Partial<ServerLimits>;
}

export interface WebchatServer {
  /** Listens on the account's host and port; resolves with the port (0 picks a free one). */
  listen(): Promise<number>;
  /** Sends a payload to every open widget of one visitor; returns how many got it. */
  push(visitorId: string, payload: unknown): number;
  close(): Promise<void>;
}

/** Listens, turning the system's error codes into a sentence the owner can act on. */
function listenOn(server: Server, config: Pick<WebchatConfig, 'host' | 'port'>): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? webchatTexts().portInUse(config.port)
            : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
              ? webchatTexts().notThisComputer(config.host)
              : webchatTexts().cannotListen(config.host, config.port, error.message),
        ),
      );
    server.once('error', onError);
    server.listen(config.port, config.host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Checks, before an account is saved, that its address and port can be listened on. */
export async function probeAddress(config: Pick<WebchatConfig, 'host' | 'port'>): Promise<void> {
  const probe = createServer();
  await listenOn(probe, config);
  await new Promise((resolve) => probe.close(resolve));
}

/** On every answer: a browser takes each one for exactly the type it says. */
const BASE_HEADERS = { 'X-Content-Type-Options': 'nosniff' };

/** Builds the server of one account; it does not listen until `listen`. */
export function createWebchatServer(options: WebchatServerOptions): WebchatServer {
  const { ctx } = options;
  const limits = createLimits();
  const caps = { ...SERVER_LIMITS, ...options.limits };
  const allowed = new Set(ctx.config.allowedOrigins);
  const hub = createLiveHub(options.key, caps.liveSockets);
  const deps = { ctx, key: options.key, limits, now: Date.now, push: hub.push };

  function serveAsset(res: ServerResponse, asset: Asset) {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': asset.type,
      'Content-Length': asset.body.length,
      // Any page may load the script; it holds no data. A short cache lets updates through.
      'Cache-Control': 'public, max-age=300',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
    res.end(asset.body);
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, path: string) {
    const origin = allowedOrigin(req, allowed);
    if (!origin) return sendError(res, new WidgetError('origin_not_allowed'), BASE_HEADERS);
    const headers = { ...BASE_HEADERS, ...corsHeaders(origin) };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, headers);
      return res.end();
    }
    try {
      const address = clientAddress(req, ctx.config.trustProxy);
      spend(limits.perAddress, address);
      const answer = await handleApi(req, path, deps, address);
      sendJson(res, answer.status, answer.body, headers);
    } catch (error) {
      if (error instanceof WidgetError) return sendError(res, error, headers);
      ctx.log.error(`webchat/${ctx.account}: ${req.method} ${path} failed`, error);
      sendJson(res, 500, { error: { code: 'internal', message: 'Something went wrong' } }, headers);
    }
  }

  const server = createServer({
    // Slow clients must not hold sockets open: a visitor's request is small.
    headersTimeout: caps.headersTimeoutMs,
    requestTimeout: caps.requestTimeoutMs,
    connectionsCheckingInterval: caps.checkEveryMs,
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://widget').pathname;
    const asset = options.assets.get(path);
    if (asset && (req.method === 'GET' || req.method === 'HEAD')) return serveAsset(res, asset);
    if (path.startsWith('/api/')) return void serveApi(req, res, path);
    sendError(res, new WidgetError('not_found'), BASE_HEADERS);
  });
  // Behind a proxy every visitor arrives from the proxy's address: only the total can count.
  capConnections(server, {
    ...caps.connections,
    perKey: ctx.config.trustProxy ? null : caps.connections.perKey,
  });

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://widget').pathname;
    const address = clientAddress(req, ctx.config.trustProxy);
    if (path !== '/api/live' || !allowedOrigin(req, allowed)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!limits.perAddress.take(address).ok) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\n\r\n');
      return;
    }
    hub.upgrade(req, socket, head, address);
  });

  return {
    listen: () => listenOn(server, ctx.config),
    push: hub.push,
    close: () =>
      new Promise((resolve) => {
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
