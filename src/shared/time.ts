/** Time-zone arithmetic on plain epoch milliseconds, with Intl as the only source of zone rules. */

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the IANA time zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of the zone from UTC at an instant, in milliseconds (e.g. -3 h for São Paulo). */
export function zoneOffset(instant: number, timeZone: string): number {
  const parts = partsFormatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which a wall-clock time (given as if it were UTC) happens in the zone. */
export function zonedWallTimeToInstant(wallAsUtc: number, timeZone: string): number {
  // Two passes settle the offset even when the wall time sits next to a DST change.
  let instant = wallAsUtc - zoneOffset(wallAsUtc, timeZone);
  instant = wallAsUtc - zoneOffset(instant, timeZone);
  return instant;
}

/** Start of the calendar month containing `instant`, as seen in `timeZone`. */
export function startOfZonedMonth(instant: number, timeZone: string): number {
  const local = new Date(instant + zoneOffset(instant, timeZone));
  return zonedWallTimeToInstant(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1), timeZone);
}

/** Start of the calendar day containing `instant`, as seen in `timeZone`. */
export function startOfZonedDay(instant: number, timeZone: string): number {
  const local = new Date(instant + zoneOffset(instant, timeZone));
  return zonedWallTimeToInstant(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()),
    timeZone,
  );
}

const HOUR = 3_600_000;

/**
 * The wall-clock time of instants in one zone, as epoch milliseconds read as if UTC. Offsets are
 * cached per hour, since zone rules never change inside one: a million rows cost a few lookups.
 */
export function wallClock(timeZone: string): (instant: number) => number {
  const offsets = new Map<number, number>();
  return (instant) => {
    const hour = Math.floor(instant / HOUR);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      offset = zoneOffset(instant, timeZone);
      offsets.set(hour, offset);
    }
    return instant + offset;
  };
}

/** Formats instants as "YYYY-MM-DD HH:MM:SS" wall time in one zone, the form spreadsheets read as a date. */
export function localDateTimeFormatter(timeZone: string): (instant: number) => string {
  const wall = wallClock(timeZone);
  return (instant) => {
    const iso = new Date(wall(instant)).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  };
}
