/**
 * The phones the screens show (the customer list, the detail, the conversation's card, the merge
 * dialog, all through formatPhone), pinned: the renderer's small metadata must not change them.
 */
import examples from 'libphonenumber-js/examples.mobile.json';
import { getCountries, parsePhoneNumberFromString as parseWithMax } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { writtenPhone } from '../../src/shared/phone-format';
import { formatPhone } from './phone';

/** Every Brazilian area code (DDD) in use. */
const DDD = [
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43,
  44, 45, 46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77,
  79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
];

/** As the core shows a number, with the full metadata (src/customers/phone.ts). */
function withFullMetadata(e164: string): string {
  const parsed = parseWithMax(e164);
  return parsed ? writtenPhone(parsed) : e164;
}

describe('phones on screen', () => {
  it.each([
    // Brazil: mobiles, landlines, and a free call number, whose national form starts with the
    // 0 and so keeps the international one.
    ['+5511999998888', '+55 11 99999-8888'],
    ['+5521987654321', '+55 21 98765-4321'],
    ['+551133334444', '+55 11 3333-4444'],
    ['+554730001234', '+55 47 3000-1234'],
    ['+558007654321', '+55 800 765 4321'],
    // Abroad, each in its own country's groups.
    ['+12025550123', '+1 202 555-0123'],
    ['+351912345678', '+351 912 345 678'],
    ['+447911123456', '+44 7911 123456'],
    ['+5491123456789', '+54 9 11 2345 6789'],
    ['+4915123456789', '+49 1512 3456789'],
    ['+59899123456', '+598 99 123 456'],
    ['+34612345678', '+34 612 34 56 78'],
  ])('%s as people write it: %s', (e164, shown) => {
    expect(formatPhone(e164)).toBe(shown);
  });

  it('what is not a phone number stays as it was stored', () => {
    expect(formatPhone('telegram:12345')).toBe('telegram:12345');
    expect(formatPhone('')).toBe('');
  });

  it("shows every country's numbers and every Brazilian area's as the full metadata does", () => {
    const numbers = getCountries().flatMap((country) => {
      const example = examples[country];
      const e164 = example ? parseWithMax(example, country)?.number : undefined;
      return e164 ? [e164] : [];
    });
    expect(numbers.length).toBeGreaterThan(240);
    for (const ddd of DDD) numbers.push(`+55${ddd}987654321`, `+55${ddd}32345678`);
    const differ = numbers.filter((e164) => formatPhone(e164) !== withFullMetadata(e164));
    expect(differ).toEqual([]);
  });
});
