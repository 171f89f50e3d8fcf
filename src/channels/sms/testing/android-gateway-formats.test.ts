/**
 * The emulator writes ids and dates as the app's Kotlin does on the JVM. The expected values were
 * printed by a JVM (OpenJDK 17) running the app's expressions: InboxMessage.Text.hashCode() of
 * 1.68.0 and of 1.63.0-1.66.1, and GsonBuilder.kt's hand-built pattern for Android 5 and 6 through
 * SimpleDateFormat in each zone.
 */
import { describe, expect, it } from 'vitest';
import { gsonDate, incomingSmsId } from './android-gateway-formats';

const T = 1_732_449_600_000; // 2024-11-24T12:00:00Z
const ok = (at: number, version: string) =>
  incomingSmsId({ sender: '+5511988887777', text: 'ok', at, subscriptionId: 1 }, version);

describe('what the emulated app writes', () => {
  it('hashes received SMS as the app does, without the date from 1.63.0 to 1.66.1', () => {
    expect(ok(T, '1.68.0')).toBe('text:1666817568');
    expect(ok(T + 100_000, '1.68.0')).toBe('text:1762671552');
    expect(ok(T, '1.65.0')).toBe('text:326891113');
    expect(ok(T + 100_000, '1.66.1')).toBe('text:326891113');
    expect(ok(T, '1.62.0')).toBe('text:1666817568');
  });

  it('writes dates with the zone offset, by hand on Android 5 and 6', () => {
    expect(gsonDate(T, -180)).toBe('2024-11-24T09:00:00.000-03:00');
    expect(gsonDate(T, 0)).toBe('2024-11-24T12:00:00.000Z');
    expect(gsonDate(T, -180, 6)).toBe('2024-11-24T09:00:00.000+-3:00');
    expect(gsonDate(T, -210, 6)).toBe('2024-11-24T08:30:00.000+-3:-30');
    expect(gsonDate(T, 0, 6)).toBe('2024-11-24T12:00:00.000+0000');
    expect(gsonDate(T, 330, 5)).toBe('2024-11-24T17:30:00.000+05:30');
    expect(gsonDate(T, -600, 6)).toBe('2024-11-24T02:00:00.000+-10:00');
  });
});
