import { describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser } from './chrome';
import { whatsappTexts } from './texts';

const en = whatsappTexts.in('en');
const pt = whatsappTexts.in('pt-BR');

/** A filesystem view holding exactly these files. */
const only =
  (...files: string[]) =>
  (path: string) =>
    files.includes(path);

const WINDOWS_ENV = {
  ProgramFiles: 'C:\\Program Files',
  'ProgramFiles(x86)': 'C:\\Program Files (x86)',
  LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local',
};

describe('finding a browser', () => {
  it('finds Chrome installed for all users on Windows', () => {
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser({ platform: 'win32', env: WINDOWS_ENV, exists: only(chrome) }, en)).toEqual({
      path: chrome,
    });
  });

  it('finds Chrome installed for one user on Windows, whatever the case of the variable', () => {
    const chrome = 'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    const env = {
      PROGRAMFILES: 'C:\\Program Files',
      localappdata: 'C:\\Users\\ana\\AppData\\Local',
    };
    expect(findBrowser({ platform: 'win32', env, exists: only(chrome) }, en)).toEqual({
      path: chrome,
    });
  });

  it('falls back to Edge, which every Windows has, when Chrome is absent', () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser({ platform: 'win32', env: WINDOWS_ENV, exists: only(edge) }, en)).toEqual({
      path: edge,
    });
  });

  it('prefers Chrome to Brave on macOS, and looks in the user’s own Applications too', () => {
    const brave = '/Applications/Brave Browser.app/Contents/MacOS/Brave Browser';
    const chrome = '/Users/ana/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const search = { platform: 'darwin' as const, env: { HOME: '/Users/ana' } };
    expect(findBrowser({ ...search, exists: only(brave) }, en)).toEqual({ path: brave });
    expect(findBrowser({ ...search, exists: only(brave, chrome) }, en)).toEqual({ path: chrome });
  });

  it('finds Debian’s Chromium on Linux', () => {
    expect(
      findBrowser({ platform: 'linux', env: {}, exists: only('/usr/bin/chromium') }, en),
    ).toEqual({ path: '/usr/bin/chromium' });
  });

  it('uses the browser named in the settings before any other', () => {
    const mine = '/home/ana/bin/chrome';
    expect(
      findBrowser(
        { platform: 'linux', env: {}, exists: only(mine, '/usr/bin/chromium'), configured: mine },
        en,
      ),
    ).toEqual({ path: mine });
  });

  it('says so when the browser named in the settings does not exist, instead of using another', () => {
    const result = findBrowser(
      { platform: 'linux', env: {}, exists: only('/usr/bin/chromium'), configured: '/nope/chrome' },
      pt,
    );
    expect(result).toEqual({
      error: 'O navegador indicado nas configurações não existe: /nope/chrome',
    });
  });

  it('never looks at a configured path on another computer or a relative one, even one saved long ago', () => {
    const looked: string[] = [];
    const exists = (path: string) => {
      looked.push(path);
      return true;
    };
    for (const configured of ['\\\\attacker\\share\\x.exe', '//attacker/share/x.exe'])
      expect(findBrowser({ platform: 'win32', env: WINDOWS_ENV, exists, configured }, en)).toEqual({
        error: `Chrome location: "${configured}" is on another computer of the network; choose a program installed on this computer`,
      });
    expect(
      findBrowser({ platform: 'linux', env: {}, exists, configured: 'x.sh' }, en),
    ).toMatchObject({ error: expect.stringMatching(/"x.sh" is not a full path/) });
    // Not even asked whether it exists: on Windows that alone sends the user's credentials.
    expect(looked).toEqual([]);
  });

  it('explains, with the places searched, when no browser is installed', () => {
    const result = findBrowser({ platform: 'win32', env: WINDOWS_ENV, exists: only() }, en);
    expect('error' in result && result.error).toMatch(/^No Chrome, Chromium, Edge or Brave/);
    expect('error' in result && result.error).toContain(
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    );
  });

  it('lists every browser under every install root on Windows', () => {
    expect(browserCandidates('win32', WINDOWS_ENV)).toHaveLength(4 * 3);
  });
});
