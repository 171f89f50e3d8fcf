import { describe, expect, it } from 'vitest';
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
});
