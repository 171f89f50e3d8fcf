/** The customer list as CSV: what Excel opens in Portuguese or English, one page at a time. */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { effectiveCsvDelimiter } from '../settings/store';
import { localDateTimeFormatter } from '../shared/time';
import { BOM, csvCell } from './csv';
import {
  EXPORT_HEADERS,
  readExport,
  type ExportOptions,
  type ExportRequest,
  type ExportSource,
} from './export-rows';

/**
 * Streams the customers matching the list's filters as CSV, in the list's order: UTF-8 with BOM,
 * ";" for Portuguese (Excel's expectation there) or ",", dates as local "YYYY-MM-DD HH:MM:SS",
 * phones as people write them. Memory stays flat: one page of rows at a time, waiting for the
 * output to drain.
 */
export function exportCustomersCsv(
  core: ExportSource,
  request: ExportRequest,
  output: Writable | NodeJS.WritableStream,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  return readExport(core, request, options, async ({ language, settings, pages }) => {
    const delimiter = request.delimiter ?? effectiveCsvDelimiter({ ...settings, language });
    const date = localDateTimeFormatter(settings.timeZone);
    const when = (ms: number | null) => (ms === null ? '' : date(ms));
    const write = async (chunk: string) => {
      if (!output.write(chunk)) await once(output as Writable, 'drain', { signal: options.signal });
    };
    await write(BOM + EXPORT_HEADERS[language].join(delimiter) + '\r\n');
    let rows = 0;
    for await (const page of pages) {
      let chunk = '';
      for (const r of page)
        chunk +=
          [
            r.id,
            ...r.text.map(csvCell),
            when(r.firstContactAt),
            when(r.lastSeenAt),
            ...r.tail.map(csvCell),
          ].join(delimiter) + '\r\n';
      rows += page.length;
      if (chunk) await write(chunk);
    }
    return { rows };
  });
}
