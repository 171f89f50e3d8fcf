/** Token buckets in memory, one per key (an IP address, a visitor). */

export interface BucketOptions {
  /** How many requests may come at once. */
  capacity: number;
  /** How many come back each second. */
  refillPerSecond: number;
  now?: () => number;
}

/** Keys kept before full buckets are swept: a flood of addresses must not grow memory forever. */
const SWEEP_AT = 10_000;

export interface RateLimiter {
  /** Takes one token for `key`; when none is left, says how many seconds until one is back. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number };
}

/** A limiter that allows `capacity` requests at once and `refillPerSecond` after that. */
export function createRateLimiter(options: BucketOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();

  const level = (bucket: { tokens: number; at: number }, at: number) =>
    Math.min(options.capacity, bucket.tokens + ((at - bucket.at) / 1000) * options.refillPerSecond);

  function sweep(at: number) {
    // A bucket that has refilled is the same as no bucket.
    for (const [key, bucket] of buckets) {
      if (level(bucket, at) >= options.capacity) buckets.delete(key);
    }
  }

  return {
    take(key) {
      const at = now();
      if (buckets.size >= SWEEP_AT) sweep(at);
      const bucket = buckets.get(key) ?? { tokens: options.capacity, at };
      const tokens = level(bucket, at);
      if (tokens < 1) {
        buckets.set(key, { tokens, at });
        return { ok: false, retryAfterSeconds: Math.ceil((1 - tokens) / options.refillPerSecond) };
      }
      buckets.set(key, { tokens: tokens - 1, at });
      return { ok: true };
    },
  };
}
