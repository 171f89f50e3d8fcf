/**
 * For the emulator: how SMS Gateway for Android writes its ids and dates, per app version and
 * Android release, from capcom6/android-sms-gateway (read at v1.68.0, with the history of the
 * files named below).
 */

/**
 * Whether `version` ("1.66.1") is at least `floor`, both as x.y.z; a test build's version (its
 * commit hash) stands for the source this emulator follows.
 */
export function versionAtLeast(version: string, floor: string): boolean {
  if (!/^\d+\.\d+\.\d+$/.test(version)) return true;
  const a = version.split('.').map(Number);
  const b = floor.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/** Java's String.hashCode. */
function stringHash(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(31, hash) + value.charCodeAt(i)) | 0;
  return hash;
}

/** Java's Date.hashCode: the epoch milliseconds folded into an int. */
function dateHash(instant: number): number {
  const long = BigInt(instant);
  return Number(BigInt.asIntN(32, long ^ (long >> 32n)));
}

/**
 * The id the app gives a received text SMS: "text:" + InboxMessage.Text.hashCode()
 * (modules/incoming/IncomingMessagesService.buildId, modules/receiver/data/InboxMessage.kt).
 * From 1.63.0 to 1.66.1 the hash left the date out (commit 10f287a, put back by 64ce33b in
 * 1.66.2, app issue #394): the same text from the same sender on the same SIM gets the same id.
 */
export function incomingSmsId(
  sms: { sender: string; text: string; at: number; subscriptionId: number | null },
  version: string,
): string {
  const withoutDate = versionAtLeast(version, '1.63.0') && !versionAtLeast(version, '1.66.2');
  const sender = stringHash(sms.sender);
  const base = withoutDate
    ? (Math.imul(31, sender) + (sms.subscriptionId ?? 0)) | 0
    : (Math.imul(31, (Math.imul(31, sender) + dateHash(sms.at)) | 0) + (sms.subscriptionId ?? 0)) |
      0;
  return `text:${(Math.imul(31, base) + stringHash(sms.text)) | 0}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A date as Gson writes it in the app (extensions/GsonBuilder.kt), in a zone `offsetMinutes` from
 * UTC (São Paulo: -180). Android 7 and later: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" (-03:00). Android 5
 * and 6 have no "X" pattern, so the app writes the zone's raw offset by hand with padStart:
 * "+-3:00" for São Paulo, "+-3:-30" for Newfoundland, and the pattern letter Z ("+0000") for UTC.
 */
export function gsonDate(instant: number, offsetMinutes: number, android = 14): string {
  const local = new Date(instant + offsetMinutes * 60_000).toISOString().slice(0, 23);
  if (android < 7) {
    if (offsetMinutes === 0) return `${local}+0000`;
    // Kotlin's Int division and remainder truncate towards zero, as Math.trunc and % do.
    return `${local}+${pad2(Math.trunc(offsetMinutes / 60))}:${pad2(offsetMinutes % 60)}`;
  }
  if (offsetMinutes === 0) return `${local}Z`;
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/**
 * DateTimeParser.parseIsoDateTime: "yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX", anything else is null. On
 * Android 5 and 6 (parseLegacy) `new SimpleDateFormat("…XXX")` itself throws "Unknown pattern
 * character 'X'", an IllegalArgumentException that Ktor's StatusPages answers with 400.
 */
export function parseAppDate(value: string, android: number): number | null {
  if (android < 7) throw new Error("Unknown pattern character 'X'");
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$/.test(value))
    return null;
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? null : instant;
}
