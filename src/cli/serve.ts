/** `serve` (host mode) and `token rotate`. */
import { existsSync } from 'node:fs';
import type { Settings } from '../api/contract';
import { join } from 'node:path';
import { createFileSecretStore, secretsFileFor } from '../channels/secrets';
import { createChannelService } from '../channels/service';
import { desktopDatabaseFile } from '../server/desktop-database';
import { tokenProblem } from '../server/auth';
import { DEFAULT_HOST_PORT, type HostServer } from '../server/host-server';
import { hostToken, replaceHostToken, storedHostToken } from '../server/host-token';
import { openBrowser, shouldOpenBrowser } from '../server/open-browser';
import { serveWorkspace } from '../server/serve-workspace';
import { settingsFromEnvironment } from '../settings/environment';
import { openWorkspace } from '../workspace/workspace';
import { openFile, UsageError, type Args } from './args';

/** How often `serve` looks for a token replaced by `token rotate`: as often as for accounts. */
export const TOKEN_RECHECK_MS = 5_000;

/** Resolves when the process is asked to stop (Ctrl+C, or a service manager's SIGTERM). */
function stopRequested(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** The secret store beside the database: channel secrets, and host mode's token. */
const secretsBeside = (db: string) => createFileSecretStore(secretsFileFor(db));

/**
 * Follows a token replaced by `token rotate` (another process) into the running server, and
 * prints the new address; returns the function that stops following.
 */
function followStoredToken(server: HostServer, store: ReturnType<typeof secretsBeside>) {
  const timer = setInterval(() => {
    void storedHostToken(store).then((stored) => {
      if (!stored || stored === server.token) return;
      server.replaceToken(stored);
      console.log(`The access token was replaced. The new address:\n\n  ${server.url}\n`);
    });
  }, TOKEN_RECHECK_MS);
  return () => clearInterval(timer);
}

/**
 * Host mode: serves the inbox to browsers until stopped; the address is printed once.
 * `rendererDir`: the built renderer (`npm run build`).
 */
export async function serve(args: Args, rendererDir: string): Promise<number> {
  const v = args.values;
  v.db ??= desktopDatabaseFile();
  const port = Number(v.port ?? DEFAULT_HOST_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError('--port must be a number from 0 to 65535');
  const problem = v.token === undefined ? null : tokenProblem(v.token);
  if (problem) throw new UsageError(problem);
  if (!existsSync(join(rendererDir, 'index.html')))
    throw new UsageError('the app is not built: run `npm run build` first (npm run serve does)');
  const { overrides, problems } = settingsFromEnvironment(process.env);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  const workspace = openWorkspace({
    file: v.db,
    open: (file) => openFile(file, overrides),
    channels: (core) => createChannelService(core),
  });
  // A channel library may reject a promise nobody awaits (whatsapp-web.js re-injecting itself into
  // a browser it closed): host mode reports it and goes on serving, as the desktop app does.
  const stray = (reason: unknown) => console.error('clientela: unexpected error:', reason);
  process.on('unhandledRejection', stray);
  const store = secretsBeside(v.db);
  try {
    // Kept beside the database, so the address the agents saved works after a restart.
    const token = v.token ? await replaceHostToken(store, v.token) : await hostToken(store);
    const server = await serveWorkspace(workspace, {
      port,
      host: v.host,
      token,
      staticDir: rendererDir,
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') throw new UsageError(`port ${port} is already in use`);
      if (error.code === 'EADDRNOTAVAIL')
        throw new UsageError(`${v.host} is not an address of this machine`);
      if (!error.code) throw new UsageError(error.message);
      throw error;
    });
    // Channel connectors start once the server is listening, so their first events are seen.
    await workspace.start();
    const fixed = Object.entries(overrides.fixedBy).map(
      ([setting, variable]) => `${variable}=${overrides.values[setting as keyof Settings]}`,
    );
    if (fixed.length > 0)
      console.log(`Set by the environment while this runs, and not saved: ${fixed.join(', ')}.`);
    console.log(
      `Clientela is serving ${v.db}. Open this address (it holds the access token; share it only ` +
        `with your team):\n\n  ${server.url}\n\nCtrl+C stops the server.`,
    );
    const context = {
      platform: process.platform,
      env: process.env,
      interactive: process.stdout.isTTY === true,
      refused: v['no-open'] === true,
    };
    if (shouldOpenBrowser(context)) openBrowser(server.url);
    const unfollow = followStoredToken(server, store);
    await stopRequested();
    unfollow();
    await server.close();
  } finally {
    process.off('unhandledRejection', stray);
    await workspace.close();
  }
  return 0;
}

/** `token rotate`: a new host-mode token beside the database; `serve` switches to it. */
export async function rotateToken(args: Args): Promise<number> {
  const db = args.values.db ?? desktopDatabaseFile();
  const token = await replaceHostToken(secretsBeside(db));
  console.log(
    `The access token of host mode for ${db} was replaced. The old address, and every agent ` +
      `signed in with it, stop working; a running \`clientela serve\` switches within ` +
      `${TOKEN_RECHECK_MS / 1000} seconds and prints its new address. The new token:\n\n  ${token}\n`,
  );
  return 0;
}
