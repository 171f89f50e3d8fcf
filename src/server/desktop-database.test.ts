import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { desktopDatabaseFile } from './desktop-database';

let home: string;
beforeEach(() => (home = mkdtempSync(join(tmpdir(), 'clientela-home-'))));
afterEach(() => rmSync(home, { recursive: true, force: true }));

it('finds the desktop app database where Electron keeps user data on each system', () => {
  expect(desktopDatabaseFile('linux', {}, home)).toBe(
    join(home, '.config', 'Clientela', 'clientela.db'),
  );
  expect(desktopDatabaseFile('linux', { XDG_CONFIG_HOME: join(home, 'cfg') }, home)).toBe(
    join(home, 'cfg', 'Clientela', 'clientela.db'),
  );
  expect(desktopDatabaseFile('darwin', {}, home)).toBe(
    join(home, 'Library', 'Application Support', 'Clientela', 'clientela.db'),
  );
  expect(desktopDatabaseFile('win32', { APPDATA: join(home, 'Roaming') }, home)).toBe(
    join(home, 'Roaming', 'Clientela', 'clientela.db'),
  );
});
