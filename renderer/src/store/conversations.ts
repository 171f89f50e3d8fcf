/**
 * The Conversations page: the list (newest activity first), the open thread and its messages.
 * Live events fetch the top of the list and the open thread's newest messages again.
 */
import { create } from 'zustand';
import type { Channel, ConversationSummary, Message } from '../../../src/api/types';
import { api, ApiCallError } from '../api/client';
import { messageOf } from './customers';

const PAGE = 50;
const THREAD_PAGE = 100;

export interface ConversationFilter {
  channel?: Channel;
  unreadOnly?: boolean;
}

interface ConversationsState {
  filter: ConversationFilter;
  items: ConversationSummary[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  openId: number | null;
  /** The open conversation as last fetched: shown whether or not the list's page or filter holds it. */
  opened: ConversationSummary | null;
  /** The open conversation is not in the database (deleted with its customer, or never was). */
  gone: boolean;
  messages: Message[];
  olderCursor: string | null;
  threadError: string | null;
  /** Unread messages over every conversation, whatever the list holds: the navigation's badge. */
  unreadTotal: number;
  setFilter(patch: ConversationFilter): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  refreshTop(): Promise<void>;
  open(id: number | null): Promise<void>;
  /** Fetches the open conversation again: its summary and its newest messages. */
  refreshThread(): Promise<void>;
  loadOlder(): Promise<void>;
  refreshUnreadTotal(): Promise<void>;
  /** Puts a message the agent just sent (or retried) into the thread at once. */
  upsertMessage(message: Message): void;
}

const byId = <T extends { id: number }>(fresh: T[], old: T[]) => {
  const seen = new Set(fresh.map((x) => x.id));
  return old.filter((x) => !seen.has(x.id));
};

const chronological = (messages: Message[]) =>
  messages.sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id - b.id);

export const useConversations = create<ConversationsState>((set, get) => ({
  filter: {},
  items: [],
  nextCursor: null,
  loading: false,
  error: null,
  openId: null,
  opened: null,
  gone: false,
  messages: [],
  olderCursor: null,
  threadError: null,
  unreadTotal: 0,

  setFilter(patch) {
    set({ filter: { ...get().filter, ...patch } });
    void get().reload();
  },

  async reload() {
    set({ loading: true, error: null });
    try {
      const page = await api.invoke('conversations.list', { ...get().filter, limit: PAGE });
      set({ items: page.items, nextCursor: page.nextCursor, loading: false });
    } catch (error) {
      set({ loading: false, error: messageOf(error) });
    }
  },

  async loadMore() {
    const { nextCursor, loading, filter } = get();
    if (!nextCursor || loading) return;
    set({ loading: true });
    try {
      const page = await api.invoke('conversations.list', {
        ...filter,
        cursor: nextCursor,
        limit: PAGE,
      });
      set({
        items: [...get().items, ...byId(get().items, page.items)],
        nextCursor: page.nextCursor,
        loading: false,
      });
    } catch (error) {
      set({ loading: false, error: messageOf(error) });
    }
  },

  async refreshTop() {
    try {
      const page = await api.invoke('conversations.list', { ...get().filter, limit: PAGE });
      const { items, nextCursor } = get();
      set({
        items: [...page.items, ...byId(page.items, items.slice(page.items.length))],
        nextCursor: items.length > page.items.length ? nextCursor : page.nextCursor,
      });
    } catch (error) {
      set({ error: messageOf(error) });
    }
  },

  async open(id) {
    if (id !== get().openId)
      set({
        openId: id,
        opened: null,
        gone: false,
        messages: [],
        olderCursor: null,
        threadError: null,
      });
    if (id === null) return;
    await get().refreshThread();
    // Read once it is on screen: one that could not be fetched, or was left meanwhile, stays unread.
    const shown = get().openId === id ? get().opened : null;
    if (!shown || shown.unreadCount === 0) return;
    try {
      const read = await api.invoke('conversations.markRead', { conversationId: id });
      set({
        items: get().items.map((c) => (c.id === id ? read : c)),
        opened: get().openId === id ? read : get().opened,
      });
    } catch (error) {
      if (get().openId === id) set({ threadError: messageOf(error) });
    }
  },

  async refreshThread() {
    const id = get().openId;
    if (id === null) return;
    try {
      const [summary, page] = await Promise.all([
        api.invoke('conversations.get', { id }),
        api.invoke('conversations.messages', { conversationId: id, limit: THREAD_PAGE }),
      ]);
      if (get().openId !== id) return;
      const kept = byId(page.items, get().messages);
      set({
        opened: summary,
        messages: chronological([...kept, ...page.items]),
        olderCursor: kept.length > 0 ? get().olderCursor : page.nextCursor,
        threadError: null,
      });
    } catch (error) {
      if (get().openId !== id) return;
      if (error instanceof ApiCallError && error.code === 'not_found') set({ gone: true });
      else set({ threadError: messageOf(error) });
    }
  },

  async loadOlder() {
    const { openId, olderCursor } = get();
    if (openId === null || !olderCursor) return;
    const page = await api.invoke('conversations.messages', {
      conversationId: openId,
      cursor: olderCursor,
      limit: THREAD_PAGE,
    });
    if (get().openId !== openId) return;
    set({
      messages: chronological([...page.items, ...byId(page.items, get().messages)]),
      olderCursor: page.nextCursor,
    });
  },

  async refreshUnreadTotal() {
    try {
      set({ unreadTotal: (await api.invoke('conversations.unreadTotal', {})).unread });
    } catch {
      // The badge keeps its last figure: a core out of reach is said by the navigation already.
    }
  },

  upsertMessage(message) {
    if (message.conversationId !== get().openId) return;
    const messages = get().messages;
    const index = messages.findIndex((m) => m.id === message.id);
    set({
      messages:
        index < 0
          ? [...messages, message]
          : messages.map((m) => (m.id === message.id ? message : m)),
    });
  },
}));
