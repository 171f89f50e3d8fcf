import { homedir } from 'node:os';
import { join } from 'node:path';
import { ownerOnlyFolder } from '../shared/owner-only';

/**
 * The desktop app's database file, found where Electron puts the app's user-data folder
 * (`app.getPath('userData')`), so `clientela serve` without `--db` opens the same inbox.
 */
export function desktopDatabaseFile(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const appData =
    platform === 'win32'
      ? (env['APPDATA'] ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env['XDG_CONFIG_HOME'] ?? join(home, '.config'));
  const folder = join(appData, 'Clientela');
  ownerOnlyFolder(folder);
  return join(folder, 'clientela.db');
}
