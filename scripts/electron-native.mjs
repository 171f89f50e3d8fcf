// better-sqlite3 is a native module built for one ABI. `npm install` builds it for Node (tests,
// command line); Electron needs its own build. We keep that one beside the Node one, in
// .native/electron-<version>/, and hand its path to the app, so neither runtime breaks the other.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/** Path of better-sqlite3 built for this Electron version, building it the first time. */
export function electronSqliteBinding(electronVersion) {
  const target = resolve('.native', `electron-${electronVersion}`, 'better_sqlite3.node');
  if (existsSync(target)) return target;
  console.log(
    `Building the database module for Electron ${electronVersion} (once, about a minute)...`,
  );
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const work = mkdtempSync(join(tmpdir(), 'clientela-sqlite-'));
  try {
    cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${source}/build`) });
    // A prebuilt binary for Electron when one can be downloaded, else a build from source
    // against Electron's headers.
    const prebuilt = run(
      process.execPath,
      [
        require.resolve('prebuild-install/bin.js'),
        '--runtime=electron',
        `--target=${electronVersion}`,
      ],
      work,
    );
    if (!prebuilt) {
      const built = run(
        process.execPath,
        [
          nodeGyp(),
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electronVersion}`,
          '--dist-url=https://electronjs.org/headers',
        ],
        work,
      );
      if (!built)
        throw new Error('could not build better-sqlite3 for Electron (see the output above)');
    }
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function run(command, args, cwd) {
  return spawnSync(command, args, { cwd, stdio: 'inherit' }).status === 0;
}

/** node-gyp: the project's copy if any, else the one bundled with npm. */
function nodeGyp() {
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    const npmRoot = resolve(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm');
    return join(npmRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  }
}
