/**
 * The real `clientela` command as a process of its own, for tests that kill it. It is built once
 * per test run into one file with its SQL migrations beside it, as electron-vite builds the
 * app's main process: it starts in ~0.3 s where `node --import tsx src/cli.ts` takes ~0.8 s
 * (measured on the 2-core development machine), which decides how many kills a test can afford.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..', '..');
/**
 * One level below the root, as `src/` is: the CLI finds the built renderer at `../out/renderer`
 * from its own folder. `.tmp/` is ignored by git and by the linters.
 */
const OUT_DIR = join(ROOT, '.tmp');

let built: Promise<string> | undefined;

/** Writes by renaming a finished file, so a test file building at the same time reads no half. */
function writeWhole(file: string, contents: Uint8Array | string): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}`;
  writeFileSync(partial, contents);
  renameSync(partial, file);
}

async function buildCli(): Promise<string> {
  const file = join(OUT_DIR, 'clientela-cli.mjs');
  const result = await build({
    entryPoints: [join(ROOT, 'src', 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Libraries load from node_modules as they do for the app; only our code is bundled.
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  writeWhole(file, result.outputFiles[0]!.contents);
  // The SQL migrations beside it, where the core looks for them (src/db/open.ts).
  const migrations = join(ROOT, 'src', 'db', 'migrations');
  for (const entry of readdirSync(migrations, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const from = join(entry.parentPath, entry.name);
      writeWhole(join(OUT_DIR, 'migrations', from.slice(migrations.length)), readFileSync(from));
    }
  return file;
}

/** The path of the built command (built on the first call). */
export function builtCli(): Promise<string> {
  return (built ??= buildCli());
}

export interface CliProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
  /** Whether the process has ended. */
  done(): boolean;
  /** Waits until the output matches `pattern` (or fails naming what was printed). */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  /** SIGKILL, as a crash or a power cut to the process; true if it was still running. */
  kill(): Promise<boolean>;
}

/** Starts `clientela ARGS...`, in this process's environment unless given another. */
export async function startCli(
  args: string[],
  { env = process.env }: { env?: NodeJS.ProcessEnv } = {},
): Promise<CliProcess> {
  const cli = await builtCli();
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ended = false;
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close': the process has ended and everything it printed has been read.
  const exited = new Promise<number | string>((resolve) =>
    child.on('close', (code, signal) => {
      ended = true;
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  return {
    child,
    output: () => output,
    exited,
    done: () => ended,
    async waitFor(pattern, ms = 15_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (ended || Date.now() > deadline)
          throw new Error(
            `clientela ${ended ? 'ended' : 'went on'} without printing ${pattern}; it printed:\n${output}`,
          );
        await sleep(10);
      }
    },
    async kill() {
      if (ended) return false;
      child.kill('SIGKILL');
      return (await exited) === 'SIGKILL';
    },
  };
}

/** Runs `clientela ARGS...` to its end. */
export async function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | string; output: string }> {
  const process = await startCli(args, options);
  const code = await process.exited;
  return { code, output: process.output() };
}
