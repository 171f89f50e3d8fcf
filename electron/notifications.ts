import { app, Notification, type BrowserWindow } from 'electron';
import type { DomainEvent } from '../src/api/types';
import type { Core } from '../src/core';

/**
 * A desktop notification for each new message a person sends while the window is not in front,
 * and the app icon's badge with the unread count; clicking the notification opens that
 * conversation. History being filled in (an import, sample data) is not news: no notification.
 */
export function notifyNewMessages(
  workspace: { readonly core: Core },
  window: () => BrowserWindow | undefined,
  open: (conversationId: number) => void,
): (events: readonly DomainEvent[]) => void {
  return (events) => {
    const { core } = workspace;
    let changed = false;
    for (const event of events) {
      if (event.type === 'conversation.updated') changed = true;
      if (event.type !== 'message.created' || event.direction !== 'in' || event.backfill) continue;
      const win = window();
      if (win && !win.isDestroyed() && win.isVisible() && win.isFocused()) continue;
      if (!Notification.isSupported()) continue;
      const conversation = core.conversations.get(event.conversationId);
      const note = new Notification({
        title: conversation.label,
        body: conversation.lastMessageText ?? '',
        silent: false,
      });
      note.on('click', () => open(event.conversationId));
      note.show();
    }
    if (changed) app.setBadgeCount(core.conversations.unreadTotal());
  };
}
