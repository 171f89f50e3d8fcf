/**
 * Waiting on WhatsApp Web. Each library call is a round trip into the page, under puppeteer's
 * 180-second protocol timeout: a lookup gets a bound of its own, so a page that hangs delays one
 * message by seconds, not every message by minutes. Requests that add up (a picture per chat of
 * the history import) are spaced out, as a person scrolling the chat list would ask for them.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** How long one lookup of a person (contact, number, picture address) may take. */
export const LOOKUP_TIMEOUT_MS = 10_000;

/** `work`'s answer, or `fallback` when it fails or takes longer than `ms` (the call goes on). */
export function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  return Promise.race([work.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

/** A gate that lets callers through one by one, at least `gapMs` apart, in the order they came. */
export function pacer(gapMs: number): () => Promise<void> {
  let next = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + gapMs;
    if (at > now) await sleep(at - now);
  };
}

/** Work in lanes: each lane's work in order, different lanes side by side (one lane per chat). */
export function lanes() {
  const tails = new Map<string, Promise<void>>();
  return {
    /** Queues `work` behind the lane's earlier work; `work` must not reject. */
    add(lane: string, work: () => Promise<void>): void {
      const tail = (tails.get(lane) ?? Promise.resolve()).then(work);
      tails.set(lane, tail);
      const done = () => {
        if (tails.get(lane) === tail) tails.delete(lane);
      };
      void tail.then(done, done);
    },
    /** Resolves once the work queued so far is done. */
    async settled(): Promise<void> {
      await Promise.allSettled([...tails.values()]);
    },
  };
}
