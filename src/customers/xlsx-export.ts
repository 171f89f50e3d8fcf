/** The customer list as an Excel workbook: typed cells, the header filtered, streamed. */
import type { Writable } from 'node:stream';
import { wallClock } from '../shared/time';
import { writeXlsx, type ColumnKind, type SheetColumn } from '../shared/xlsx-writer';
import {
  EXPORT_HEADERS,
  readExport,
  type ExportLanguage,
  type ExportOptions,
  type ExportRequest,
  type ExportSource,
} from './export-rows';

/** Each column's kind and width, in EXPORT_HEADERS' order: phones stay text, dates are dates. */
const LAYOUT: [ColumnKind, number][] = [
  ['number', 8],
  ['string', 28],
  ['text', 20],
  ['string', 28],
  ['string', 16],
  ['string', 16],
  ['string', 20],
  ['date', 18],
  ['date', 18],
  ['string', 24],
  ['string', 40],
];

/** Dates as the business reads them; the value underneath is the same date either way. */
const DATE_FORMATS: Record<ExportLanguage, string> = {
  'pt-BR': 'dd/mm/yyyy hh:mm',
  en: 'yyyy-mm-dd hh:mm',
};

const SHEET_NAMES: Record<ExportLanguage, string> = { 'pt-BR': 'Clientes', en: 'Customers' };

/**
 * Streams the customers matching the list's filters as an .xlsx workbook, in the list's order:
 * phones as text cells ("+55 11 99999-8888"), first contact and last seen as dates in the
 * business's time zone, several tags or notes in one cell, the header row bold, frozen and with
 * a filter. Memory holds one page of rows and the zip's running state.
 */
export function exportCustomersXlsx(
  core: ExportSource,
  request: ExportRequest,
  output: Writable | NodeJS.WritableStream,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  return readExport(core, request, options, ({ language, settings, pages }) => {
    const wall = wallClock(settings.timeZone);
    const when = (ms: number | null) => (ms === null ? null : wall(ms));
    const columns: SheetColumn[] = EXPORT_HEADERS[language].map((header, i) => ({
      header,
      kind: LAYOUT[i]![0],
      width: LAYOUT[i]![1],
    }));
    async function* cells() {
      for await (const page of pages)
        yield page.map((r) => [
          r.id,
          ...r.text,
          when(r.firstContactAt),
          when(r.lastSeenAt),
          ...r.tail,
        ]);
    }
    return writeXlsx(
      output,
      {
        sheetName: SHEET_NAMES[language],
        columns,
        dateFormat: DATE_FORMATS[language],
        pages: cells(),
      },
      { now: core.now(), signal: options.signal },
    );
  });
}
