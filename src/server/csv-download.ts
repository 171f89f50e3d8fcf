/**
 * "Export CSV" in a browser: the list's filters in the query string, the core's streamed export
 * as the response, the row count up front (`X-Total-Count`) so the page can show progress.
 */
import { ExportCustomersSchema } from '../api/contract';
import { parseInput } from '../api/invoke';
import type { Core } from '../core';
import { countCustomers, exportCustomersCsv, exportFileName } from '../customers/csv-export';
import { queryObject, type RouteHandler } from './http-io';

/** The route handler of `GET /api/customers/export.csv`. */
export function csvDownload(core: Core): RouteHandler {
  return async ({ url, response }) => {
    const { delimiter, language, sort, order, ...filter } = parseInput(
      ExportCustomersSchema,
      queryObject(url),
    );
    const total = countCustomers(core.db, filter, core.settings.get().timeZone);
    response.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(core.now())}"`,
      'X-Total-Count': String(total),
      'Cache-Control': 'no-store',
    });
    // A closed tab stops the export instead of reading a million rows for no one.
    const stop = new AbortController();
    response.on('close', () => stop.abort());
    await exportCustomersCsv(core, { filter, sort, order, delimiter, language }, response, {
      signal: stop.signal,
    });
    response.end();
  };
}
