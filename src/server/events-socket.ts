/**
 * `/api/events`: the core's domain events pushed to every open page over a WebSocket, one
 * message per commit: `{"type":"events","events":[...]}`.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EventBus } from '../events/event-bus';
import type { Caps } from '../http/connection-limits';
import { createSocketHub } from '../http/sockets';

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
  // The page only listens: what it sends is never read, and a few kilobytes close its socket.
  const hub = createSocketHub({ maxPayload: 4 * 1024, caps });

  const unsubscribe = bus.subscribe((events) => {
    if (hub.clients.size === 0) return;
    const message = JSON.stringify({ type: 'events', events });
    // A page dropped for falling behind fetches everything again when it reconnects.
    for (const client of hub.clients) hub.send(client, message);
  });

  return {
    accept: (request, socket, head, address) => hub.accept(request, socket, head, address),
    closeAll() {
      // Closing: nothing more is sent to them, even before they answer the close.
      for (const client of hub.clients) client.close(CLOSE_TOKEN_REPLACED, 'token replaced');
    },
    close() {
      unsubscribe();
      hub.close();
    },
  };
}
