/**
 * Live updates: the core's events, gathered over a few milliseconds, become the fetches that
 * bring each store up to date, so a message arriving changes every screen without a reload.
 */
import { api, type ClientEvent } from '../api/client';
import { recordProgress, recordStatus, useChannels } from './channels';
import { useConversations } from './conversations';
import { useCustomerDetail } from './customer-detail';
import { useCustomers } from './customers';
import { useExport } from './export';
import { useRoute } from './route';
import { useSession } from './session';
import { useStats } from './stats';
import { useWorkspace } from './workspace';

/** Long enough to fold a backfill's burst of events into one refresh, short enough to feel live. */
const GATHER_MS = 15;

/** Events that may mean the database is no longer empty. */
const EVERY_FIRST = new Set<ClientEvent['type']>([
  'customer.created',
  'conversation.updated',
  'channel.status',
]);

interface Pending {
  workspace: boolean;
  customers: boolean;
  conversations: boolean;
  /** The unread total, which no list on screen may hold whole. */
  unread: boolean;
  thread: boolean;
  detail: boolean;
  everything: boolean;
}
const nothingPending = (): Pending => ({
  workspace: false,
  customers: false,
  conversations: false,
  unread: false,
  thread: false,
  detail: false,
  everything: false,
});

/** Starts listening; returns the function that stops. */
export function startLive(): () => void {
  let pending = nothingPending();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    timer = null;
    const p = pending;
    pending = nothingPending();
    if (p.everything || p.customers) {
      void useStats.getState().refresh();
      void useCustomers.getState().refreshTop();
    }
    if (p.everything || p.conversations) void useConversations.getState().refreshTop();
    if (p.everything || p.unread) void useConversations.getState().refreshUnreadTotal();
    // Statuses reported while the stream was down were missed.
    if (p.everything && useChannels.getState().accounts) void useChannels.getState().load();
    // Back after a drop, or the app switched to the demo or back: which database, which settings.
    if (p.everything || p.workspace) void useWorkspace.getState().load();
    if (p.everything) void useSession.getState().load();
    if (p.everything || p.thread) void useConversations.getState().refreshThread();
    const detail = useCustomerDetail.getState();
    if ((p.everything || p.detail) && detail.id !== null) void detail.open(detail.id);
  }

  function handle(event: ClientEvent): void {
    // The first customer, conversation or channel ends an empty database's welcome.
    if (useWorkspace.getState().info?.empty && EVERY_FIRST.has(event.type)) {
      pending.workspace = true;
      timer ??= setTimeout(flush, GATHER_MS);
    }
    const openConversation = useConversations.getState().openId;
    const openCustomer = useCustomerDetail.getState().id;
    switch (event.type) {
      case 'customer.created':
      case 'customer.updated':
        pending.customers = true;
        if (event.customerId === openCustomer) pending.detail = true;
        break;
      case 'customer.deleted':
        pending.customers = true;
        // Their conversations went with them.
        pending.unread = true;
        useCustomers.getState().replace(event.customerId, null);
        break;
      case 'conversation.updated':
        pending.conversations = true;
        pending.unread = true;
        // Open from a customer, it may be in no page of the list: fetched by itself.
        if (event.conversationId === openConversation) pending.thread = true;
        if (event.customerId !== null && event.customerId === openCustomer) pending.detail = true;
        break;
      case 'message.created':
      case 'message.updated':
        if (event.conversationId === openConversation) pending.thread = true;
        break;
      case 'channel.status':
        recordStatus(event);
        return;
      case 'channel.progress':
        recordProgress(event);
        return;
      case 'export.progress':
        useExport.getState().progress(event.done, event.total);
        return;
      case 'navigate':
        useRoute.getState().go(event.page, event.id);
        return;
      case 'connection':
        useSession.setState({ online: event.online });
        if (event.online) pending.everything = true;
        break;
    }
    timer ??= setTimeout(flush, GATHER_MS);
  }

  return api.subscribe((events) => events.forEach(handle));
}
