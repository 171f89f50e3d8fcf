/**
 * Delivery receipts: whatsapp-web.js's `message_ack` → the message's status. Receipts can arrive
 * out of order (a "read" before the "delivered" it implies), so a status only ever moves forward.
 */
import type { Message, MessageAck } from 'whatsapp-web.js';
import type { MessageStatus } from '../../shared/domain';
import type { ConnectorContext } from '../connector';
import { messageKey } from './ids';

type Receipt = Extract<MessageStatus, 'sent' | 'delivered' | 'read' | 'failed'>;

/** MessageAck values (util/Constants.js), written out so the core need not load the library. */
const STATUS_OF_ACK = new Map<number, Receipt>([
  [-1, 'failed'], // ACK_ERROR
  [1, 'sent'], // ACK_SERVER
  [2, 'delivered'], // ACK_DEVICE
  [3, 'read'], // ACK_READ
  [4, 'read'], // ACK_PLAYED: a voice message listened to
]);

/** A failure after the message reached the phone is not believed: it got there. */
const RANK: Record<Receipt, number> = { sent: 1, failed: 2, delivered: 3, read: 4 };

/** How many messages' last status are remembered (a day of a busy shop). */
const REMEMBERED = 5000;

/** The status a receipt means, or null for ACK_PENDING (nothing new to say). */
export function statusOfAck(ack: MessageAck | number): Receipt | null {
  return STATUS_OF_ACK.get(ack) ?? null;
}

/** Passes receipts of the business's own messages to the core, never moving one backwards. */
export function createReceipts(
  ctx: Pick<ConnectorContext, 'messageStatus'>,
  sendFailed: () => string,
) {
  const last = new Map<string, Receipt>();
  const tell = (id: string, status: Receipt) =>
    ctx.messageStatus(id, status, status === 'failed' ? sendFailed() : undefined);

  return {
    /** A `message_ack` event. */
    onAck(message: Message, ack: MessageAck): void {
      // Receipts of the person's messages are the business reading them: not a delivery status.
      if (!message.fromMe) return;
      const status = statusOfAck(ack);
      if (!status) return;
      const id = messageKey(message.id);
      const previous = last.get(id);
      if (previous && RANK[previous] >= RANK[status]) return;
      last.delete(id);
      last.set(id, status);
      if (last.size > REMEMBERED) last.delete(last.keys().next().value!);
      tell(id, status);
    },

    /**
     * Tells again the latest receipt of a message just stored (sent by the app, or from the phone):
     * one that arrived before the message was stored found nothing to update, and would be lost.
     */
    replay(id: string): void {
      const status = last.get(id);
      if (status && status !== 'sent') tell(id, status);
    },
  };
}
export type Receipts = ReturnType<typeof createReceipts>;
