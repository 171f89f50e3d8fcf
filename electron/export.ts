import { app, dialog, type BrowserWindow } from 'electron';
import { closeSync, createWriteStream, openSync, rmSync, writeSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { contract, ExportCustomersSchema } from '../src/api/contract';
import { parseInput } from '../src/api/invoke';
import type { Core } from '../src/core';
import { exportCustomers } from '../src/customers/export-file';
import { exportFileName } from '../src/customers/export-rows';
import { personalDataFileName } from '../src/privacy/export';

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

/**
 * "Export this customer's data" in the desktop app: the save dialog, then the person's zip
 * (src/privacy) written to the chosen file, logged as `desktop`. Null when the dialog is
 * cancelled; a customer not found is said before the dialog opens.
 */
export async function exportCustomerDataToChosenFile(
  core: Core,
  window: BrowserWindow,
  input: unknown,
): Promise<{ path: string } | null> {
  const { id } = parseInput(contract['customers.get'].input, input);
  core.customers.detail.get(id);
  const choice = await dialog.showSaveDialog(window, {
    defaultPath: join(app.getPath('documents'), personalDataFileName(id, core.now())),
    filters: [{ name: 'ZIP', extensions: ['zip'] }],
  });
  if (choice.canceled || !choice.filePath) return null;
  const fd = openSync(choice.filePath, 'w', 0o600);
  try {
    core.privacy.exportZip(id, 'desktop', (chunk) => void writeSync(fd, chunk));
  } catch (error) {
    closeSync(fd);
    rmSync(choice.filePath, { force: true });
    throw error;
  }
  closeSync(fd);
  return { path: choice.filePath };
}
