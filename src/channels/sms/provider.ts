/**
 * What the SMS connector needs from whatever actually carries the messages. The connector (and so
 * the core) only ever sees this interface; each provider lives in its own folder and owns its
 * wire format, its errors and the shape of its inbox cursor.
 *
 * Today there is one provider: an Android phone running "SMS Gateway for Android" in local-server
 * mode (./android-gateway). Twilio's REST API would map onto the same calls:
 * - describe → GET /2010-04-01/Accounts/{AccountSid}.json (the account's friendly_name);
 * - prepare  → the same check (nothing to set up);
 * - health   → null (Twilio has nothing that runs out);
 * - send     → POST .../Messages.json with To, From (the business number) and Body; `sid` is the id,
 *              `status` queued/sending/sent/delivered/undelivered/failed maps onto SmsState (Twilio
 *              has no client id: a repeat would be found by listing recent messages to `To`);
 * - status   → GET .../Messages/{Sid}.json: `status`, with `error_code`/`error_message` as the reason;
 * - inbox    → GET .../Messages.json?To={business number}&DateSent>={day}, following
 *              `next_page_uri`; the cursor would hold the newest `date_sent` and the sids seen then.
 */

/** Where an SMS the business sent stands, in the provider's words reduced to four. */
export type SmsState = 'queued' | 'sent' | 'delivered' | 'failed';

export interface SmsDelivery {
  state: SmsState;
  /** Why, when `failed`: shown to the agent beside the message. */
  error?: string;
}

export interface SentSms extends SmsDelivery {
  /** The provider's id of the message: later status checks name it. */
  id: string;
}

/** One SMS the business's number received. */
export interface ReceivedSms {
  /** The provider's id, or null when it gives none (the connector then derives one). */
  id: string | null;
  /** The sender as the network gave it: a phone number in any format, or a short code or name. */
  from: string;
  text: string;
  /** When the SMS was sent, as the network stamped it (ISO 8601 with offset). */
  sentAt: string;
}

/** The SMS received since a cursor, and the cursor to ask with next time. */
export interface InboxBatch {
  messages: ReceivedSms[];
  /** Opaque to the connector: saved with the messages, handed back on the next call. */
  cursor: string;
}

/**
 * Thrown by a provider with a message a person can act on ("the phone refused the password").
 * `permanent` marks a send that retrying cannot fix (an invalid number).
 */
export class SmsProviderError extends Error {
  override name = 'SmsProviderError';
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/** One SMS account as the connector drives it; every call honours the signal. */
export interface SmsProvider {
  /** Checks the address and credentials; returns a readable name for the account. */
  describe(signal: AbortSignal): Promise<string>;
  /**
   * Runs when the account starts: refuses a provider that would lose or garble messages, and sets
   * it up the way the connector needs it.
   */
  prepare(signal: AbortSignal): Promise<void>;
  /** What the owner should know while it runs (a phone's battery running low), or null. */
  health(signal: AbortSignal): Promise<string | null>;
  /**
   * Hands one SMS to the provider. `key` names this message for good: handed over again with the
   * same key (its answer was lost, the app crashed), a message the provider already took is not
   * sent twice, and its delivery is returned; one the provider failed goes out again.
   */
  send(sms: { to: string; text: string; key: string }, signal: AbortSignal): Promise<SentSms>;
  /** The current state of a message sent earlier; null when the provider no longer knows it. */
  status(id: string, signal: AbortSignal): Promise<SmsDelivery | null>;
  /** SMS received since `cursor` (null: from the beginning of what the provider keeps). */
  inbox(cursor: string | null, signal: AbortSignal): Promise<InboxBatch>;
}
