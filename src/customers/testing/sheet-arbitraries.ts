/**
 * fast-check generators for the CSV property tests: texts people and attackers put in cells, and
 * whole sheets written the ways spreadsheets and people write them, each with what the app must
 * make of it. What a value becomes is said here from its definition (trimmed, lower-cased e-mail,
 * E.164 phone, the form's length limits), not by calling the import's own code.
 */
import fc from 'fast-check';

export { PROPERTY_TIMEOUT, RUNS } from '../../testing/properties';

/** Pieces texts are made of: every script, joiners, separators, quotes, formulas, SQL. */
const PIECES = [
  'Maria',
  'João',
  'Conceição',
  'Ñandú',
  'İstanbul',
  'straße',
  'محمد',
  'שלום',
  '\u200F',
  '😀',
  '👩‍👩‍👧',
  '🇧🇷',
  ' ',
  ';',
  ',',
  '"',
  "'",
  '|',
  '||',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '=',
  '+',
  '-',
  '@',
  '=1+1',
  '=HYPERLINK("http://x.io?"&A1)',
  '@SUM(A1)',
  '+55 11 99999-8888',
  "'); DROP TABLE customers;--",
  '%s%n',
  '\\',
  'NULL',
  '1e9',
  '2026-11-24',
  '{"a":1}',
  '\uFEFF',
];

/** Any text a cell may hold (never a NUL or half a character: those are tested on their own). */
export const cellText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((p) => p.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

/** A value of a cell and what the app stores of it: `undefined` absent, `null` refused. */
export interface Value<T = string> {
  text: string;
  stored: T | null | undefined;
}

const absent: Value = { text: '', stored: undefined };

/** Trimmed as the app's forms trim (JavaScript's trim), within `max` characters (code points). */
const trimmed = (text: string, max: number): Value => {
  const t = text.trim();
  return { text, stored: t === '' ? undefined : [...t].length <= max ? t : null };
};

const AREAS = ['11', '19', '31', '41', '51', '61', '71', '81', '92'];
/** A Brazilian mobile, written as people write it; stored in E.164. Seeds use area 48. */
export const phone: fc.Arbitrary<Value> = fc
  .tuple(fc.constantFrom(...AREAS), fc.integer({ min: 0, max: 99_999_999 }), fc.nat(4))
  .map(([area, n, style]) => {
    const digits = String(n).padStart(8, '0');
    const [a, b] = [digits.slice(0, 4), digits.slice(4)];
    const text = [
      `+55 ${area} 9${a}-${b}`,
      `(${area}) 9${a}-${b}`,
      `+55${area}9${digits}`,
      `0055 ${area} 9${a} ${b}`,
      `${area} 9${a}-${b}`,
    ][style]!;
    return { text, stored: `+55${area}9${digits}` };
  });

/** Cells in a phone column that are no phone: words, formulas, dates, SQL (three digits at most). */
const notAPhone: fc.Arbitrary<Value> = fc
  .constantFrom(
    'abc',
    'N/A',
    '=1+1',
    '@x',
    "'); DROP TABLE customers;--",
    'true',
    '{}',
    '123',
    'tel',
  )
  .map((text) => ({ text, stored: null }));

/** An e-mail in any case, stored lower-cased; seeds use the domain seed.test. */
export const email: fc.Arbitrary<Value> = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,9}$/),
    fc.stringMatching(/^[a-z]{3,10}$/),
    fc.constantFrom('com', 'com.br', 'org', 'io'),
    fc.boolean(),
  )
  .map(([local, domain, top, shout]) => {
    const address = `${local}@${domain}.${top}`;
    return { text: shout ? address.toUpperCase() : address, stored: address };
  });

const notAnEmail: fc.Arbitrary<Value> = fc
  .constantFrom(
    'ana',
    'ana@',
    '@loja.com',
    'a b@c.com',
    '=1+1',
    "'); DROP TABLE customers;--",
    '2026-11-24',
    '42',
    `${'a'.repeat(250)}@x.com`,
  )
  .map((text) => ({ text, stored: null }));

const longText = (min: number) => fc.integer({ min, max: min + 50 }).map((n) => 'x'.repeat(n));

/** A sheet's row as a person meant it. */
export interface PlannedCustomer {
  name: Value;
  phone: Value;
  email: Value;
  tags: Value[];
  notes: Value[];
  other: string;
}

const row: fc.Arbitrary<PlannedCustomer> = fc.record({
  name: fc.oneof(
    { weight: 6, arbitrary: cellText.map((t) => trimmed(t, 200)) },
    { weight: 1, arbitrary: longText(201).map((t) => trimmed(t, 200)) },
    { weight: 1, arbitrary: fc.constant(absent) },
  ),
  phone: fc.oneof(
    { weight: 4, arbitrary: phone },
    { weight: 1, arbitrary: notAPhone },
    { weight: 2, arbitrary: fc.constant(absent) },
  ),
  email: fc.oneof(
    { weight: 3, arbitrary: email },
    { weight: 1, arbitrary: notAnEmail },
    { weight: 3, arbitrary: fc.constant(absent) },
  ),
  tags: fc
    .oneof(
      { weight: 8, arbitrary: fc.array(fc.oneof(cellText, longText(51)), { maxLength: 5 }) },
      { weight: 1, arbitrary: fc.constant(Array.from({ length: 52 }, (_, i) => `t${i}`)) },
    )
    .map((tags) => tags.map((t) => trimmed(t, 50))),
  notes: fc
    .array(
      fc.oneof({ weight: 8, arbitrary: cellText }, { weight: 1, arbitrary: longText(10_001) }),
      {
        maxLength: 3,
      },
    )
    .map((notes) => notes.map((n) => trimmed(n, 10_000))),
  other: cellText,
});

/** Values of a multi-valued cell as a sheet writes them: " | " between, "||" for a "|". */
export const joinValues = (values: string[]) =>
  values.map((v) => v.replace(/\|/g, '||')).join(' | ');

/**
 * Where our export's formula guard would be read back (an apostrophe before a formula at a cell
 * start): a sheet cannot say that text literally, so generated sheets leave it out.
 */
const GUARD_LOOKALIKE = /(^|[,;\t\r\n])'["']*[=+\-@\t\r]/;

export type Separator = ';' | ',' | '\t';
export type Damage = 'none' | 'nul' | 'half-character' | 'unclosed-quote' | 'huge-row';

export interface SheetCase {
  separator: Separator;
  rows: PlannedCustomer[];
  /** The file's text. */
  text: string;
  /** The line each row starts on. */
  lines: number[];
  damage: Damage;
  /** The line of the damage, when the reader must name that exact line. */
  damagedLine: number | null;
}

const HEADERS = {
  name: ['nome', 'Nome', 'NAME', 'Cliente', 'nome completo'],
  phone: ['telefone', 'Telefones', 'Celular', 'WhatsApp', 'phone'],
  email: ['email', 'E-mail', 'e-mails'],
  tags: ['tags', 'Etiquetas'],
  notes: ['notas', 'Notes', 'Observações'],
  other: ['cidade', 'id', 'Origem'],
} as const;
type Column = keyof typeof HEADERS;

const lineBreaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;

/** Sheets with distinct phones and e-mails, written with random separators, quoting, line ends, BOM. */
export const sheet: fc.Arbitrary<SheetCase> = fc
  .record({
    separator: fc.constantFrom<Separator>(';', ',', '\t'),
    columns: fc.shuffledSubarray(Object.keys(HEADERS) as Column[], { minLength: 6, maxLength: 6 }),
    headerStyle: fc.nat(4),
    sepLine: fc.boolean(),
    bom: fc.boolean(),
    rows: fc.array(row, { maxLength: 12 }),
    endings: fc.array(fc.constantFrom('\r\n', '\n', '\r'), { minLength: 14, maxLength: 14 }),
    blankAfter: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
    quoteAll: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
    damage: fc.oneof(
      { weight: 12, arbitrary: fc.constant<Damage>('none') },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Damage>('nul', 'half-character', 'unclosed-quote', 'huge-row'),
      },
    ),
    where: fc.nat(),
  })
  .map((c) => {
    // One customer per phone and per e-mail: a second row with either would update the first.
    const seen = new Set<string>();
    const distinct = (v: Value) => {
      if (typeof v.stored !== 'string') return v;
      if (seen.has(v.stored)) return absent;
      seen.add(v.stored);
      return v;
    };
    const rows = c.rows
      .map((r) => ({ ...r, phone: distinct(r.phone), email: distinct(r.email) }))
      // A row of empty cells is an empty line in any spreadsheet, no row.
      .filter((r) => Object.values(cellsOf(r)).some((cell) => cell.trim() !== ''));
    function cellsOf(r: PlannedCustomer): Record<Column, string> {
      return {
        name: r.name.text,
        phone: r.phone.text,
        email: r.email.text,
        tags: joinValues(r.tags.map((t) => t.text)),
        notes: joinValues(r.notes.map((n) => n.text)),
        other: r.other,
      };
    }
    const encode = (cell: string, quote: boolean) =>
      quote || /["\r\n]/.test(cell) || cell.includes(c.separator)
        ? `"${cell.replace(/"/g, '""')}"`
        : cell;
    const header = c.columns.map((col) => HEADERS[col][c.headerStyle % HEADERS[col].length]!);
    let text = (c.bom ? '\uFEFF' : '') + (c.sepLine ? `sep=${c.separator}\r\n` : '');
    text += header.join(c.separator) + '\r\n';
    const lines: number[] = [];
    const starts: number[] = [];
    rows.forEach((r, i) => {
      const cells = cellsOf(r);
      starts.push(text.length);
      lines.push(lineBreaks(text) + 1);
      text += c.columns.map((col) => encode(cells[col], c.quoteAll[i]!)).join(c.separator);
      text += c.endings[i]!;
      if (c.blankAfter[i]) text += c.separator.repeat(c.columns.length - 1) + c.endings[i + 1]!;
    });
    const sheetCase: SheetCase = {
      separator: c.separator,
      rows,
      text,
      lines,
      damage: 'none',
      damagedLine: null,
    };
    if (c.damage === 'none' || rows.length === 0) return sheetCase;
    const i = c.where % rows.length;
    const at = starts[i]!;
    const damaged = {
      nul: () => `${text.slice(0, at)}Ana\0${text.slice(at)}`,
      'half-character': () => `${text.slice(0, at)}Ana\uD83D${text.slice(at)}`,
      'unclosed-quote': () => `${text.slice(0, at)}"${text.slice(at)}`,
      'huge-row': () =>
        `${text.slice(0, at)}"${'x'.repeat(1_000_001)}"${c.separator}${text.slice(at)}`,
    }[c.damage]();
    return {
      ...sheetCase,
      text: damaged,
      damage: c.damage,
      // An unclosed quote may be taken for one that closes much later, where the error shows.
      damagedLine: c.damage === 'unclosed-quote' ? null : lines[i]!,
    };
  })
  .filter((s) =>
    s.rows.every((r) =>
      [
        r.name.text,
        joinValues(r.tags.map((t) => t.text)),
        joinValues(r.notes.map((n) => n.text)),
      ].every((cell) => !GUARD_LOOKALIKE.test(cell.trim())),
    ),
  );
