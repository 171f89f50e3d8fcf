import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openBrowser, openerFor, shouldOpenBrowser, type OpenContext } from './open-browser';

const person: OpenContext = {
  platform: 'linux',
  env: { DISPLAY: ':0' },
  interactive: true,
  refused: false,
};

describe('serve opens the browser by itself', () => {
  it('on a desktop a person is using, and nowhere else', () => {
    expect(shouldOpenBrowser(person)).toBe(true);
    expect(shouldOpenBrowser({ ...person, env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBe(true);
    expect(shouldOpenBrowser({ ...person, platform: 'win32', env: {} })).toBe(true);
    expect(shouldOpenBrowser({ ...person, platform: 'darwin', env: {} })).toBe(true);
    // A server with no screen, a CI run, output piped to a file, and --no-open.
    expect(shouldOpenBrowser({ ...person, env: {} })).toBe(false);
    expect(shouldOpenBrowser({ ...person, env: { DISPLAY: ':0', CI: 'true' } })).toBe(false);
    expect(shouldOpenBrowser({ ...person, platform: 'win32', interactive: false })).toBe(false);
    expect(shouldOpenBrowser({ ...person, refused: true })).toBe(false);
  });

  describe('with the system opener', () => {
    let bin = '';
    afterEach(() => {
      vi.unstubAllEnvs();
      if (bin) rmSync(bin, { recursive: true, force: true });
    });

    it('hands it the whole address, token and all', async () => {
      const url = 'http://127.0.0.1:5180/?token=a-b_c&x=1';
      if (process.platform === 'win32') {
        // Not through cmd.exe, which would cut the address at its `&`.
        expect(openerFor('win32', url)).toEqual(['rundll32', ['url.dll,FileProtocolHandler', url]]);
        return;
      }
      bin = mkdtempSync(join(tmpdir(), 'clientela-opener-'));
      const seen = join(bin, 'seen.txt');
      // A stand-in opener first on the PATH, writing down what it was asked to open.
      const [command] = openerFor(process.platform, url);
      writeFileSync(join(bin, command), `#!/bin/sh\nprintf '%s' "$@" > '${seen}'\n`);
      chmodSync(join(bin, command), 0o755);
      vi.stubEnv('PATH', `${bin}${delimiter}${process.env['PATH']}`);
      openBrowser(url);
      await vi.waitFor(() => expect(readFileSync(seen, 'utf8')).toBe(url));
    });

    it('leaves the printed address to the person when there is no opener', () => {
      bin = mkdtempSync(join(tmpdir(), 'clientela-opener-'));
      vi.stubEnv('PATH', bin);
      // xdg-open, absent from this PATH on every system.
      expect(() => openBrowser('http://127.0.0.1:5180/', 'linux')).not.toThrow();
    });
  });
});
