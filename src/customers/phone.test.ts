import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { writtenPhone } from '../shared/phone-format';
import { formatPhone, normalizePhone, phoneFromWhatsAppId, phoneSearchTerms } from './phone';

describe('phone numbers', () => {
  it('normalizes Brazilian numbers however they are written, adding the ninth digit to mobiles', () => {
    for (const typed of [
      '+55 11 99999-8888',
      '+55 11 9999-8888',
      '(11) 99999-8888',
      '11 9999-8888',
      '0055 11 99999 8888',
    ]) {
      expect(normalizePhone(typed, 'BR'), typed).toBe('+5511999998888');
    }
    // Landlines (starting 2-5) have eight digits and keep them.
    expect(normalizePhone('(11) 3333-4444', 'BR')).toBe('+551133334444');
  });

  it('reads national numbers in the default region and rejects what is not a number', () => {
    expect(normalizePhone('(415) 555-2671', 'US')).toBe('+14155552671');
    expect(normalizePhone('+1 415 555 2671', 'BR')).toBe('+14155552671');
    expect(normalizePhone('abc', 'BR')).toBeNull();
    expect(normalizePhone('123', 'BR')).toBeNull();
  });

  it('takes the number out of WhatsApp ids, and nothing from groups or hidden (@lid) ids', () => {
    expect(phoneFromWhatsAppId('5511999998888@c.us')).toBe('+5511999998888');
    expect(phoneFromWhatsAppId('551199998888@c.us')).toBe('+5511999998888');
    expect(phoneFromWhatsAppId('120363025246125486@g.us')).toBeNull();
    expect(phoneFromWhatsAppId('94388347117646@lid')).toBeNull();
  });

  it('indexes the forms people type when searching', () => {
    expect(phoneSearchTerms('+5511999998888')).toEqual([
      '5511999998888',
      '11999998888',
      '999998888',
      '99998888',
    ]);
  });

  it('writes a number the way people write it: a hyphen in Brazilian numbers, no trunk 0 abroad', () => {
    expect(formatPhone('+5511999998888')).toBe('+55 11 99999-8888');
    expect(formatPhone('+551133334444')).toBe('+55 11 3333-4444');
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('not a number')).toBe('not a number');
  });

  it('writes every Brazilian area and kind of number exactly as libphonenumber does', () => {
    const slow = (e164: string) => writtenPhone(parsePhoneNumberFromString(e164)!);
    let compared = 0;
    for (let area = 10; area <= 99; area++)
      for (const subscriber of ['987654321', '912340000', '33334444', '29998888', '51234567']) {
        const e164 = `+55${area}${subscriber}`;
        expect(formatPhone(e164), e164).toBe(slow(e164));
        compared++;
      }
    // Unknown areas (20, 23...) included: there libphonenumber writes the digits unbroken.
    expect(formatPhone('+552033334444')).toBe('+55 2033334444');
    expect(compared).toBe(450);
  });
});
