/** The three cards and the 30-day chart of the Customers page. */
import { create } from 'zustand';
import type { CustomerStats } from '../../../src/api/types';
import { api } from '../api/client';

interface StatsState {
  stats: CustomerStats | null;
  perDay: { date: string; count: number }[];
  error: string | null;
  refresh(): Promise<void>;
}

export const useStats = create<StatsState>((set) => ({
  stats: null,
  perDay: [],
  error: null,
  async refresh() {
    try {
      const [stats, perDay] = await Promise.all([
        api.invoke('customers.stats', {}),
        api.invoke('customers.newPerDay', { days: 30 }),
      ]);
      set({ stats, perDay, error: null });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
}));
