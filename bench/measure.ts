/** Timing and memory helpers: medians over repeated runs, peaks from the kernel, no assertions. */
import { readFileSync, writeFileSync } from 'node:fs';

export interface Timing {
  median: number;
  p95: number;
  runs: number;
}

/** Runs `fn` `runs` times after one warm-up run; median and p95 in milliseconds. */
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
    p95: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)]!,
    runs,
  };
}

/** Milliseconds of CPU (user + system) this process used since `start` (a `process.cpuUsage()`). */
export function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** A field of /proc/self/status in bytes (Linux), or null elsewhere. */
function statusBytes(field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync('/proc/self/status', 'utf8'),
    );
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Peak resident memory of this process since it started or since the last `resetPeak()`:
 * the kernel's high-water mark, which sees what a timer sampling between synchronous calls misses.
 */
export function peakRss(): number {
  return statusBytes('VmHWM') ?? process.resourceUsage().maxRSS * 1024;
}

/** Starts a new peak-memory window (Linux: writing 5 to clear_refs resets VmHWM). */
export function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** Samples RSS every `everyMs` while the event loop turns; `stop()` returns the highest seen. */
export function sampleRss(everyMs = 50): { stop(): number } {
  let max = process.memoryUsage().rss;
  const timer = setInterval(() => {
    max = Math.max(max, process.memoryUsage().rss);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(max, process.memoryUsage().rss);
    },
  };
}

export const ms = (value: number) =>
  `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en')} ms`;
export const seconds = (millis: number) => `${(millis / 1000).toFixed(1)} s`;
export const perSecond = (count: number, millis: number) => Math.round((count / millis) * 1000);
export const mb = (bytes: number) => `${Math.round(bytes / 1_048_576).toLocaleString('en')} MB`;
export const int = (n: number) => n.toLocaleString('en');
