/** The customer open in the detail panel, and the edits made there. */
import { create } from 'zustand';
import type { CustomerDetail } from '../../../src/api/types';
import { api } from '../api/client';
import { messageOf, useCustomers } from './customers';

interface DetailState {
  id: number | null;
  detail: CustomerDetail | null;
  error: string | null;
  open(id: number | null): Promise<void>;
  /** Runs an edit, shows its result and puts the new row into the list. */
  apply(edit: Promise<CustomerDetail>): Promise<void>;
}

export const useCustomerDetail = create<DetailState>((set, get) => ({
  id: null,
  detail: null,
  error: null,
  async open(id) {
    if (id !== get().id) set({ id, detail: null, error: null });
    if (id === null) return;
    try {
      const detail = await api.invoke('customers.get', { id });
      if (get().id === id) set({ detail, error: null });
    } catch (error) {
      if (get().id === id) set({ error: messageOf(error) });
    }
  },
  async apply(edit) {
    const detail = await edit;
    set({ detail, error: null });
    useCustomers.getState().replace(detail.id, detail);
  },
}));
