/**
 * Properties of phone numbers, over every country's example numbers, generated Brazilian numbers
 * and any text at all: a number is found whichever way it is written, and nothing typed makes the
 * parser throw or invent a number.
 */
import fc from 'fast-check';
import {
  getCountries,
  getExampleNumber,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { awkwardText } from '../testing/hostile-input';
import { holds, PROPERTY_TIMEOUT, reportCasesTried } from '../testing/properties';
import { formatPhone, normalizePhone, phoneFromWhatsAppId, phoneSearchTerms } from './phone';

reportCasesTried('Phone numbers');

const COUNTRIES = getCountries();
/** Every country's example mobile number, in E.164. */
const EXAMPLES = COUNTRIES.flatMap((country) => {
  const number = getExampleNumber(country, examples);
  return number ? [{ country, number }] : [];
});

/** What normalizePhone returns: E.164, a plus and at most 15 digits, no leading zero. */
const E164 = /^\+[1-9]\d{1,14}$/;

/** A region as the settings hold it: a known country, or any two capital letters. */
const region = fc.oneof(fc.constantFrom(...COUNTRIES), fc.stringMatching(/^[A-Z]{2}$/));

/** Brazil's area codes (DDD), as ANATEL assigns them. */
const AREA_CODES = [
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43,
  44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77,
  79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
];

/** A Brazilian mobile: an area code, then a subscriber number of eight digits from 6-9. */
const brazilianMobile = fc
  .tuple(fc.constantFrom(...AREA_CODES), fc.integer({ min: 60_000_000, max: 99_999_999 }))
  .map(([area, subscriber]) => ({ area: String(area), subscriber: String(subscriber) }));

/** The ways people write a number: spaced, dotted, hyphenated, in brackets, with 00 for +. */
function writings(e164: string): fc.Arbitrary<string> {
  const digits = e164.slice(1);
  return fc.oneof(
    fc.constant(e164),
    fc.constant(formatPhone(e164)),
    fc.constant(`00${digits}`),
    fc.constant(` ${e164} `),
    fc
      .array(fc.constantFrom(' ', '-', '.', ' - '), {
        minLength: digits.length,
        maxLength: digits.length,
      })
      .map((seps) => `+${[...digits].map((d, i) => (i > 0 ? seps[i]! : '') + d).join('')}`),
  );
}

describe('phone numbers, written any way', () => {
  it(
    'finds every country’s example number however it is written, in any region',
    async () => {
      await holds(
        fc.property(fc.constantFrom(...EXAMPLES), region, ({ number }, where) => {
          const e164 = normalizePhone(number.number, where);
          expect(e164, number.number).toBe(number.number);
          return true;
        }),
      );
      await holds(
        fc.property(
          fc
            .constantFrom(...EXAMPLES)
            .chain(({ country, number }) =>
              fc.tuple(fc.constant(country), fc.constant(number.number), writings(number.number)),
            ),
          region,
          ([, e164, written], where) => {
            expect(normalizePhone(written, where), written).toBe(e164);
          },
        ),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'reads a national number in its own country',
    async () => {
      await holds(
        fc.property(fc.constantFrom(...EXAMPLES), ({ country, number }) => {
          expect(normalizePhone(number.formatNational(), country), number.formatNational()).toBe(
            number.number,
          );
        }),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'takes a Brazilian mobile with or without its ninth digit as the same number',
    async () => {
      await holds(
        fc.property(brazilianMobile, ({ area, subscriber }) => {
          const e164 = `+55${area}9${subscriber}`;
          for (const written of [
            `+55 ${area} ${subscriber.slice(0, 4)}-${subscriber.slice(4)}`,
            `(${area}) 9${subscriber.slice(0, 4)}-${subscriber.slice(4)}`,
            `${area} ${subscriber}`,
            `0055${area}${subscriber}`,
          ])
            expect(normalizePhone(written, 'BR'), written).toBe(e164);
          expect(phoneFromWhatsAppId(`55${area}${subscriber}@c.us`)).toBe(e164);
          expect(phoneFromWhatsAppId(`55${area}9${subscriber}@c.us`)).toBe(e164);
        }),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'never throws, and gives E.164 or nothing, whatever is typed in whatever region',
    async () => {
      const typed = fc.oneof(
        awkwardText(60),
        fc.stringMatching(/^[+0-9 ()\-.]{0,25}$/),
        fc.string({
          unit: fc.constantFrom('+', '0', '5', '9', ' ', '٥', '(', '-', 'x'),
          maxLength: 25,
        }),
      );
      await holds(
        fc.property(typed, region, (text, where) => {
          const e164 = normalizePhone(text, where);
          if (e164 === null) return;
          expect(e164).toMatch(E164);
          // Once normalized, a number stays itself, in any region.
          expect(normalizePhone(e164, where)).toBe(e164);
          expect(normalizePhone(formatPhone(e164), where)).toBe(e164);
        }),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'formats and indexes any number it normalized: the digits are found, the text reads back',
    async () => {
      await holds(
        fc.property(fc.constantFrom(...EXAMPLES), ({ number }) => {
          const e164 = number.number;
          const terms = phoneSearchTerms(e164);
          expect(terms).toContain(e164.slice(1));
          for (const term of terms) expect(term).toMatch(/^\d+$/);
          expect(parsePhoneNumberFromString(formatPhone(e164))?.number).toBe(e164);
        }),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'takes the number from a WhatsApp id only when it is one',
    async () => {
      await holds(
        fc.property(
          fc.oneof(
            fc.stringMatching(/^\d{1,20}$/),
            fc.stringMatching(/^0\d{7,14}$/),
            awkwardText(20),
          ),
          fc.constantFrom('@c.us', '@s.whatsapp.net', '@g.us', '@lid', ''),
          (id, server) => {
            const phone = phoneFromWhatsAppId(`${id}${server}`);
            if (phone === null) return;
            expect(phone).toMatch(E164);
            expect(normalizePhone(phone, 'BR' as CountryCode)).toBe(phone);
          },
        ),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
