/**
 * One person's data under the LGPD from the detail panel: its export (a zip saved or downloaded)
 * and its erasure, and how the last of each ended. The erasure's result outlives the panel,
 * which closes on it: the Customers page says who was erased.
 */
import { create } from 'zustand';
import type { ErasureReport } from '../../../src/api/types';
import { api } from '../api/client';
import { messageOf, useCustomers } from './customers';
import { useStats } from './stats';

interface PersonalDataState {
  busy: 'export' | 'erase' | null;
  /** The last export: which customer, and where the file went (null: a browser's download). */
  exported: { id: number; path: string | null } | null;
  erased: (ErasureReport & { name: string }) | null;
  error: string | null;
  exportData(id: number): Promise<void>;
  /** Erases the customer; resolves once the list no longer shows them. */
  erase(id: number, name: string): Promise<void>;
  dismiss(): void;
}

export const usePersonalData = create<PersonalDataState>((set, get) => ({
  busy: null,
  exported: null,
  erased: null,
  error: null,
  async exportData(id) {
    if (get().busy) return;
    set({ busy: 'export', exported: null, error: null });
    try {
      const result = await api.exportCustomerData(id);
      set({ busy: null, exported: result && { id, path: result.path } });
    } catch (error) {
      set({ busy: null, error: messageOf(error) });
    }
  },
  async erase(id, name) {
    set({ busy: 'erase', erased: null, error: null });
    try {
      const report = await api.invoke('customers.erase', { id });
      useCustomers.getState().replace(id, null);
      void useStats.getState().refresh();
      set({ busy: null, erased: { ...report, name }, exported: null });
    } catch (error) {
      set({ busy: null });
      throw error;
    }
  },
  dismiss() {
    set({ exported: null, erased: null, error: null });
  },
}));
