/**
 * `/api/events`: the core's domain events pushed to every open page over a WebSocket, one
 * message per commit: `{"type":"events","events":[...]}`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventBus } from '../events/event-bus';
import { openCounts, type Caps } from '../shared/connection-limits';

/** A page this far behind (a frozen tab) is dropped; on reconnecting it fetches everything. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Dead connections (a laptop closed mid-session) are noticed and let go. */
const HEARTBEAT_MS = 30_000;

/** Closed with this code when the access token is replaced: the page must be opened anew. */
export const CLOSE_TOKEN_REPLACED = 4401;

/** A page per tab: an agent with a dozen tabs is normal, a hundred sockets is a flood. */
export const EVENTS_SOCKET_CAPS: Caps = { perKey: 20, total: 200 };

export interface EventsSocket {
  /**
   * Takes over an HTTP upgrade the caller has already authorized, from `address`; past the caps
   * it is refused with 429 and nothing is opened.
   */
  accept(request: IncomingMessage, socket: Duplex, head: Buffer, address: string): void;
  /** Closes every open page's socket (their token is no longer valid). */
  closeAll(): void;
  close(): void;
}

/** Events of `bus`, to every connected page. */
export function createEventsSocket(bus: EventBus, caps: Caps = EVENTS_SOCKET_CAPS): EventsSocket {
  const server = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 });
  const alive = new WeakSet<WebSocket>();
  const counts = openCounts(caps);

  const unsubscribe = bus.subscribe((events) => {
    if (server.clients.size === 0) return;
    const message = JSON.stringify({ type: 'events', events });
    for (const client of server.clients) {
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) client.terminate();
      else if (client.readyState === client.OPEN) client.send(message);
    }
  });

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

  server.on('connection', (client) => {
    alive.add(client);
    client.on('pong', () => alive.add(client));
    // The page only listens; whatever it sends is ignored.
    client.on('error', () => client.terminate());
  });

  return {
    accept(request, socket, head, address) {
      if (!counts.admit(address)) {
        socket.end(
          'HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
        );
        return;
      }
      // The page's socket and the raw one are the same: it closes once, whatever ends it.
      socket.once('close', () => counts.release(address));
      server.handleUpgrade(request, socket, head, (client) =>
        server.emit('connection', client, request),
      );
    },
    closeAll() {
      // Closing: nothing more is sent to them, even before they answer the close.
      for (const client of server.clients) client.close(CLOSE_TOKEN_REPLACED, 'token replaced');
    },
    close() {
      unsubscribe();
      clearInterval(heartbeat);
      for (const client of server.clients) client.terminate();
      server.close();
    },
  };
}
