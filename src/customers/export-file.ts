/** One door to the customer exports, by format: what the CLI, host mode and the desktop app call. */
import type { Writable } from 'node:stream';
import { exportCustomersCsv } from './csv-export';
import type { ExportFormat, ExportOptions, ExportRequest, ExportSource } from './export-rows';
import { exportCustomersXlsx } from './xlsx-export';

/** Each format's media type and its writer. */
export const EXPORT_FILES = {
  csv: { mediaType: 'text/csv; charset=utf-8', write: exportCustomersCsv },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    write: exportCustomersXlsx,
  },
} as const satisfies Record<ExportFormat, { mediaType: string; write: unknown }>;

/** Streams the customers matching `request` to `output` as a CSV or an Excel workbook. */
export function exportCustomers(
  core: ExportSource,
  format: ExportFormat,
  request: ExportRequest,
  output: Writable | NodeJS.WritableStream,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  return EXPORT_FILES[format].write(core, request, output, options);
}
