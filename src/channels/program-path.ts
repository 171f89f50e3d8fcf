/**
 * Paths of programs this computer runs for a channel (the browser WhatsApp Web runs in): only a
 * full path to a file on this computer. A network path (`\\server\share\x.exe`, `//server/x`)
 * would run whatever another machine serves, and merely looking at it hands that machine the
 * user's Windows credentials; a relative one runs whatever sits where the app happened to start.
 */
import { statSync } from 'node:fs';
import { posix } from 'node:path';
import { fieldName } from '../api/errors';
import { texts } from '../i18n/texts';

export type ProgramPathProblem = 'notFullPath' | 'onNetwork' | 'missing';

/** What is wrong with the shape of a program path on `platform`, or null; touches no disk. */
export function programPathShapeProblem(
  path: string,
  platform: NodeJS.Platform = process.platform,
): 'notFullPath' | 'onNetwork' | null {
  // Two slashes of either kind: UNC (\\server\share), its long forms (\\?\UNC\, \\.\), //server.
  if (/^[\\/]{2}/.test(path)) return 'onNetwork';
  if (platform === 'win32') return /^[A-Za-z]:[\\/]/.test(path) ? null : 'notFullPath';
  return posix.isAbsolute(path) ? null : 'notFullPath';
}

const isFile = (path: string) => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;

/** Why `path` cannot be run here (its shape is checked before the disk is), or null. */
export function programPathProblem(path: string): ProgramPathProblem | null {
  return programPathShapeProblem(path) ?? (isFile(path) ? null : 'missing');
}

/** The sentence for a problem of the program path in field `key`, in the app's language. */
export function describeProgramPathProblem(
  problem: ProgramPathProblem,
  key: string,
  path: string,
): string {
  const field = fieldName(key);
  if (problem === 'onNetwork') return texts().programOnNetwork(field, path);
  if (problem === 'notFullPath') return texts().programNotFullPath(field, path);
  return texts().programMissing(field, path);
}

/**
 * The program inside a macOS application bundle the person picked ("Google Chrome.app" runs
 * Contents/MacOS/Google Chrome, as every browser's bundle is laid out); any other path as it is.
 */
export function programInBundle(
  path: string,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform !== 'darwin' || !/\.app\/?$/.test(path)) return path;
  const bundle = path.replace(/\/$/, '');
  return posix.join(bundle, 'Contents', 'MacOS', posix.basename(bundle, '.app'));
}
