/**
 * What GET /health tells about the phone: whether its app is recent enough to be trusted with the
 * shop's SMS, and whether its battery needs the owner's attention.
 */
import { smsTexts } from '../texts';
import type { Health } from './schemas';

/**
 * The oldest app Clientela works with. 1.63.0 to 1.66.1 hash a received SMS without its date, so
 * the same text from the same sender ("ok", "sim") is taken for one already stored and dropped
 * (1.65.2 on) or overwrites it (before); 1.66.2 put the date back (app issue #394).
 */
export const MIN_APP_VERSION = '1.66.2';

const RELEASE = /^v?(\d+)\.(\d+)\.(\d+)$/;

/** A version's three numbers, or null when it is not a release's (a test build's commit hash). */
function releaseOf(version: string): number[] | null {
  const match = RELEASE.exec(version.trim());
  return match ? match.slice(1).map(Number) : null;
}

/** -1, 0 or 1 as release `a` comes before, with or after `b`. */
function compareReleases(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

/**
 * Why this app cannot be used, in the owner's words, or null when it can. A version that is not a
 * release number (a build from a commit) is taken at its word: its builder knows what it holds.
 */
export function appRefusal(url: string, version: string | null): string | null {
  const release = version === null ? null : releaseOf(version);
  if (version !== null && release === null) return null;
  const minimum = releaseOf(MIN_APP_VERSION)!;
  if (release && compareReleases(release, minimum) >= 0) return null;
  const dropsRepeats =
    release !== null &&
    compareReleases(release, [1, 63, 0]) >= 0 &&
    compareReleases(release, minimum) < 0;
  return smsTexts().appTooOld(url, version, MIN_APP_VERSION, dropsRepeats);
}

/**
 * A warning when the battery runs low off the charger, by the app's own thresholds (under 25% is
 * "warn", under 10% "fail"), else null: a phone that switches off stops the shop's SMS.
 */
export function batteryWarning(health: Health): string | null {
  const level = health.checks?.['battery:level'];
  // BatteryMonitor's flags: 1 charging, 2 on AC power, 4 on USB; 0 is on battery alone.
  const plugged = (health.checks?.['battery:charging']?.observedValue ?? 0) !== 0;
  if (!level || level.status === 'pass' || plugged) return null;
  return smsTexts().lowBattery(level.observedValue ?? 0);
}
