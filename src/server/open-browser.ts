/**
 * `clientela serve` opens the inbox in the browser by itself when a person started it on a
 * desktop, with the system's own opener (no dependency): never in CI, never when its output goes
 * to a file or another program, never on a Linux without a display, never with `--no-open`.
 */
import { spawn } from 'node:child_process';

export interface OpenContext {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Whether standard output is a terminal (a person is watching). */
  interactive: boolean;
  /** `--no-open`. */
  refused: boolean;
}

/** Whether to open the browser on the address `serve` prints. */
export function shouldOpenBrowser({ platform, env, interactive, refused }: OpenContext): boolean {
  if (refused || !interactive || env['CI']) return false;
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

/** The system's opener for a web address: `open`, `xdg-open`, or Windows' URL handler. */
export function openerFor(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // Not `start`: cmd.exe would read the address's `&` as a second command.
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

/** Opens `url` in the default browser; a missing opener only means the printed address is used. */
export function openBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const [command, args] = openerFor(platform, url);
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
}
