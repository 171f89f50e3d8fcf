// `npm start`: make sure Electron's binary and its database module exist, then build and open
// the app. Electron's binary is downloaded here, on first start, not at `npm install`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { electronSqliteBinding } from './electron-native.mjs';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));

function electronInstalled() {
  const pathFile = join(electronDir, 'path.txt');
  return (
    existsSync(pathFile) && existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8')))
  );
}

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

if (!electronInstalled()) {
  console.log(`Downloading Electron ${version} (once)...`);
  const installed = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['inherit', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (installed.status !== 0 || !electronInstalled()) {
    // The downloader's stack trace helps nobody; its first line says what went wrong.
    const reason = installed.stderr.trim().split('\n')[0] ?? 'unknown error';
    fail(
      `Clientela could not download Electron ${version} (${reason}), so the desktop window cannot open ` +
        'on this computer.\nCheck the internet connection and run `npm start` again, or run ' +
        '`npm run serve` to use Clientela in a browser instead (same data, no Electron needed).',
    );
  }
}

let binding;
try {
  binding = electronSqliteBinding(version);
} catch (error) {
  fail(`Clientela could not prepare its database module for Electron: ${error.message}`);
}

const bin = (name) =>
  join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const env = { ...process.env, CLIENTELA_SQLITE_BINDING: binding };
for (const step of [['build'], ['preview']]) {
  const result = spawnSync(bin('electron-vite'), step, {
    stdio: 'inherit',
    env,
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
