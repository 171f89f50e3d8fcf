/** RFC 4180 cells for spreadsheets, guarded against formula injection. */

/**
 * Where a spreadsheet may start a cell: the start of ours, and after each character that starts
 * a cell or a row in some reading of this file. A sheet is often opened with the other separator
 * (an English Excel reading a Portuguese export, or "paste as text" splitting at tabs); there
 * `Ana;=1+1` becomes two cells, and quoting it does not help when the cell is not the first of its
 * row: the quote then sits inside the other reading's cell and counts for nothing.
 */
const CELL_STARTS = '(?<=^|[,;\\t\\r\\n])';

/**
 * The guard: U+2060 WORD JOINER, a character every spreadsheet keeps and none draws. A cell
 * starting with it is text to Excel and LibreOffice alike, so "+55 11 99999-8888" reads as
 * written, where the apostrophe OWASP suggests shows (LibreOffice opening a CSV printed
 * `'+5511998784426`). `npm run verify:sheets` opens such a file in LibreOffice to prove it.
 */
export const GUARD_CHAR = '\u2060';

/**
 * What a spreadsheet runs as a formula there: =, +, -, @, tab or CR (OWASP's list), looked for
 * through quotes (which a lenient reader drops), apostrophes and guards (so that a text already
 * starting with "'=" or a guard is guarded too, and `unguard` gives back exactly what was written).
 */
const FORMULA = `(?=["'${GUARD_CHAR}]*[=+\\-@\\t\\r])`;

const GUARD = new RegExp(`${CELL_STARTS}${FORMULA}`, 'g');
/** Ours, or the apostrophe of an export made before the guard was invisible. */
const UNGUARD = new RegExp(`${CELL_STARTS}[${GUARD_CHAR}']${FORMULA}`, 'g');

/** What makes a cell quoted: either separator, whatever this file's is, a quote, a tab, a line break. */
const NEEDS_QUOTES = /[,;"\t\r\n]/;

/**
 * One CSV cell: a guard before each formula neutralizes it, and the cell is quoted when it holds
 * a separator, a quote, a tab or a line break. Phones begin with "+", so they come out as
 * "\u2060+55 11 99999-8888": text, shown as written, instead of a formula or 5.5E+12.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value).replace(GUARD, GUARD_CHAR);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Undoes `csvCell`'s guard when a cell is read back (and an older export's apostrophe). */
export function unguard(text: string): string {
  return text.replace(UNGUARD, '');
}

/**
 * Between the values of a multi-valued cell (phones, tags, notes): " | " reads well and never
 * clashes with a separator. A "|" inside a value is written "||", so any value comes back whole.
 */
export const VALUE_SEPARATOR = ' | ';

/** The values of a multi-valued cell: split at each lone "|", with "||" read as "|". */
export function splitValues(cell: string): string[] {
  return cell
    .split(/(?<!\|)\|(?!\|)/)
    .map((value) => value.trim().replace(/\|\|/g, '|'))
    .filter((value) => value !== '');
}

/** UTF-8 byte order mark: without it Excel reads UTF-8 as Windows-1252 ("JoÃ£o"). */
export const BOM = '\uFEFF';
