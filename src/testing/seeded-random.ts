/**
 * Repeatable randomness for tests that choose when to kill a process or what to send: each run
 * draws a new seed and says it when it fails; CLIENTELA_SEED=<seed> replays that run's choices.
 */

export interface Random {
  seed: number;
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** Mulberry32: small, fast, and enough to spread kills and messages. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
  };
}

/** This run's seed: CLIENTELA_SEED when given (to replay a failure), else a fresh one. */
export function testSeed(): number {
  const given = process.env.CLIENTELA_SEED;
  return given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
}

/** Runs `work`; a failure's message starts with the seed that replays it. */
export async function withSeed<T>(seed: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error)
      error.message = `[replay with CLIENTELA_SEED=${seed}] ${error.message}`;
    throw error;
  }
}
