/** The CSV import under way, and how the last one ended: its report, or why nothing was stored. */
import { create } from 'zustand';
import type { ImportReport } from '../../../src/api/types';
import { decodeSheet } from '../../../src/shared/sheet-text';
import { api } from '../api/client';
import { messageOf, useCustomers } from './customers';
import { useStats } from './stats';

interface ImportState {
  /** The file being imported. */
  running: string | null;
  report: ImportReport | null;
  /** The core's reason (naming the line to fix) when the sheet was refused as a whole. */
  error: string | null;
  start(file: File): Promise<void>;
  dismiss(): void;
}

export const useImport = create<ImportState>((set, get) => ({
  running: null,
  report: null,
  error: null,
  async start(file) {
    if (get().running) return;
    set({ running: file.name, report: null, error: null });
    try {
      // Decoded as Excel wrote it: UTF-8, UTF-16 "Unicode text" or Windows-1252 "CSV".
      const csv = decodeSheet(new Uint8Array(await file.arrayBuffer()));
      const report = await api.invoke('customers.importCsv', { csv });
      set({ running: null, report });
      void useCustomers.getState().reload();
      void useStats.getState().refresh();
    } catch (error) {
      set({ running: null, error: messageOf(error) });
    }
  },
  dismiss() {
    set({ report: null, error: null });
  },
}));
