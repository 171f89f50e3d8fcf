import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preview } from './text';

/** Whether `text` is whole Unicode: no half of a character (a surrogate without its pair). */
const isWhole = (text: string) => !/[\uD800-\uDFFF]/u.test(text);

describe('a message preview', () => {
  it('cuts a long message on one line without splitting an emoji in two', () => {
    const text = `${'a'.repeat(158)}😀 e mais`;
    expect(preview(text)).toBe(`${'a'.repeat(158)}…`);
    expect(preview('Olá,\n\n  tudo   bem? ')).toBe('Olá, tudo bem?');
  });

  it('is whole text, a beginning of the message, for any message', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', ' ', '\n', 'é', '😀', '👨‍👩‍👧', '🇧🇷'),
          minLength: 60,
          maxLength: 200,
        }),
        (text) => {
          const shown = preview(text);
          expect(isWhole(shown)).toBe(true);
          expect(text.replace(/\s+/g, ' ').trim().startsWith(shown.replace(/…$/, ''))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
