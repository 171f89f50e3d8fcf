/**
 * The customer list as the table shows it: filters, order, the rows loaded so far (pages are
 * fetched as the person scrolls) and how many match. Live events refresh the top of the list
 * without losing the rows further down.
 */
import { create } from 'zustand';
import type { CustomerFilter, CustomerSort } from '../../../src/api/contract';
import type { CustomerSummary } from '../../../src/api/types';
import { api } from '../api/client';

const PAGE = 100;

export interface CustomerQuery extends CustomerFilter {
  sort: CustomerSort;
  order?: 'asc' | 'desc';
  /** The activity menu's choice ("active:7"), kept to show it; its dates are the filter. */
  range?: string;
}

interface CustomersState {
  query: CustomerQuery;
  items: CustomerSummary[];
  nextCursor: string | null;
  /** Customers matching the filters; null until counted. */
  count: number | null;
  loading: boolean;
  error: string | null;
  setQuery(patch: Partial<CustomerQuery>): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  /** Fetches the first page again and puts it above the rows already loaded. */
  refreshTop(): Promise<void>;
  /** Replaces one loaded row (after an edit) or drops it (after a delete). */
  replace(id: number, row: CustomerSummary | null): void;
}

/** What the API takes: empty strings mean "no filter". */
export function queryInput({ range: _range, ...query }: CustomerQuery) {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== ''),
  ) as Omit<CustomerQuery, 'range'>;
}

let generation = 0;

export const useCustomers = create<CustomersState>((set, get) => ({
  query: { sort: 'lastSeen' },
  items: [],
  nextCursor: null,
  count: null,
  loading: false,
  error: null,

  setQuery(patch) {
    set({ query: { ...get().query, ...patch } });
    void get().reload();
  },

  async reload() {
    // A newer query supersedes any answer still on its way.
    const mine = ++generation;
    const input = queryInput(get().query);
    set({ loading: true, error: null });
    try {
      const { sort: _sort, order: _order, ...filter } = input;
      const [page, { count }] = await Promise.all([
        api.invoke('customers.list', { ...input, limit: PAGE }),
        api.invoke('customers.count', filter),
      ]);
      if (mine !== generation) return;
      set({ items: page.items, nextCursor: page.nextCursor, count, loading: false });
    } catch (error) {
      if (mine === generation) set({ loading: false, error: messageOf(error) });
    }
  },

  async loadMore() {
    const { nextCursor, loading, query } = get();
    if (!nextCursor || loading) return;
    const mine = generation;
    set({ loading: true });
    try {
      const page = await api.invoke('customers.list', {
        ...queryInput(query),
        cursor: nextCursor,
        limit: PAGE,
      });
      if (mine !== generation) return;
      const known = new Set(get().items.map((c) => c.id));
      set({
        items: [...get().items, ...page.items.filter((c) => !known.has(c.id))],
        nextCursor: page.nextCursor,
        loading: false,
      });
    } catch (error) {
      if (mine === generation) set({ loading: false, error: messageOf(error) });
    }
  },

  async refreshTop() {
    const mine = generation;
    const input = queryInput(get().query);
    const { sort: _sort, order: _order, ...filter } = input;
    try {
      const [page, { count }] = await Promise.all([
        api.invoke('customers.list', { ...input, limit: PAGE }),
        api.invoke('customers.count', filter),
      ]);
      if (mine !== generation) return;
      const fresh = new Set(page.items.map((c) => c.id));
      const { items, nextCursor } = get();
      const rest = items.slice(page.items.length).filter((c) => !fresh.has(c.id));
      set({
        items: [...page.items, ...rest],
        nextCursor: items.length > page.items.length ? nextCursor : page.nextCursor,
        count,
      });
    } catch (error) {
      set({ error: messageOf(error) });
    }
  },

  replace(id, row) {
    const items = get().items;
    const index = items.findIndex((c) => c.id === id);
    if (index < 0) return;
    const next = [...items];
    if (row) next[index] = row;
    else next.splice(index, 1);
    set({ items: next, count: row || get().count === null ? get().count : get().count! - 1 });
  },
}));

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
