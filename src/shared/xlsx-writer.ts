/**
 * An Excel workbook (.xlsx, ECMA-376) written as its rows arrive: one sheet of typed cells, with
 * the header row bold, frozen and filtered. Strings are inline (`t="inlineStr"`), not shared: a
 * shared-string table would hold every distinct text in memory until the end. Text in an XLSX
 * cell is only ever text, never a formula, so nothing needs the CSV's guard here.
 */
import type { Writable } from 'node:stream';
import { createZipWriter } from './zip-writer';

/**
 * `string`: general text; `text`: text kept as text when edited (Excel's "@" format: phones, whose
 * digits a retyped cell would otherwise turn into a number); `number`; `date`, given as the
 * wall-clock time in epoch milliseconds (see `wallClock`).
 */
export type ColumnKind = 'string' | 'text' | 'number' | 'date';

export interface SheetColumn {
  header: string;
  kind: ColumnKind;
  /** In characters of the default font. */
  width: number;
}

export type Cell = string | number | null;

export interface Workbook {
  /** The first sheet's name; more rows than a sheet holds go on "NAME 2", "NAME 3"... */
  sheetName: string;
  columns: SheetColumn[];
  /** How dates are shown, as an Excel number format: "dd/mm/yyyy hh:mm". */
  dateFormat: string;
  /** The rows, in pages, each row one cell per column. */
  pages: AsyncIterable<Cell[][]>;
}

/** Rows a sheet holds in Excel (1,048,576), the header's included. */
export const SHEET_ROWS = 1_048_576;
/** Characters a cell holds in Excel; longer text is cut there, ending in "…". */
export const CELL_CHARS = 32_767;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Styles (cellXfs) by index: 0 general, 1 date, 2 text ("@"), 3 the header (bold). */
const STYLE = { date: 1, text: 2, header: 3 } as const;

/** What XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/F), what it must escape, and an
 * underscore that Excel would read as an escape of its own (`_x0041_` is "A"). */
const NEEDS_ESCAPE =
  /[&<>]|[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|_(?=x[0-9A-Fa-f]{4}_)/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', _: '_x005F_' };

/** Text as XML character data; what XML cannot hold becomes U+FFFD. */
export function xmlText(text: string): string {
  NEEDS_ESCAPE.lastIndex = 0;
  return NEEDS_ESCAPE.test(text) ? text.replace(NEEDS_ESCAPE, (c) => ESCAPES[c] ?? '\uFFFD') : text;
}

/** An inline string cell; `r` is its reference ("B2"). */
function stringCell(r: string, text: string, style: number): string {
  const cut = text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS - 1)}…` : text;
  const space = /^\s|\s$/.test(cut) ? ' xml:space="preserve"' : '';
  const s = style ? ` s="${style}"` : '';
  return `<c r="${r}"${s} t="inlineStr"><is><t${space}>${xmlText(cut)}</t></is></c>`;
}

/** "A", "B", ... "Z", "AA": the letters of the column at `index` (from 0). */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Excel's serial date: days since 1899-12-30, from wall-clock epoch milliseconds. */
export const excelSerial = (wallMs: number) => wallMs / 86_400_000 + 25_569;

function sheetXml(
  book: Workbook,
  rows: AsyncIterator<Cell[]>,
  sheetRows: number,
  onRow: () => void,
) {
  const letters = book.columns.map((_, i) => columnLetters(i));
  const last = letters.at(-1)!;
  const cellOf = (kind: ColumnKind, r: string, value: Cell): string => {
    if (value === null || value === '') return '';
    if (kind === 'number' && typeof value === 'number') return `<c r="${r}"><v>${value}</v></c>`;
    if (kind === 'date' && typeof value === 'number')
      return `<c r="${r}" s="${STYLE.date}"><v>${excelSerial(value)}</v></c>`;
    return stringCell(r, String(value), kind === 'text' ? STYLE.text : 0);
  };
  const state = { rows: 1, done: false };
  async function* xml() {
    const cols = book.columns.map((c, i) => {
      const style = c.kind === 'text' ? ` style="${STYLE.text}"` : '';
      return `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${style}/>`;
    });
    const header = book.columns.map((c, i) => stringCell(`${letters[i]}1`, c.header, STYLE.header));
    yield (
      `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0">` +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      `<cols>${cols.join('')}</cols><sheetData><row r="1">${header.join('')}</row>`
    );
    let chunk = '';
    while (state.rows < sheetRows) {
      const next = await rows.next();
      if (next.done) {
        state.done = true;
        break;
      }
      const n = ++state.rows;
      chunk += `<row r="${n}">`;
      next.value.forEach(
        (value, i) => (chunk += cellOf(book.columns[i]!.kind, `${letters[i]}${n}`, value)),
      );
      chunk += '</row>';
      onRow();
      if (chunk.length > 65_536) {
        yield chunk;
        chunk = '';
      }
    }
    yield `${chunk}</sheetData><autoFilter ref="A1:${last}${state.rows}"/></worksheet>`;
  }
  return { xml, state, ref: `$A$1:$${last}$` };
}

const STYLES = (dateFormat: string) =>
  `${XML}<styleSheet xmlns="${MAIN}">` +
  `<numFmts count="1"><numFmt numFmtId="164" formatCode="${xmlText(dateFormat).replace(/"/g, '&quot;')}"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** Each row of the pages, one at a time. */
async function* rowsOf(pages: AsyncIterable<Cell[][]>): AsyncGenerator<Cell[]> {
  for await (const page of pages) yield* page;
}

/**
 * Writes the workbook to `output` (left open), deflating as it goes; memory holds one page of
 * rows and a 64 KiB chunk of XML. Returns the number of data rows written.
 */
export async function writeXlsx(
  output: Writable | NodeJS.WritableStream,
  book: Workbook,
  options: {
    now: number;
    level?: number;
    signal?: AbortSignal;
    /** Rows a sheet holds, its header's included: Excel's 1,048,576 unless a test says less. */
    sheetRows?: number;
  },
): Promise<{ rows: number }> {
  const zip = createZipWriter(output, { level: 1, ...options });
  await zip.add(
    '_rels/.rels',
    `${XML}<Relationships xmlns="${PKG}/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  await zip.add('xl/styles.xml', STYLES(book.dateFormat));
  const rows = rowsOf(book.pages)[Symbol.asyncIterator]();
  const sheets: { name: string; ref: string }[] = [];
  let total = 0;
  for (let done = false; !done;) {
    const sheet = sheetXml(book, rows, options.sheetRows ?? SHEET_ROWS, () => total++);
    const name = sheets.length === 0 ? book.sheetName : `${book.sheetName} ${sheets.length + 1}`;
    await zip.add(`xl/worksheets/sheet${sheets.length + 1}.xml`, sheet.xml());
    sheets.push({ name, ref: sheet.ref + sheet.state.rows });
    done = sheet.state.done;
  }
  const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
  await zip.add(
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>` +
      sheets
        .map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('') +
      '</sheets><definedNames>' +
      // Excel keeps a sheet's filter range under this hidden name; without it the filter is lost on save.
      sheets
        .map(
          (s, i) =>
            `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(quoted(s.name))}!${s.ref}</definedName>`,
        )
        .join('') +
      '</definedNames></workbook>',
  );
  await zip.add(
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="${PKG}/relationships">` +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  // Written last, when the sheets are counted: readers find it through the central directory.
  await zip.add(
    '[Content_Types].xml',
    `${XML}<Types xmlns="${PKG}/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  );
  await zip.finish();
  return { rows: total };
}
