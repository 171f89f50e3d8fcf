/**
 * Message times to fold into a customer: earliest, latest from the person, latest either way.
 * firstContactAt, lastSeenAt and lastInteractionAt are these, over every message of the
 * customer, whatever order the messages arrive in (stored by customer-store.ts).
 */
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
