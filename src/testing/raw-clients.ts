/**
 * Clients that misbehave on purpose, for the attack tests of the network-facing servers (host
 * mode, the web chat): a slow-loris that trickles its headers or never finishes its body, floods
 * of connections and sockets, and plain requests from a chosen local address, so that "another
 * client" is really another address (Linux answers on all of 127.0.0.0/8).
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** The attacker's address; the tests' normal requests come from 127.0.0.1. */
export const ATTACKER = '127.0.0.2';

/** Timeouts low enough for a test to see them act (the servers' own are seconds). */
export const QUICK_TIMEOUTS = { headersTimeoutMs: 400, requestTimeoutMs: 800, checkEveryMs: 50 };

/** Caps low enough to reach in a test: 6 connections and 3 sockets from one address. */
export const SMALL_CAPS = {
  connections: { perKey: 6, total: 64 },
  sockets: { perKey: 3, total: 32 },
};

/** A TCP connection to `port` from `localAddress`, once connected. */
export function openConnection(port: number, localAddress = ATTACKER): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** What the server wrote on a connection before closing it. */
export interface Ending {
  received: string;
}

/** Resolves when `socket` closes (the tests never close these themselves), with what came. */
export function endingOf(socket: Socket): Promise<Ending> {
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  // A reset is an ending like any other.
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.once('close', () => resolve({ received })));
}

/**
 * Sends `head` (a request line and some headers, or a whole request with a body), then one byte
 * of more every `everyMs` until the server closes the connection; resolves with how it ended.
 */
export async function trickle(
  port: number,
  head: string,
  options: { everyMs?: number; localAddress?: string } = {},
): Promise<Ending> {
  const socket = await openConnection(port, options.localAddress);
  const ended = endingOf(socket);
  socket.write(head);
  let open = true;
  void ended.then(() => (open = false));
  void (async () => {
    while (open) {
      await sleep(options.everyMs ?? 200);
      if (open && !socket.destroyed) socket.write('a');
    }
  })();
  return ended;
}

/** A plain request from `localAddress`, its answer read whole. */
export function requestFrom(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    localAddress?: string;
  } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress ?? '127.0.0.1',
        agent: false,
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, body }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * A request for `path` exactly as written (`..` and `%2e%2e` included: a URL would have
 * resolved them before sending), its answer's bytes as they came, nothing decompressed.
 */
export function exactRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
