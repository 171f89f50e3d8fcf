import { app, dialog, type BrowserWindow } from 'electron';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { ExportCustomersSchema } from '../src/api/contract';
import type { Core } from '../src/core';
import { exportCustomersCsv, exportFileName } from '../src/customers/csv-export';

/**
 * "Export CSV" in the desktop app: the save dialog, then the core's streamed export straight
 * to the chosen file, with progress sent to the window as it goes.
 */
export async function exportToChosenFile(
  core: Core,
  window: BrowserWindow,
  input: unknown,
  progress: (done: number, total: number) => void,
): Promise<{ rows: number; path: string } | null> {
  const { delimiter, language, sort, order, ...filter } = ExportCustomersSchema.parse(input);
  const choice = await dialog.showSaveDialog(window, {
    defaultPath: join(app.getPath('documents'), exportFileName(core.now())),
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  });
  if (choice.canceled || !choice.filePath) return null;
  const file = createWriteStream(choice.filePath);
  const { rows } = await exportCustomersCsv(
    core,
    { filter, sort, order, delimiter, language },
    file,
    {
      onProgress: progress,
    },
  );
  file.end();
  await finished(file);
  return { rows, path: choice.filePath };
}
