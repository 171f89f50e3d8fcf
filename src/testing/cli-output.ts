/** For tests of the command line: a fresh folder per test, and what the command printed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';

export interface CliRun {
  /** This test's folder, deleted after it. */
  dir: string;
  /** Lines printed to standard output and standard error, in order. */
  out: string[];
  err: string[];
}

/** Registers the hooks that give each test of the file its folder and capture what it prints. */
export function capturedCli(prefix: string): CliRun {
  const run: CliRun = { dir: '', out: [], err: [] };
  beforeEach(() => {
    run.dir = mkdtempSync(join(tmpdir(), prefix));
    run.out = [];
    run.err = [];
    vi.spyOn(console, 'log').mockImplementation((...args) => void run.out.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args) => void run.err.push(args.join(' ')));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(run.dir, { recursive: true, force: true });
  });
  return run;
}
