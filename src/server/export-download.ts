/**
 * "Export" in a browser: the list's filters in the query string, the core's streamed CSV or XLSX
 * as the response, the row count up front (`X-Total-Count`) so the page can show progress.
 */
import { ExportCustomersSchema } from '../api/contract';
import { parseInput } from '../api/invoke';
import type { Core } from '../core';
import { countCustomers, exportFileName, type ExportFormat } from '../customers/export-rows';
import { EXPORT_FILES, exportCustomers } from '../customers/export-file';
import { queryObject, type RouteHandler } from './http-io';

/** The route handler of `GET /api/customers/export.csv` or `.xlsx`: the path names the format. */
export function exportDownload(core: Core, format: ExportFormat): RouteHandler {
  return async ({ url, response }) => {
    const {
      delimiter,
      language,
      sort,
      order,
      format: _,
      ...filter
    } = parseInput(ExportCustomersSchema, queryObject(url));
    const total = countCustomers(core.db, filter, core.settings.get().timeZone);
    response.writeHead(200, {
      'Content-Type': EXPORT_FILES[format].mediaType,
      'Content-Disposition': `attachment; filename="${exportFileName(core.now(), format)}"`,
      'X-Total-Count': String(total),
      'Cache-Control': 'no-store',
    });
    // A closed tab stops the export instead of reading a million rows for no one.
    const stop = new AbortController();
    response.on('close', () => stop.abort());
    await exportCustomers(core, format, { filter, sort, order, delimiter, language }, response, {
      signal: stop.signal,
    });
    response.end();
  };
}
