/**
 * How a phone number is written on screen: "+55 11 99999-8888". The international standard
 * ("+55 11 99999 8888") is not how Brazilians write it, so the country code is followed by the
 * national form when that form is the plain number (no trunk prefix such as the UK's 0); other
 * numbers keep the international standard. Shared by the core (labels) and the renderer, each
 * with its own build of libphonenumber-js.
 */
import type { PhoneNumber } from 'libphonenumber-js/core';

/** The number as people write it, from a parsed number. */
export function writtenPhone(phone: PhoneNumber): string {
  const national = phone.formatNational();
  if (national.replace(/\D/g, '') !== phone.nationalNumber) return phone.formatInternational();
  return `+${phone.countryCallingCode} ${national.replace(/[()]/g, '')}`;
}
