/** Each channel account's live status, as the connectors report it. */
import { create } from 'zustand';
import type { Channel, ChannelStatus } from '../../../src/api/types';

export interface AccountStatus {
  channel: Channel;
  account: string;
  status: ChannelStatus;
  detail?: string;
}

export const useChannels = create<{ accounts: Record<string, AccountStatus> }>(() => ({
  accounts: {},
}));

export function recordStatus(status: AccountStatus): void {
  const key = `${status.channel}:${status.account}`;
  useChannels.setState((s) => ({ accounts: { ...s.accounts, [key]: status } }));
}
