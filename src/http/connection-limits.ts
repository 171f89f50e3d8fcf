/**
 * How many connections a network-facing server (host mode, the web chat) holds at once. One
 * address that opens too many (a slow-loris, a flood of sockets) is refused more, so the others
 * are still served; the total is capped below what the process can hold open, so even many
 * addresses together cannot starve it.
 */
import type { Server, Socket } from 'node:net';

export interface Caps {
  /** Open at once for one key (an address); null: no cap per key (behind a proxy, all share one). */
  perKey: number | null;
  /** Open at once in all. */
  total: number;
}

export interface OpenCounts {
  /** Counts one more for `key` and says true, or says false when a cap is reached. */
  admit(key: string): boolean;
  /** Counts one fewer for `key` (one admitted earlier has closed). */
  release(key: string): void;
}

/** Counts what is open, by key and in all, against `caps`. */
export function openCounts(caps: Caps): OpenCounts {
  const open = new Map<string, number>();
  let total = 0;
  return {
    admit(key) {
      const mine = open.get(key) ?? 0;
      if (total >= caps.total || (caps.perKey !== null && mine >= caps.perKey)) return false;
      total += 1;
      open.set(key, mine + 1);
      return true;
    },
    release(key) {
      total -= 1;
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    },
  };
}

/**
 * Makes `server` close, before reading a byte, any connection past its caps by remote address;
 * the HTTP client sees the connection reset.
 */
export function capConnections(server: Server, caps: Caps): void {
  const counts = openCounts(caps);
  // Before the HTTP server's own listener: a refused socket is gone before it is parsed.
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    if (!counts.admit(address)) {
      socket.destroy();
      return;
    }
    socket.once('close', () => counts.release(address));
  });
}
