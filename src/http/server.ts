/**
 * A server for the network (host mode, the web chat): Node's own HTTP server with its timeouts
 * set for a client that means harm, and its connections capped before a byte is read.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { capConnections, type Caps } from './connection-limits';

/** How long one client may hold the server, and how many connections it holds at once. */
export interface HttpLimits {
  /** The headers must have arrived by then (408): a slow-loris trickles them a byte at a time. */
  headersTimeoutMs: number;
  /** The whole request, body included (408). */
  requestTimeoutMs: number;
  /** How often open requests are checked against those two. */
  checkEveryMs: number;
  /** Connections per client address and in all, under what the process can hold open. */
  connections: Caps;
}

/**
 * The timeouts both servers take alike. Node's own defaults are 60 s for the headers and 300 s
 * for the request, checked every 30 s; a browser sends its headers in one packet, so 10 s is
 * plenty, and an attacker holding sockets open is cut off within a second of it.
 */
export const HEADER_TIMEOUTS = {
  headersTimeoutMs: 10_000,
  checkEveryMs: 1_000,
} as const satisfies Partial<HttpLimits>;

/** A server within `limits`; it listens once `listen` is called. */
export function createHttpServer(limits: HttpLimits): Server {
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: limits.checkEveryMs,
  });
  capConnections(server, limits.connections);
  return server;
}

/** Listens on `host`:`port` (0 picks a free port); resolves with the port, or rejects with why not. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and ends every open connection (kept-alive ones too) at once. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
