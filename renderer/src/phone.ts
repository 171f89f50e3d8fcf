/**
 * Phones as the screens show them. The screens only format stored E.164 numbers (no typing
 * as-you-type, no validation: the core normalises and checks numbers), so the renderer carries
 * libphonenumber-js's smallest metadata, `min` (83 KB, 19 KB gzipped; `mobile` is 99 KB and
 * `max`, the core's, 157 KB): phone.test.ts checks that it shows every number as `max` would.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { writtenPhone } from '../../src/shared/phone-format';

/** A stored E.164 number as people write it ("+55 11 99999-8888"); anything unreadable as it is. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? writtenPhone(parsed) : e164;
}
