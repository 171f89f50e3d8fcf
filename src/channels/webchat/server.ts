/**
 * The widget's own HTTP server: the script and stylesheet for any page, the visitor API and the
 * live socket only for the allowed websites.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { sendFile, type StaticFile } from '../../http/files';
import { sendError, sendJson, type ErrorAnswer } from '../../http/json';
import { clientAddress, requestUrl } from '../../http/request';
import { closeServer, createHttpServer, listen } from '../../http/server';
import { refuseUpgrade } from '../../http/sockets';
import type { ConnectorContext } from '../connector';
import { handleApi } from './api';
import type { WebchatConfig } from './config';
import { WidgetError } from './errors';
import { allowedOrigin, corsHeaders } from './http';
import { createLimits, SERVER_LIMITS, spend, type ServerLimits } from './limits';
import { createLiveHub } from './live';
import { webchatTexts } from './texts';

export interface WebchatServerOptions {
  ctx: ConnectorContext<WebchatConfig>;
  key: Buffer;
  assets: ReadonlyMap<string, StaticFile>;
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
async function listenOn(
  server: Server,
  config: Pick<WebchatConfig, 'host' | 'port'>,
): Promise<number> {
  try {
    return await listen(server, config.port, config.host);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new Error(
      code === 'EADDRINUSE'
        ? webchatTexts().portInUse(config.port)
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? webchatTexts().notThisComputer(config.host)
          : webchatTexts().cannotListen(config.host, config.port, message),
      { cause: error },
    );
  }
}

/** Checks, before an account is saved, that its address and port can be listened on. */
export async function probeAddress(config: Pick<WebchatConfig, 'host' | 'port'>): Promise<void> {
  const probe = createServer();
  await listenOn(probe, config);
  await new Promise((resolve) => probe.close(resolve));
}

/**
 * Any page may load the script; it holds no data. Its name has no hash (the owner pasted it into
 * the website), so a browser checks it at every page view, a 304 while it is unchanged, and an
 * update reaches every visitor at once.
 */
const ASSET_HEADERS = {
  'Cache-Control': 'no-cache',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** Builds the server of one account; it does not listen until `listen`. */
export function createWebchatServer(options: WebchatServerOptions): WebchatServer {
  const { ctx } = options;
  const limits = createLimits();
  const caps = { ...SERVER_LIMITS, ...options.limits };
  const allowed = new Set(ctx.config.allowedOrigins);
  const hub = createLiveHub(options.key, caps.liveSockets);
  const deps = { ctx, key: options.key, limits, now: Date.now, push: hub.push };

  /** How a failed request is answered, with the headers of its route. */
  const failed = (req: IncomingMessage, headers: Record<string, string> = {}): ErrorAnswer => ({
    headers,
    log: (error) =>
      ctx.log.error(
        `webchat/${ctx.account}: ${req.method} ${requestUrl(req).pathname} failed`,
        error,
      ),
    internal: 'Something went wrong',
  });

  async function serveApi(req: IncomingMessage, res: ServerResponse, path: string) {
    const origin = allowedOrigin(req, allowed);
    if (!origin) return sendError(res, new WidgetError('origin_not_allowed'), failed(req));
    const headers = corsHeaders(origin);
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
      sendError(res, error, failed(req, headers));
    }
  }

  // Behind a proxy every visitor arrives from the proxy's address: only the total can count.
  const perKey = ctx.config.trustProxy ? null : caps.connections.perKey;
  const server = createHttpServer({ ...caps, connections: { ...caps.connections, perKey } });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // On every answer: a browser takes each one for exactly the type it says.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const path = requestUrl(req).pathname;
    const asset = options.assets.get(path);
    if (asset && (req.method === 'GET' || req.method === 'HEAD'))
      return void sendFile(req, res, asset, ASSET_HEADERS).catch((error: unknown) =>
        sendError(res, error, failed(req)),
      );
    if (path.startsWith('/api/')) return void serveApi(req, res, path);
    sendError(res, new WidgetError('not_found'), failed(req));
  });

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const path = requestUrl(req).pathname;
    const address = clientAddress(req, ctx.config.trustProxy);
    if (path !== '/api/live' || !allowedOrigin(req, allowed)) return refuseUpgrade(socket, 403);
    if (!limits.perAddress.take(address).ok) return refuseUpgrade(socket, 429);
    hub.upgrade(req, socket, head, address);
  });

  return {
    listen: () => listenOn(server, ctx.config),
    push: hub.push,
    close() {
      hub.close();
      return closeServer(server);
    },
  };
}
