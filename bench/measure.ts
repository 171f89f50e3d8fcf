/** Timing helpers: medians over repeated runs, never assertions. */

export interface Timing {
  median: number;
  p95: number;
}

/** Runs `fn` `runs` times (after one warm-up) and returns median and p95 in milliseconds. */
export function time(fn: () => unknown, runs = 30): Timing {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    median: samples[Math.floor(samples.length / 2)]!,
    p95: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))]!,
  };
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
export const perSecond = (count: number, millis: number) => Math.round((count / millis) * 1000);
export const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;
