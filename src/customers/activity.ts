import type { Database } from 'better-sqlite3';

/** Message times to fold into a customer: earliest, latest from the person, latest either way. */
export interface Activity {
  first: number;
  lastIn: number | null;
  last: number;
}

/** Adds message times into an activity accumulator (or starts one). */
export function addActivity(into: Activity | undefined, at: number, inbound: boolean): Activity {
  if (!into) return { first: at, lastIn: inbound ? at : null, last: at };
  if (at < into.first) into.first = at;
  if (at > into.last) into.last = at;
  if (inbound && (into.lastIn === null || at > into.lastIn)) into.lastIn = at;
  return into;
}

/**
 * Keeps firstContactAt / lastSeenAt / lastInteractionAt equal to min/max over the customer's
 * message timestamps, whatever order messages arrive in.
 */
export function createActivityWriter(db: Database) {
  const merge = db.prepare<[Activity & { id: number; now: number }]>(
    `UPDATE customers SET
       first_contact_at = CASE WHEN first_contact_at IS NULL OR first_contact_at > @first
                          THEN @first ELSE first_contact_at END,
       last_interaction_at = CASE WHEN last_interaction_at IS NULL OR last_interaction_at < @last
                             THEN @last ELSE last_interaction_at END,
       last_seen_at = CASE WHEN @lastIn IS NOT NULL AND (last_seen_at IS NULL OR last_seen_at < @lastIn)
                      THEN @lastIn ELSE last_seen_at END,
       updated_at = @now
     WHERE id = @id`,
  );
  const recompute = db.prepare<[{ id: number; now: number }]>(
    `UPDATE customers SET (first_contact_at, last_seen_at, last_interaction_at) = (
       SELECT min(m.timestamp), max(CASE WHEN m.direction = 'in' THEN m.timestamp END), max(m.timestamp)
       FROM identities i
       JOIN conversations c ON c.identity_id = i.id
       JOIN messages m ON m.conversation_id = c.id
       WHERE i.customer_id = @id),
       updated_at = @now
     WHERE id = @id`,
  );
  return {
    /** Folds new message times into the stored ones. */
    merge(customerId: number, activity: Activity, now: number): void {
      merge.run({ ...activity, id: customerId, now });
    },
    /** Recomputes from every message, after identities moved between customers. */
    recompute(customerId: number, now: number): void {
      recompute.run({ id: customerId, now });
    },
  };
}
