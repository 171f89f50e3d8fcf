/**
 * DNS-rebinding defence: a page on an attacker's domain that resolves to this machine still
 * sends its own name in `Host` (and `Origin`), so only the names this server is really reached
 * by are accepted: loopback, the address it is bound to and, when it listens on every interface,
 * the machine's own addresses and name.
 */
import { hostname, networkInterfaces } from 'node:os';

const ANY = new Set(['0.0.0.0', '::', '']);
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

const bracket = (address: string) => (address.includes(':') ? `[${address}]` : address);

function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info !== undefined)
    .map((info) => bracket(info.address.replace(/%.*$/, '').toLowerCase()));
}

function machineNames(): string[] {
  const name = hostname().toLowerCase();
  return [name, `${name}.local`];
}

export interface HostGuard {
  /** Whether a `Host` header names this server. */
  hostAllowed(host: string | undefined): boolean;
  /** Whether an `Origin` header (absent for same-origin GETs and tools) is this server's. */
  originAllowed(origin: string | undefined): boolean;
}

/** The guard for a server bound to `bindHost` and listening on `port`. */
export function createHostGuard(bindHost: string, port: number): HostGuard {
  const everywhere = ANY.has(bindHost);
  const fixed = new Set([...LOOPBACK, bracket(bindHost.toLowerCase())]);
  let known = everywhere ? new Set([...fixed, ...machineNames(), ...interfaceAddresses()]) : fixed;

  function nameAllowed(name: string): boolean {
    if (known.has(name)) return true;
    if (!everywhere) return false;
    // The machine may have joined another network since: look again before refusing.
    known = new Set([...fixed, ...machineNames(), ...interfaceAddresses()]);
    return known.has(name);
  }

  function authorityAllowed(authority: string, scheme = 'http:'): boolean {
    let url: URL;
    try {
      url = new URL(`${scheme}//${authority}`);
    } catch {
      return false;
    }
    const urlPort = url.port === '' ? (scheme === 'https:' ? 443 : 80) : Number(url.port);
    return urlPort === port && url.username === '' && nameAllowed(url.hostname.toLowerCase());
  }

  return {
    hostAllowed: (host) => host !== undefined && authorityAllowed(host),
    originAllowed(origin) {
      if (origin === undefined) return true;
      try {
        const url = new URL(origin);
        return url.protocol === 'http:' && authorityAllowed(url.host);
      } catch {
        return false;
      }
    },
  };
}

/** The address to print for a server bound to `bindHost`: one others can type in a browser. */
export function publicAddress(bindHost: string): string {
  if (!ANY.has(bindHost)) return bracket(bindHost);
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((info) => info && info.family === 'IPv4' && !info.internal);
  return lan?.address ?? '127.0.0.1';
}
