/**
 * Reading the first sheet of an Excel workbook (.xlsx) as rows of text, for the import: what
 * Excel, LibreOffice, Google Sheets and the exporters built on SheetJS write. Each row keeps its
 * number in the sheet as its line, so a reason names the row Excel shows. The sheet is read a
 * slice of rows at a time, never as one string (a million rows are more than a string holds).
 */
import { ApiError } from '../api/errors';
import { texts } from '../i18n/texts';
import { openZip, ZipError, type ZipArchive } from '../shared/zip-read';
import type { SheetRow } from './csv-read';

/** What one part of the workbook may inflate to: a sheet of a million full rows fits. */
export const MAX_PART_BYTES = 1024 * 1024 * 1024;
/** Bytes of sheet XML decoded at once, cut at a row's end. */
const SLICE_BYTES = 4 * 1024 * 1024;

/** Any namespace prefix an element may carry (`<x:row>` from the Open XML SDK). */
const P = '(?:[\\w.-]+:)?';
const element = (name: string) =>
  new RegExp(`<${P}${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}${name}>)`, 'g');
const ROW = element('row');
const CELL = element('c');
const VALUE = new RegExp(`<${P}v(?:\\s[^>]*)?>([\\s\\S]*?)</${P}v>`);
const TEXT = new RegExp(`<${P}t(?:\\s[^>]*)?>([\\s\\S]*?)</${P}t>`, 'g');
/** Phonetic runs (Japanese readings) are not part of the cell's text. */
const PHONETIC = new RegExp(`<${P}rPh\\b[\\s\\S]*?</${P}rPh>`, 'g');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data as text: entities, character references and Excel's `_x000D_` escapes. */
function unescapeXml(text: string): string {
  return text
    .replace(
      /&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi,
      (whole, hex?: string, dec?: string, name?: string) => {
        if (name) return ENTITIES[name] ?? whole;
        const code = hex ? parseInt(hex, 16) : Number(dec);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
      },
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const textOf = (xml: string) =>
  unescapeXml([...xml.replace(PHONETIC, '').matchAll(TEXT)].map((m) => m[1]).join(''));

const attribute = (attributes: string, name: string) =>
  new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1];

/** The column index (from 0) of a reference such as "AB12". */
function columnIndex(reference: string): number | null {
  const letters = /^([A-Z]{1,3})\d*$/i.exec(reference)?.[1];
  if (!letters) return null;
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + c.charCodeAt(0) - 64;
  return n - 1;
}

const unreadable = () => new ApiError('bad_input', texts().xlsxUnreadable);

/** The path of the part a workbook relationship of this type (or id) points to. */
function related(zip: ZipArchive, match: (type: string, id: string) => boolean): string | null {
  const rels = zip.read('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  for (const [attributes] of rels.matchAll(new RegExp(`<${P}Relationship\\b[^>]*>`, 'g'))) {
    const target = attribute(attributes, 'Target');
    if (target && match(attribute(attributes, 'Type') ?? '', attribute(attributes, 'Id') ?? ''))
      return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  }
  return null;
}

/** The workbook's first sheet, and its shared strings. */
function openWorkbook(
  bytes: Uint8Array,
  maxPartBytes: number,
): { sheet: Buffer; shared: string[] } {
  const zip = openZip(bytes, { maxEntryBytes: maxPartBytes });
  const workbook = zip.read('xl/workbook.xml')?.toString('utf8');
  if (!workbook) throw unreadable();
  const first = new RegExp(`<${P}sheet\\b([^>]*)>`).exec(workbook)?.[1] ?? '';
  const id = /\b[\w]+:id="([^"]*)"/.exec(first)?.[1];
  const path = (id && related(zip, (_, rid) => rid === id)) || 'xl/worksheets/sheet1.xml';
  const sheet = zip.read(path);
  if (!sheet) throw unreadable();
  const stringsPath =
    related(zip, (type) => type.endsWith('/sharedStrings')) ?? 'xl/sharedStrings.xml';
  const strings = zip.read(stringsPath)?.toString('utf8') ?? '';
  const shared = [...strings.matchAll(element('si'))].map((m) => textOf(m[2] ?? ''));
  return { sheet, shared };
}

/** A cell's text: shared or inline strings, numbers as written, booleans as TRUE / FALSE. */
function cellText(attributes: string, body: string, shared: string[]): string {
  const type = attribute(attributes, 't');
  if (type === 'inlineStr') return textOf(body);
  const value = unescapeXml(VALUE.exec(body)?.[1] ?? '');
  if (type === 's') return shared[Number(value)] ?? '';
  if (type === 'b') return value === '1' ? 'TRUE' : 'FALSE';
  return value;
}

/**
 * The rows of the workbook's first sheet, the header first, each with its row number as its
 * line; empty rows are left out, as the CSV reader leaves out blank lines. Throws bad_input when
 * the file is not a workbook this can read.
 */
export function readXlsx(bytes: Uint8Array, maxPartBytes = MAX_PART_BYTES): Iterable<SheetRow> {
  let book: { sheet: Buffer; shared: string[] };
  try {
    book = openWorkbook(bytes, maxPartBytes);
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    throw error.problem === 'too_large'
      ? new ApiError('bad_input', texts().xlsxTooLarge(maxPartBytes / 1024 / 1024))
      : unreadable();
  }
  return rowsOf(book.sheet, book.shared);
}

function* rowsOf(sheet: Buffer, shared: string[]): Generator<SheetRow> {
  let line = 0;
  for (let at = 0; at < sheet.length;) {
    let cut = sheet.indexOf('</', at + SLICE_BYTES);
    // Cut after a row's end tag, whatever its prefix, so that no row is split.
    while (cut !== -1 && !/^<\/(?:[\w.-]+:)?row>/.test(sheet.toString('latin1', cut, cut + 40)))
      cut = sheet.indexOf('</', cut + 2);
    const end = cut === -1 ? sheet.length : sheet.indexOf('>', cut) + 1;
    const xml = sheet.toString('utf8', at, end);
    at = end;
    for (const [, attributes = '', body = ''] of xml.matchAll(ROW)) {
      line = Number(attribute(attributes, 'r') ?? line + 1);
      const cells: string[] = [];
      for (const [, cellAttributes = '', cellBody = ''] of body.matchAll(CELL)) {
        const index = columnIndex(attribute(cellAttributes, 'r') ?? '') ?? cells.length;
        while (cells.length < index) cells.push('');
        cells[index] = cellText(cellAttributes, cellBody, shared);
      }
      if (cells.some((cell) => cell.trim() !== '')) yield { line, cells };
    }
  }
}
