/**
 * Finds a Chromium-based browser on the user's machine for whatsapp-web.js to drive: puppeteer's
 * own browser download is skipped (.puppeteerrc.cjs), so the app uses the Chrome, Chromium, Edge
 * or Brave the user already has, in the places their installers put them.
 */
import { existsSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { describeProgramPathProblem, programPathShapeProblem } from '../program-path';
import type { Texts } from './texts';

export interface BrowserSearch {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether a file exists: the real filesystem, or a fake view in tests. */
  exists: (path: string) => boolean;
  /** The account's "browser" setting: when given, it is the only place looked at. */
  configured?: string | null;
}

export type BrowserLookup = { path: string } | { error: string };

/** An environment variable by name, case-insensitively as Windows reads them. */
function envVar(env: BrowserSearch['env'], name: string): string | undefined {
  const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : env[key];
}

const WINDOWS_BROWSERS = [
  'Google\\Chrome\\Application\\chrome.exe',
  'Microsoft\\Edge\\Application\\msedge.exe',
  'BraveSoftware\\Brave-Browser\\Application\\brave.exe',
  'Chromium\\Application\\chrome.exe',
];

const MAC_BROWSERS = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Chromium.app/Contents/MacOS/Chromium',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'Brave Browser.app/Contents/MacOS/Brave Browser',
];

const LINUX_BROWSERS = [
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/microsoft-edge-stable',
  '/usr/bin/microsoft-edge',
  '/usr/bin/brave-browser',
  '/opt/brave.com/brave/brave',
];

/** Where each platform's installers put these browsers, most likely first. */
export function browserCandidates(platform: NodeJS.Platform, env: BrowserSearch['env']): string[] {
  if (platform === 'win32') {
    // Per-machine installs go to Program Files; per-user ones (Chrome without admin rights) to
    // the user's local application data.
    const roots = ['ProgramFiles', 'ProgramFiles(x86)', 'LOCALAPPDATA']
      .map((name) => envVar(env, name))
      .filter((root): root is string => Boolean(root));
    return WINDOWS_BROWSERS.flatMap((browser) => roots.map((root) => win32.join(root, browser)));
  }
  if (platform === 'darwin') {
    const home = envVar(env, 'HOME');
    const roots = ['/Applications', ...(home ? [posix.join(home, 'Applications')] : [])];
    return MAC_BROWSERS.flatMap((browser) => roots.map((root) => posix.join(root, browser)));
  }
  return LINUX_BROWSERS;
}

/**
 * The browser to use, or a message saying plainly why there is none. A configured path is only
 * a full path on this computer: a network or relative one is refused before the disk is touched
 * (a settings file written before that rule must not start it either).
 */
export function findBrowser(search: BrowserSearch, texts: Texts): BrowserLookup {
  const configured = search.configured?.trim();
  if (configured) {
    const problem = programPathShapeProblem(configured, search.platform);
    if (problem) return { error: describeProgramPathProblem(problem, 'chromePath', configured) };
    return search.exists(configured)
      ? { path: configured }
      : { error: texts.configuredBrowserMissing(configured) };
  }
  const candidates = browserCandidates(search.platform, search.env);
  const found = candidates.find((path) => search.exists(path));
  return found ? { path: found } : { error: texts.browserNotFound(candidates) };
}

/** The browser on this machine. */
export function findInstalledBrowser(configured: string | undefined, texts: Texts): BrowserLookup {
  return findBrowser(
    { platform: process.platform, env: process.env, exists: existsSync, configured },
    texts,
  );
}
