import {
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { writtenPhone } from '../shared/phone-format';

/**
 * Brazilian mobiles gained a ninth digit (a leading 9) in 2012-2016; WhatsApp and old address books
 * still carry the eight-digit form. Both forms are one person: we always store the nine-digit one.
 * An eight-digit subscriber number starting with 6-9 is a mobile; 2-5 are landlines.
 */
function withBrazilianNinthDigit(digits: string): string {
  if (digits.length === 12 && digits.startsWith('55') && /[6-9]/.test(digits[4] ?? '')) {
    return `${digits.slice(0, 4)}9${digits.slice(4)}`;
  }
  return digits;
}

/**
 * Whether a number of fewer than eight digits is one: a few places have them (+290 8999, Tristan
 * da Cunha), but most such strings are a number typed short, so only a valid one counts.
 */
const isShortNumber = (phone: PhoneNumber) => phone.number.length <= 8 && phone.isValid();

/**
 * Normalizes a phone number to E.164 (e.g. "+5511999998888"), or null when it is not one.
 * International input ("+55 11 99999-8888") needs no region; national input ("(11) 99999-8888")
 * is read in `defaultRegion`.
 */
export function normalizePhone(raw: string, defaultRegion: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const international = /^(\+|00)/.test(trimmed);
  const digits = trimmed.replace(/\D/g, '');
  // Fast path, and the common one: a number already in international form only needs its
  // punctuation removed (parsing each of a million such numbers would dominate ingest time).
  if (international && /^[+\d\s().-]+$/.test(trimmed)) {
    const plain = trimmed.startsWith('00') ? digits.slice(2) : digits;
    if (plain.length > 15 || plain.startsWith('0')) return null;
    if (plain.length >= 8) return `+${withBrazilianNinthDigit(plain)}`;
    const short = parsePhoneNumberFromString(`+${plain}`);
    return short && isShortNumber(short) ? short.number : null;
  }
  const parsed = parsePhoneNumberFromString(trimmed, defaultRegion as CountryCode);
  if (!parsed || !parsed.isPossible() || !(parsed.number.length > 8 || isShortNumber(parsed))) {
    // An old eight-digit Brazilian mobile is "impossible" to current metadata; rescue it.
    if (defaultRegion === 'BR' && (digits.length === 10 || digits.length === 12)) {
      const full = digits.length === 10 ? `55${digits}` : digits;
      const fixed = withBrazilianNinthDigit(full);
      return fixed !== full ? `+${fixed}` : null;
    }
    return null;
  }
  return `+${withBrazilianNinthDigit(parsed.countryCallingCode + parsed.nationalNumber)}`;
}

/** The phone number inside a WhatsApp id such as "5511999998888@c.us", or null (groups, @lid). */
export function phoneFromWhatsAppId(id: string): string | null {
  const match = /^([1-9]\d{7,14})@(c\.us|s\.whatsapp\.net)$/.exec(id);
  return match?.[1] ? `+${withBrazilianNinthDigit(match[1])}` : null;
}

/**
 * The forms a person might type when searching for this number: with country code, without it,
 * without the area code, and (for Brazilian mobiles) without the ninth digit.
 */
export function phoneSearchTerms(e164: string): string[] {
  const digits = e164.replace(/\D/g, '');
  const terms = new Set([digits]);
  if (digits.startsWith('55') && (digits.length === 12 || digits.length === 13)) {
    const national = digits.slice(2);
    const subscriber = national.slice(2);
    terms.add(national).add(subscriber);
    if (subscriber.length === 9 && subscriber.startsWith('9')) terms.add(subscriber.slice(1));
  } else {
    const parsed = parsePhoneNumberFromString(e164);
    if (parsed) terms.add(String(parsed.nationalNumber));
  }
  return [...terms];
}

/** A Brazilian mobile (9 and eight digits) or landline (2-5 and seven), by area code. */
const BRAZILIAN = /^\+55([1-9]\d)(9\d{4}|[2-5]\d{3})(\d{4})$/;
/** Whether libphonenumber writes an area's mobiles (or landlines) "+55 DD NNNNN-NNNN". */
const plainAreas = new Map<string, boolean>();

const parsedPhone = (e164: string) => {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? writtenPhone(parsed) : e164;
};

/**
 * "+55 11 99999-8888" style, for people to read. A Brazilian number is written from its digits
 * once libphonenumber has written one number of its area and kind that way (its metadata formats
 * and validates them by area code and first digit only): parsing takes 15 µs a number, 15 s of
 * an export of a million customers.
 */
export function formatPhone(e164: string): string {
  const br = BRAZILIAN.exec(e164);
  if (!br) return parsedPhone(e164);
  const [, area, head, tail] = br as unknown as [string, string, string, string];
  const key = area + head.length;
  let plain = plainAreas.get(key);
  if (plain === undefined) {
    const sample = head.length === 5 ? '999998888' : '33334444';
    plain =
      parsedPhone(`+55${area}${sample}`) ===
      `+55 ${area} ${sample.slice(0, -4)}-${sample.slice(-4)}`;
    plainAreas.set(key, plain);
  }
  return plain ? `+55 ${area} ${head}-${tail}` : parsedPhone(e164);
}
