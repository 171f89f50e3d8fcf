/**
 * Live replies: each open widget holds a WebSocket on /api/live. A socket proves its visitor with
 * the token in its first frame (browsers cannot put headers on a WebSocket, and a token in the
 * address would end up in proxy logs); until then it receives nothing.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Caps } from '../../http/connection-limits';
import { createSocketHub } from '../../http/sockets';
import { MAX_SOCKETS_PER_VISITOR, SERVER_LIMITS } from './limits';
import { visitorOf } from './visitors';

/** Close codes the widget understands. */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_TOO_MANY = 4429;

const AUTH_TIMEOUT_MS = 10_000;

export interface LiveHub {
  /** Takes over an HTTP upgrade already checked for origin and rate. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, address: string): void;
  /** Sends a JSON payload to every open widget of one visitor; returns how many got it. */
  push(visitorId: string, payload: unknown): number;
  close(): void;
}

/** The hub of one account's live sockets, grouped by visitor, within `caps` by address. */
export function createLiveHub(key: Buffer, caps: Caps = SERVER_LIMITS.liveSockets): LiveHub {
  // A widget sends one frame, its token.
  const hub = createSocketHub({ maxPayload: 1024, caps });
  const byVisitor = new Map<string, Set<WebSocket>>();

  function attach(socket: WebSocket) {
    let visitorId: string | null = null;
    const timer = setTimeout(() => socket.close(CLOSE_UNAUTHORIZED, 'no token'), AUTH_TIMEOUT_MS);

    socket.on('message', (data) => {
      if (visitorId) return; // the first frame is the only one a widget sends
      clearTimeout(timer);
      let token: unknown;
      try {
        token = (JSON.parse(data.toString()) as { token?: unknown }).token;
      } catch {
        // an unreadable frame is an unknown visitor
      }
      const id = typeof token === 'string' ? visitorOf(key, token) : null;
      if (!id) return socket.close(CLOSE_UNAUTHORIZED, 'unknown visitor');
      const sockets = byVisitor.get(id) ?? new Set();
      if (sockets.size >= MAX_SOCKETS_PER_VISITOR)
        return socket.close(CLOSE_TOO_MANY, 'too many tabs');
      visitorId = id;
      sockets.add(socket);
      byVisitor.set(id, sockets);
      socket.send(JSON.stringify({ type: 'ready' }));
    });

    socket.on('close', () => {
      clearTimeout(timer);
      if (!visitorId) return;
      const sockets = byVisitor.get(visitorId);
      sockets?.delete(socket);
      if (sockets?.size === 0) byVisitor.delete(visitorId);
    });
  }

  return {
    upgrade: (req, socket, head, address) => hub.accept(req, socket, head, address, attach),
    push(visitorId, payload) {
      const text = JSON.stringify(payload);
      let reached = 0;
      for (const socket of byVisitor.get(visitorId) ?? []) if (hub.send(socket, text)) reached++;
      return reached;
    },
    close() {
      hub.close();
      byVisitor.clear();
    },
  };
}
