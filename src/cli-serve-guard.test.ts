/**
 * `clientela serve` outlives a promise rejected with nobody to catch it (a channel library's
 * unawaited handler), as the desktop app does: it says so and goes on serving. Run as a real
 * process, since Node ends a process on such a rejection unless it is told otherwise.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { until } from './testing/waiting';

const ROOT = join(import.meta.dirname, '..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('keeps serving after a rejection nobody caught, and says what it was', async () => {
  dir = mkdtempSync(join(tmpdir(), 'clientela-serve-'));
  const token = 'serve-guard-token-0123456789';
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './src/testing/stray-rejection.ts',
      'src/cli.ts',
      'serve',
    ].concat(['--db', join(dir, 'c.db'), '--port', '0', '--token', token]),
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const origin = await until(
      () => /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0],
      'the address',
      20_000,
    );
    child.kill('SIGUSR2');
    await until(() => err.includes('stray rejection from a channel library'), 'the report', 10_000);
    const stats = await fetch(`${origin}/api/customers/stats`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(stats.status).toBe(200);
    expect(child.exitCode).toBeNull();
  } finally {
    child.kill('SIGINT');
  }
  expect(await exited).toBe(0);
});
