/**
 * WebSockets for the network: so many open at once per address and in all, a ping that finds the
 * dead ones (a laptop closed, a phone out of signal), and a client too far behind dropped rather
 * than buffered for without end.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { openCounts, type Caps } from './connection-limits';

/** A socket that has not answered the last ping by the next one is dead, and let go. */
const HEARTBEAT_MS = 30_000;
/** A client this far behind (a frozen tab) is dropped; on reconnecting it catches up its own way. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface SocketHubOptions {
  /** The largest message a client may send; a larger one closes its socket. */
  maxPayload: number;
  /** Sockets open at once per address and in all. */
  caps: Caps;
}

export interface SocketHub {
  /** The sockets open now. */
  readonly clients: ReadonlySet<WebSocket>;
  /**
   * Takes over an upgrade the caller has already authorized, from `address`, and hands the open
   * socket to `opened`; past the caps it is refused with 429 and nothing is opened.
   */
  accept(
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    address: string,
    opened?: (client: WebSocket) => void,
  ): void;
  /** Sends `text` to `client` if it is open and keeping up (else drops it); says if it was sent. */
  send(client: WebSocket, text: string): boolean;
  /** Ends every socket and the heartbeat. */
  close(): void;
}

/** Refuses an upgrade with `status`; no HTTP response exists for it, so the answer is written raw. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\n` +
      'Connection: close\r\nContent-Length: 0\r\n\r\n',
  );
}

/** A hub of sockets within `options`. */
export function createSocketHub(options: SocketHubOptions): SocketHub {
  const server = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
  const counts = openCounts(options.caps);
  const alive = new WeakSet<WebSocket>();

  const heartbeat = setInterval(() => {
    for (const client of server.clients) {
      if (!alive.has(client)) {
        client.terminate();
        continue;
      }
      alive.delete(client);
      client.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    clients: server.clients,
    accept(request, socket, head, address, opened) {
      if (!counts.admit(address)) return refuseUpgrade(socket, 429);
      // The raw socket closes once, whether the handshake failed or the client left.
      socket.once('close', () => counts.release(address));
      server.handleUpgrade(request, socket, head, (client) => {
        alive.add(client);
        client.on('pong', () => alive.add(client));
        client.on('error', () => client.terminate());
        opened?.(client);
      });
    },
    send(client, text) {
      if (client.readyState !== client.OPEN) return false;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) {
        client.terminate();
        return false;
      }
      client.send(text);
      return true;
    },
    close() {
      clearInterval(heartbeat);
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}
