/** How much one address and one visitor may ask of the widget's server, and for how long. */
import type { Caps } from '../../http/connection-limits';
import { HEADER_TIMEOUTS, type HttpLimits } from '../../http/server';
import { WidgetError } from './errors';
import { createRateLimiter, type RateLimiter } from './rate-limit';

export interface Limits {
  /** Every API call and socket from one address: page views are generous, floods are not. */
  perAddress: RateLimiter;
  /** New visitors from one address: each costs a customer in the list. */
  newVisitors: RateLimiter;
  /** Messages from one visitor: a person types a few quickly, never dozens. */
  messages: RateLimiter;
}

/** Open sockets at once from one address, and for one visitor (their tabs). */
export const MAX_SOCKETS_PER_ADDRESS = 50;
export const MAX_SOCKETS_PER_VISITOR = 5;

/**
 * How long one connection may take and how many may be open: the server is on the internet.
 * Connections per address count only without a proxy (behind one, every visitor has its address).
 */
export interface ServerLimits extends HttpLimits {
  /** Live sockets per address and in all. */
  liveSockets: Caps;
}

export const SERVER_LIMITS: ServerLimits = {
  ...HEADER_TIMEOUTS,
  // The whole request: a visitor's is a few kilobytes.
  requestTimeoutMs: 15_000,
  connections: { perKey: MAX_SOCKETS_PER_ADDRESS + 14, total: 600 },
  liveSockets: { perKey: MAX_SOCKETS_PER_ADDRESS, total: 500 },
};

/** The limits of one running account. */
export function createLimits(now?: () => number): Limits {
  return {
    perAddress: createRateLimiter({ capacity: 120, refillPerSecond: 2, now }),
    newVisitors: createRateLimiter({ capacity: 10, refillPerSecond: 1 / 10, now }),
    messages: createRateLimiter({ capacity: 10, refillPerSecond: 1 / 2, now }),
  };
}

/** Takes a token from a limiter, or refuses with how long to wait. */
export function spend(limiter: RateLimiter, key: string): void {
  const result = limiter.take(key);
  if (!result.ok)
    throw new WidgetError('rate_limited', undefined, {
      'Retry-After': String(result.retryAfterSeconds),
    });
}
