/**
 * Reading a CSV sheet made by a person or a spreadsheet: its separator and its rows, each with
 * the line of the file it starts on, or a refusal naming the line that cannot be read.
 *
 * Written here rather than with csv-parse because the line is the one thing a person needs to
 * fix a sheet, and csv-parse counts a CRLF inside a quoted cell as two lines (Excel writes CRLF),
 * and reads a file whose line endings change midway (CRLF, then LF) as one row of cells holding
 * line breaks. This reader takes CRLF, LF and CR alike, and is strict where a mistake would shift
 * the following rows into one cell: a quote never closed, text after a closing quote, a quote in
 * a cell that does not start with one (a sheet that gets past all three is read as written).
 */
import { ApiError } from '../api/errors';
import { texts } from '../i18n/texts';

/** One row of cells, and the line of the file where it starts. */
export interface SheetRow {
  line: number;
  cells: string[];
}

export type Separator = ';' | ',' | '\t';

/** Longer rows are a quote left open swallowing the file, or not a sheet at all. */
export const MAX_ROW_CHARS = 1_000_000;

const LINE_BREAK = /\r\n?|\n/g;

/** The line (from 1) of the character at `index`. */
function lineAt(text: string, index: number): number {
  return (text.slice(0, index).match(LINE_BREAK)?.length ?? 0) + 1;
}

const refuse = (line: number, problem: string) =>
  new ApiError('bad_input', texts().csvBadLine(line, problem), { line });

/**
 * Refuses text a sheet cannot hold: a NUL character (a binary file, or UTF-16 read as bytes)
 * and halves of characters (a string cut in the middle of an emoji).
 */
function checkCharacters(text: string): void {
  const nul = text.indexOf('\0');
  if (nul !== -1) throw refuse(lineAt(text, nul), texts().csvNul);
  // With the u flag a surrogate matches only when it is not half of a pair.
  const broken = text.search(/[\uD800-\uDFFF]/u);
  if (broken !== -1) throw refuse(lineAt(text, broken), texts().csvNotUnicode);
}

/**
 * The separator of a sheet: the one named by Excel's `sep=;` first line, else whichever of ";",
 * "," and tab its header line holds most of (";" on a tie: Excel's in Portuguese).
 */
function separatorOf(firstLine: string): { separator: Separator; named: boolean } {
  const named = /^sep=([;,\t])$/i.exec(firstLine);
  if (named) return { separator: named[1] as Separator, named: true };
  const count = (c: string) => firstLine.split(c).length;
  const best = ([';', ',', '\t'] as const).reduce((a, b) => (count(b) > count(a) ? b : a));
  return { separator: best, named: false };
}

/** A sheet's separator and its rows (the header first); throws bad_input naming a line. */
export function readSheet(text: string): { separator: Separator; rows: Iterable<SheetRow> } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  checkCharacters(body);
  const firstBreak = body.search(/[\r\n]/);
  const { separator, named } = separatorOf(
    body.slice(0, firstBreak === -1 ? undefined : firstBreak),
  );
  return { separator, rows: rowsOf(body, separator, named ? 1 : 0) };
}

function* rowsOf(text: string, separator: Separator, skipLines: number): Generator<SheetRow> {
  const end = text.length;
  const blank = (c: string | undefined) => c === ' ' || (c === '\t' && separator !== '\t');
  const unquoted = new RegExp(`[^${separator === '\t' ? '\\t' : separator}\\r\\n]*`, 'y');
  let pos = 0;
  let line = 1;

  /** Steps over a line break at `pos`, if there is one. */
  const lineBreak = (): boolean => {
    if (text[pos] === '\r') pos += text[pos + 1] === '\n' ? 2 : 1;
    else if (text[pos] === '\n') pos += 1;
    else return false;
    line++;
    return true;
  };

  for (let skipped = 0; skipped < skipLines && pos < end; skipped++) {
    while (pos < end && text[pos] !== '\r' && text[pos] !== '\n') pos++;
    lineBreak();
  }

  while (pos < end) {
    const start = pos;
    const rowLine = line;
    const cells: string[] = [];
    for (;;) {
      let p = pos;
      while (blank(text[p])) p++;
      if (text[p] === '"') {
        const opened = line;
        let value = '';
        p++;
        for (;;) {
          const quote = text.indexOf('"', p);
          if (quote === -1) throw refuse(opened, texts().csvQuoteNotClosed);
          const part = text.slice(p, quote);
          value += part;
          line += part.match(LINE_BREAK)?.length ?? 0;
          if (text[quote + 1] !== '"') {
            p = quote + 1;
            break;
          }
          value += '"';
          p = quote + 2;
        }
        while (blank(text[p])) p++;
        pos = p;
        cells.push(value);
        if (pos < end && text[pos] !== separator && text[pos] !== '\r' && text[pos] !== '\n')
          throw refuse(opened, texts().csvTextAfterQuote(line === opened ? null : line));
      } else {
        unquoted.lastIndex = pos;
        unquoted.test(text);
        const value = text.slice(pos, unquoted.lastIndex);
        // Spreadsheets quote such a cell whole; a quote inside is most often one left open
        // earlier, whose cell swallowed the rows up to here.
        if (value.includes('"')) throw refuse(line, texts().csvQuoteInCell);
        cells.push(value);
        pos = unquoted.lastIndex;
      }
      if (text[pos] === separator) {
        pos++;
        continue;
      }
      lineBreak();
      break;
    }
    if (pos - start > MAX_ROW_CHARS) throw refuse(rowLine, texts().csvRowTooLong(MAX_ROW_CHARS));
    // A line with nothing but separators on it is no row (Excel leaves them at the end).
    if (cells.some((cell) => cell.trim() !== '')) yield { line: rowLine, cells };
  }
}
