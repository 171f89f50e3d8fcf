/** What an in-process run of the command line prints, captured per test instead of shown. */
import { afterEach, beforeEach, vi } from 'vitest';

/** Registers the capture for the file's tests; read `out` and `err` after each run. */
export function captureConsole(): { out: string[]; err: string[] } {
  const printed = { out: [] as string[], err: [] as string[] };
  beforeEach(() => {
    printed.out.length = 0;
    printed.err.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...args) => void printed.out.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation(
      (...args) => void printed.err.push(args.join(' ')),
    );
  });
  afterEach(() => vi.restoreAllMocks());
  return printed;
}
