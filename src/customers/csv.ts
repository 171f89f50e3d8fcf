/** RFC 4180 cells for spreadsheets, guarded against formula injection. */

/** Cells starting with these are run as formulas by Excel, LibreOffice and Google Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a leading apostrophe neutralizes a formula (OWASP's advice); the cell is quoted
 * when it holds the delimiter, a quote or a line break. E.164 phones begin with "+", so they come
 * out as '+5511999998888: shown as text instead of being evaluated (or mangled into 5.5E+12).
 */
export function csvCell(value: string | number | null | undefined, delimiter: string): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (
    text.includes(delimiter) ||
    text.includes('"') ||
    text.includes('\n') ||
    text.includes('\r')
  ) {
    return `"${text.replace(/"/g, '""')}"`;
  }
  return text;
}

/** Undoes `csvCell`'s guard when a file we wrote is read back. */
export function unguard(text: string): string {
  return text.length > 1 && text[0] === "'" && FORMULA_START.test(text.slice(1))
    ? text.slice(1)
    : text;
}

/** UTF-8 byte order mark: without it Excel reads UTF-8 as Windows-1252 ("JoÃ£o"). */
export const BOM = '\uFEFF';
