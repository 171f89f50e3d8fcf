import { app, dialog, type BrowserWindow } from 'electron';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { ExportCustomersSchema } from '../src/api/contract';
import type { Core } from '../src/core';
import { exportCustomers } from '../src/customers/export-file';
import { exportFileName } from '../src/customers/export-rows';

const FILTERS = {
  csv: { name: 'CSV', extensions: ['csv'] },
  xlsx: { name: 'Excel', extensions: ['xlsx'] },
};

/**
 * "Export" in the desktop app: the save dialog, then the core's streamed CSV or XLSX straight
 * to the chosen file, with progress sent to the window as it goes.
 */
export async function exportToChosenFile(
  core: Core,
  window: BrowserWindow,
  input: unknown,
  progress: (done: number, total: number) => void,
): Promise<{ rows: number; path: string } | null> {
  const {
    delimiter,
    language,
    sort,
    order,
    format = 'csv',
    ...filter
  } = ExportCustomersSchema.parse(input);
  const choice = await dialog.showSaveDialog(window, {
    defaultPath: join(app.getPath('documents'), exportFileName(core.now(), format)),
    filters: [FILTERS[format]],
  });
  if (choice.canceled || !choice.filePath) return null;
  const file = createWriteStream(choice.filePath);
  const { rows } = await exportCustomers(
    core,
    format,
    { filter, sort, order, delimiter, language },
    file,
    { onProgress: progress },
  );
  file.end();
  await finished(file);
  return { rows, path: choice.filePath };
}
