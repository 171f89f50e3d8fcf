/**
 * The channel accounts, their forms, and what the connectors report live: each account's status
 * (connected, needs QR, error and why) and the progress of long tasks such as a history import.
 */
import { create } from 'zustand';
import type { Input } from '../../../src/api/contract';
import type {
  Channel,
  ChannelAccount,
  ChannelDriverInfo,
  ChannelStatus,
  DomainEvent,
} from '../../../src/api/types';
import { api } from '../api/client';

export type ProgressEvent = Extract<DomainEvent, { type: 'channel.progress' }>;

export const accountKey = (a: { channel: Channel; account: string }) => `${a.channel}/${a.account}`;

interface ChannelsState {
  /** null until loaded. */
  accounts: ChannelAccount[] | null;
  drivers: ChannelDriverInfo[];
  /** The latest progress of each account's running or just-ended task, by accountKey. */
  progress: Record<string, ProgressEvent>;
  error: string | null;
  /** A channel to connect, asked for elsewhere (the welcome screen): the page opens its form. */
  connectRequest: Channel | null;
  load(): Promise<void>;
  add(input: Input<'channels.add'>): Promise<ChannelAccount>;
  remove(channel: Channel, account: string): Promise<void>;
  /** Pauses (`enabled: false`) or resumes an account. */
  setEnabled(channel: Channel, account: string, enabled: boolean): Promise<void>;
  action(channel: Channel, account: string, action: string): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * A status event came while the list was on its way: the list may have been read before the
 * account it names was added, so it is read once more when it lands.
 */
let missedWhileLoading = false;

export const useChannels = create<ChannelsState>((set, get) => ({
  accounts: null,
  drivers: [],
  progress: {},
  error: null,
  connectRequest: null,

  async load() {
    missedWhileLoading = false;
    try {
      const [accounts, drivers] = await Promise.all([
        api.invoke('channels.list', {}),
        api.invoke('channels.drivers', {}),
      ]);
      set({ accounts, drivers, error: null });
    } catch (e) {
      set({ error: message(e) });
      return;
    }
    if (missedWhileLoading) await get().load();
  },

  async add(input) {
    const added = await api.invoke('channels.add', input);
    const others = (get().accounts ?? []).filter((a) => accountKey(a) !== accountKey(added));
    set({ accounts: [...others, added] });
    return added;
  },

  async remove(channel, account) {
    await api.invoke('channels.remove', { channel, account });
    const key = accountKey({ channel, account });
    set((s) => ({ accounts: (s.accounts ?? []).filter((a) => accountKey(a) !== key) }));
  },

  async setEnabled(channel, account, enabled) {
    const changed = await api.invoke('channels.setEnabled', { channel, account, enabled });
    set((s) => ({
      accounts: (s.accounts ?? []).map((a) =>
        accountKey(a) === accountKey(changed) ? changed : a,
      ),
    }));
    // A resumed account may have connected before this answer came: its status events arrived
    // while the card still said paused, so read the list as it is now.
    await get().load();
  },

  async action(channel, account, action) {
    await api.invoke('channels.action', { channel, account, action });
  },
}));

/** A `channel.status` event: the account's pill, reason and QR change at once. */
export function recordStatus(event: {
  channel: Channel;
  account: string;
  status: ChannelStatus;
  detail?: string;
}): void {
  const { accounts } = useChannels.getState();
  if (!accounts) {
    missedWhileLoading = true;
    return;
  }
  const key = accountKey(event);
  const known = accounts.find((a) => accountKey(a) === key);
  // An account added elsewhere (the command line, another agent), or one that stopped or started
  // again after being paused or resumed elsewhere: the list says which, so fetch it again.
  if (!known || event.status === 'stopped' || !known.enabled) {
    void useChannels.getState().load();
    return;
  }
  useChannels.setState({
    accounts: accounts.map((a) =>
      accountKey(a) === key ? { ...a, status: event.status, detail: event.detail ?? null } : a,
    ),
  });
}

/** A `channel.progress` event: the account's progress bar moves. */
export function recordProgress(event: ProgressEvent): void {
  useChannels.setState((s) => ({ progress: { ...s.progress, [accountKey(event)]: event } }));
}
