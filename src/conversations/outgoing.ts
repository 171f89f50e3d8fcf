/**
 * The messages agents typed that wait for their channel (status `pending`), as the outbox
 * (channels/outbox.ts) hands them over: with the person's channel id and phone to send to.
 */
import type { ReadableDB } from '../db/access';
import type { Rows } from '../db/rows';
import type { Channel } from '../shared/domain';

type Message = Rows['messages'];

/** One message on its way out, with whom it goes to. */
export type OutgoingMessage = Pick<
  Message,
  'id' | 'channel' | 'account' | 'direction' | 'status' | 'text' | 'createdAt'
> & { externalUserId: Rows['identities']['externalId']; phone: Rows['identities']['phone'] };

const OUTGOING = `SELECT m.id, m.channel, m.account, m.direction, m.status, m.text,
    i.external_id AS externalUserId, i.phone, m.created_at AS createdAt
  FROM messages m JOIN conversations cv ON cv.id = m.conversation_id
  JOIN identities i ON i.id = cv.identity_id`;

export function createOutgoingMessages(db: ReadableDB) {
  const byId = db.prepare<[number], OutgoingMessage>(`${OUTGOING} WHERE m.id = ?`);
  const pendingOf = db.prepare<[Channel, string], OutgoingMessage>(
    `${OUTGOING} WHERE m.status = 'pending' AND m.direction = 'out' AND m.channel = ? AND m.account = ?
     ORDER BY m.id`,
  );
  const allPending = db.prepare<[], OutgoingMessage>(
    `${OUTGOING} WHERE m.status = 'pending' AND m.direction = 'out' ORDER BY m.id`,
  );
  return {
    /** One message as it stands now (a retry or a receipt may have settled it meanwhile). */
    get: (messageId: number): OutgoingMessage | null => byId.get(messageId) ?? null,
    /** The account's pending messages, oldest first; every account's when none is named. */
    pending(channel?: Channel, account?: string): OutgoingMessage[] {
      return channel === undefined || account === undefined
        ? allPending.all()
        : pendingOf.all(channel, account);
    },
  };
}
export type OutgoingMessages = ReturnType<typeof createOutgoingMessages>;
