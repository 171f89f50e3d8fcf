/**
 * The sheet import: the file read and previewed (what it would create, update and skip), the
 * owner's confirmation, then the import itself and how it ended: its report, or why nothing was
 * stored.
 */
import { create } from 'zustand';
import type { ImportSheet } from '../../../src/api/contract';
import type { ImportReport } from '../../../src/api/types';
import { decodeSheet, looksLikeZip } from '../../../src/shared/sheet-text';
import { api } from '../api/client';
import { messageOf, useCustomers } from './customers';
import { useStats } from './stats';

interface ImportState {
  /** The file being read and previewed, or stored. */
  running: { file: string; phase: 'reading' | 'storing' } | null;
  /** A previewed sheet waiting for the owner's word. */
  pending: { file: string; sheet: ImportSheet; preview: ImportReport } | null;
  report: ImportReport | null;
  /** The core's reason (naming the line to fix) when the sheet was refused as a whole. */
  error: string | null;
  choose(file: File): Promise<void>;
  confirm(): Promise<void>;
  cancel(): void;
  dismiss(): void;
}

/** The file as the API carries it: an .xlsx in base64, a CSV decoded as Excel wrote it. */
async function sheetOf(file: File): Promise<ImportSheet> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!looksLikeZip(bytes)) return { csv: decodeSheet(bytes) };
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(file.name));
    reader.readAsDataURL(new Blob([bytes]));
  });
  return { xlsx: url.slice(url.indexOf(',') + 1) };
}

export const useImport = create<ImportState>((set, get) => ({
  running: null,
  pending: null,
  report: null,
  error: null,
  async choose(file) {
    if (get().running) return;
    set({
      running: { file: file.name, phase: 'reading' },
      pending: null,
      report: null,
      error: null,
    });
    try {
      const sheet = await sheetOf(file);
      const preview = await api.invoke('customers.importPreview', sheet);
      set({ running: null, pending: { file: file.name, sheet, preview } });
    } catch (error) {
      set({ running: null, error: messageOf(error) });
    }
  },
  async confirm() {
    const pending = get().pending;
    if (!pending || get().running) return;
    set({ running: { file: pending.file, phase: 'storing' }, pending: null });
    try {
      const report = await api.invoke('customers.importCsv', pending.sheet);
      set({ running: null, report });
      void useCustomers.getState().reload();
      void useStats.getState().refresh();
    } catch (error) {
      set({ running: null, error: messageOf(error) });
    }
  },
  cancel() {
    set({ pending: null });
  },
  dismiss() {
    set({ report: null, error: null });
  },
}));
