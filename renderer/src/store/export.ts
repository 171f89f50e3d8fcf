/** The CSV export under way, for the progress bar, and how the last one ended. */
import { create } from 'zustand';
import type { ExportCustomersRequest } from '../../../src/api/contract';
import { api } from '../api/client';
import { messageOf } from './customers';

interface ExportState {
  running: boolean;
  done: number;
  total: number;
  result: { rows: number; path: string | null } | null;
  error: string | null;
  start(request: ExportCustomersRequest): Promise<void>;
  progress(done: number, total: number): void;
  dismiss(): void;
}

export const useExport = create<ExportState>((set, get) => ({
  running: false,
  done: 0,
  total: 0,
  result: null,
  error: null,
  async start(request) {
    if (get().running) return;
    set({ running: true, done: 0, total: 0, result: null, error: null });
    try {
      const result = await api.exportCustomers(request);
      set({ running: false, result });
    } catch (error) {
      set({ running: false, error: messageOf(error) });
    }
  },
  progress(done, total) {
    if (get().running) set({ done, total });
  },
  dismiss() {
    set({ result: null, error: null });
  },
}));
