/** How much one address and one visitor may ask of the widget's server. */
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
