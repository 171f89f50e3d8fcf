/**
 * The browser WhatsApp Web is told it runs in. whatsapp-web.js 1.34.7 sends Chrome 101 on macOS
 * 10.14 (from 2022) by default, and headless Chrome calls itself HeadlessChrome; WhatsApp Web
 * turns old browsers away. This names the Chrome of the day, counted on Chrome's four-week
 * release schedule so that it stays current without an update of the app, in the reduced form
 * Chrome itself sends (Chrome/NNN.0.0.0), on the user's own kind of system.
 */

/** Chrome 140 reached the stable channel on 2 September 2025; one release every four weeks. */
const ANCHOR = { major: 140, at: Date.UTC(2025, 8, 2) };
const RELEASE_EVERY_MS = 28 * 24 * 60 * 60 * 1000;

const SYSTEMS: Partial<Record<NodeJS.Platform, string>> = {
  win32: 'Windows NT 10.0; Win64; x64',
  darwin: 'Macintosh; Intel Mac OS X 10_15_7',
};

/** The stable Chrome's major version on a day. */
export function chromeMajorOn(date: Date): number {
  return ANCHOR.major + Math.max(0, Math.floor((date.getTime() - ANCHOR.at) / RELEASE_EVERY_MS));
}

/** The user agent of the day's Chrome on `platform`. */
export function userAgentFor(platform: NodeJS.Platform, date: Date): string {
  const system = SYSTEMS[platform] ?? 'X11; Linux x86_64';
  return (
    `Mozilla/5.0 (${system}) AppleWebKit/537.36 (KHTML, like Gecko) ` +
    `Chrome/${chromeMajorOn(date)}.0.0.0 Safari/537.36`
  );
}
