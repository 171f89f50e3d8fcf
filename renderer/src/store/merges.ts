/**
 * Merging customers, and taking a merge back: the last merge can be undone while its customer is
 * on screen, by splitting the contacts that came from the merged-away record out again; any
 * contact can be split off later. What was split out last is said beside the customer it left.
 */
import { create } from 'zustand';
import type { CustomerDetail } from '../../../src/api/types';
import { api } from '../api/client';
import { useCustomerDetail } from './customer-detail';
import { useCustomers } from './customers';
import { useStats } from './stats';

interface LastMerge {
  /** The customer kept. */
  customerId: number;
  /** What the merged-away record was called. */
  label: string;
  /** Its contacts (channel identities), now the kept customer's. */
  identityIds: number[];
}

interface LastSplit {
  /** The customer the contacts left. */
  customerId: number;
  /** The customer they now make up. */
  created: { id: number; label: string };
}

interface MergesState {
  /** The merge that can still be undone. */
  merged: LastMerge | null;
  split: LastSplit | null;
  /**
   * Merges `sourceId` into `targetId`. `before` is either record as it was on screen, and
   * `otherLabel` what the other one is called: together they say which contacts came along.
   */
  merge(
    targetId: number,
    sourceId: number,
    before: CustomerDetail,
    otherLabel: string,
  ): Promise<CustomerDetail>;
  /** Moves contacts of a customer out into a new customer; returns the customer they left. */
  splitOff(customerId: number, identityIds: number[]): Promise<CustomerDetail>;
  /** Splits the last merge's contacts out again. */
  undo(): Promise<CustomerDetail>;
}

export const useMerges = create<MergesState>((set, get) => ({
  merged: null,
  split: null,

  async merge(targetId, sourceId, before, otherLabel) {
    const merged = await api.invoke('customers.merge', { targetId, sourceId });
    const kept = new Set(before.identities.map((i) => i.id));
    const came =
      before.id === targetId
        ? merged.identities.filter((i) => !kept.has(i.id)).map((i) => i.id)
        : [...kept];
    const label = before.id === targetId ? otherLabel : before.label;
    // A record with no contacts of its own (typed in by hand) brought none to split out again,
    // and one whose contacts are all the kept customer has cannot be split from it.
    const undoable = came.length > 0 && came.length < merged.identities.length;
    set({
      merged: undoable ? { customerId: targetId, label, identityIds: came } : null,
      split: null,
    });
    useCustomers.getState().replace(sourceId, null);
    void useStats.getState().refresh();
    return merged;
  },

  async splitOff(customerId, identityIds) {
    const { original, created } = await api.invoke('customers.split', { customerId, identityIds });
    set({ merged: null, split: { customerId, created: { id: created.id, label: created.label } } });
    const detail = useCustomerDetail.getState();
    if (detail.id === customerId) void detail.apply(Promise.resolve(original));
    void useStats.getState().refresh();
    return original;
  },

  async undo() {
    const merged = get().merged;
    if (!merged) throw new Error('Nothing to undo');
    return get().splitOff(merged.customerId, merged.identityIds);
  },
}));
