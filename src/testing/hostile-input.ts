/**
 * What an attacker, a broken client or a careless paste sends, as fast-check arbitraries: text
 * that is valid but awkward (emoji, right-to-left names, NUL bytes, SQL), values of the wrong
 * type, numbers and dates out of range, `__proto__` keys, and mutations of valid inputs.
 */
import fc from 'fast-check';

/** Text a person could really type or paste, each kind a known trouble-maker. */
export const AWKWARD_TEXTS = [
  'Maria Souza',
  'José Álvares Çavaco',
  'Zoë 🌸 👨‍👩‍👧‍👦',
  '🇧🇷🇵🇹',
  'عمر الفاروق',
  'שלום עליכם',
  '\u202Egnp.exe\u202C',
  'a\u0000b',
  '\u0000',
  "Robert'); DROP TABLE customers;--",
  '" OR 1=1 --',
  '%s%n%x',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  '__proto__',
  'constructor',
  '   padded   ',
  '\t\n\r',
  'zero\u200Bwidth',
  'e\u0301', // e + combining accent: looks like é, is not the same string
  '\uD800', // a lone surrogate: not valid UTF-16 text
  'ｆｕｌｌｗｉｄｔｈ',
  'İstanbul',
] as const;

/** Awkward text: the catalogue above, random Unicode, and both mixed. */
export function awkwardText(maxLength = 200): fc.Arbitrary<string> {
  const small = Math.min(maxLength, 40);
  return fc.oneof(
    fc.constantFrom(...AWKWARD_TEXTS).map((t) => t.slice(0, maxLength)),
    fc.string({ unit: 'grapheme', maxLength: small }),
    fc.string({ unit: 'binary', maxLength: small }),
    fc
      .tuple(fc.constantFrom(...AWKWARD_TEXTS), fc.string({ unit: 'grapheme', maxLength: 10 }))
      .map(([a, b]) => `${b}${a}${b}`.slice(0, maxLength)),
  );
}

/** Text longer than any field allows, from just over a limit to a megabyte. */
export const oversizedText: fc.Arbitrary<string> = fc
  .constantFrom(41, 101, 201, 255, 501, 10_001, 65_537, 1_000_000)
  .chain((n) => fc.constantFrom('x', 'é', '😀', '\u0000').map((c) => c.repeat(n)));

/** Numbers no id, limit or count may be. */
export const hostileNumber: fc.Arbitrary<number> = fc.constantFrom(
  0,
  -1,
  -0,
  -2_147_483_648,
  1.5,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 63,
  1e308,
  -1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
);

/** Dates a calendar or JavaScript's Date cannot hold, or that are not dates at all. */
export const hostileDate: fc.Arbitrary<string> = fc.constantFrom(
  '0000-01-01',
  '0000-00-00T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.001Z',
  '-271821-04-19T00:00:00.000Z',
  '2026-02-30',
  '2026-13-01T00:00:00Z',
  '2026-11-24T24:00:00Z',
  '2026-11-24T12:00:00+25:00',
  '2026-11-24 12:00',
  '1e400',
  'ontem',
);

/** A value of any type but the expected one: JSON's and what IPC's structured clone carries. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, [], {}, [null], { length: 1 }, new Date(0)),
  fc.integer(),
  fc.string({ maxLength: 5 }),
  hostileNumber,
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
);

/** Anything hostile that can stand where one value stands. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  wrongType,
  oversizedText,
  awkwardText(),
  hostileNumber,
  hostileDate,
);

/** An object with its own `__proto__` (and friends) as JSON.parse makes from a request body. */
export function withPrototypeKeys(value: Record<string, unknown>, payload: unknown): object {
  const copy: Record<string, unknown> = { ...value };
  for (const key of ['__proto__', 'constructor', 'prototype'])
    Object.defineProperty(copy, key, { value: payload, enumerable: true, writable: true });
  return copy;
}

/**
 * A valid input made hostile: one field replaced by a hostile value, a field removed, an unknown
 * field added, prototype keys added, or the whole input replaced by the wrong type.
 */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.tuple(valid, hostileValue, fc.nat()).map(([input, value, pick]) => {
      if (!isRecord(input)) return value;
      const keys = Object.keys(input);
      if (keys.length === 0) return { unexpected: value };
      return { ...input, [keys[pick % keys.length]!]: value };
    }),
    fc.tuple(valid, fc.nat()).map(([input, pick]) => {
      if (!isRecord(input)) return undefined;
      const keys = Object.keys(input);
      const { [keys[pick % Math.max(1, keys.length)] ?? '']: _dropped, ...rest } = input;
      return rest;
    }),
    fc
      .tuple(valid, hostileValue)
      .map(([input, value]) => (isRecord(input) ? { ...input, unexpected: value } : value)),
    fc
      .tuple(valid, fc.constantFrom<unknown>({ polluted: true }, null, 'x', [1]))
      .map(([input, payload]) => withPrototypeKeys(isRecord(input) ? input : {}, payload)),
    wrongType,
  );
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
