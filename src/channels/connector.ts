/**
 * The contract between the core and a channel. A driver (one per channel: whatsapp, telegram,
 * webchat, sms) describes the account's settings and builds a Connector for one connected account;
 * the supervisor (supervisor.ts) runs it, restarts it with backoff when it fails, hands it the
 * messages agents type, and turns what it reports into domain events.
 *
 * A connector never touches the database: it produces InboundEvents and status, and the context
 * stores them. That keeps every channel testable with the real core and no transport of its own.
 */
import type { z } from 'zod';
import type {
  AccountField,
  ChannelStatus,
  IngestReport,
  Message,
  MessageStatus,
} from '../api/types';
import type { Settings } from '../api/contract';
import type { InboundEvent } from '../inbox/inbound-event';
import type { Channel } from '../shared/domain';

/** Defined beside the API's types, which the renderer shares; drivers take it from here. */
export type { AccountField } from '../api/types';

/** A line in the core's log; connectors log through it and never print a secret. */
export interface Log {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

/** One message an agent typed, stored as pending, for the connector to deliver. */
export interface OutboundMessage {
  /** The message's row id in the core. */
  messageId: number;
  /** The person's id on this channel (the identity's external id). */
  externalUserId: string;
  /** The person's phone in E.164 when known (WhatsApp and SMS write to numbers). */
  phone: string | null;
  text: string;
  /**
   * Names this message for good, across restarts and retries, and is never the same for two
   * messages, even of two databases: for a channel that can refuse a repeat by a client id (the
   * outbox sets it; a caller that hands a message over itself may leave it out).
   */
  idempotencyKey?: string;
}

/** What the channel answered for a message it accepted. */
export interface SendResult {
  /** The channel's own id of the sent message: later receipts and echoes name it. */
  externalId: string;
  /** `sent` unless the channel already confirms delivery. */
  status?: Extract<MessageStatus, 'sent' | 'delivered'>;
}

/** Thrown by `send` for a failure that retrying will not fix (a number not on WhatsApp, say). */
export class PermanentSendError extends Error {
  override name = 'PermanentSendError';
}

/** Progress of a long task a connector runs (WhatsApp's history import), for a progress bar. */
export interface TaskProgress {
  task: string;
  done: number;
  total: number;
  /** `running` until it ends; `cancelled` or `failed` (with `detail`) when it did not finish. */
  state: 'running' | 'done' | 'cancelled' | 'failed';
  detail?: string;
}

/** What the core gives one running account. */
export interface ConnectorContext<Config = Record<string, unknown>> {
  readonly channel: Channel;
  /** The account's key: the `account` field of every InboundEvent it produces. */
  readonly account: string;
  /** The account's settings, validated by the driver's `configSchema` (never secrets). */
  readonly config: Config;
  /** The account's secrets (tokens, passwords), validated by the driver's `secretsSchema`. */
  readonly secrets: Record<string, string>;
  /**
   * Stores events in one transaction, together with the resume cursor when given (Telegram's
   * update offset), so that a restart neither loses nor repeats what was delivered.
   */
  deliver(events: readonly InboundEvent[], cursor?: string): IngestReport;
  /**
   * Stores past messages read back from the channel (WhatsApp's history import) like `deliver`,
   * but as history, not news: they raise no desktop notification.
   */
  importHistory(events: readonly InboundEvent[]): IngestReport;
  /** The cursor saved with the last delivery, or null before the first. */
  cursor(): string | null;
  /**
   * The latest messages of one person's conversation on this account, oldest first; empty before
   * they first write. The web chat shows a returning visitor their own conversation with it.
   */
  history?(externalUserId: string, limit: number): Message[];
  /** Announces the account's state; `detail` says why for `error` and carries the QR for `needs_qr`. */
  setStatus(status: ChannelStatus, detail?: string): void;
  /** A receipt for a message sent earlier, by the channel's message id (delivery acks, failures). */
  messageStatus(externalMessageId: string, status: MessageStatus, error?: string): void;
  /**
   * Stores a profile picture in the local avatar cache (picture addresses from channels expire or
   * carry the bot token) and returns the value to put in `profilePictureUrl`; null when it could
   * not be fetched or the "fetch profile pictures" setting is off (then `download` is not called).
   */
  saveAvatar(externalUserId: string, download: () => Promise<Uint8Array>): Promise<string | null>;
  /** Reports a long task's progress. */
  progress(update: TaskProgress): void;
  /** The app's settings as they are now (default phone region, profile pictures, ...). */
  settings(): Settings;
  /** A folder of this account's own for session files (WhatsApp's LocalAuth, caches). */
  readonly dataDir: string;
  readonly log: Log;
  /** Aborted when the account is stopped or removed: long waits and polls should listen to it. */
  readonly signal: AbortSignal;
}

/** One connected account of a channel, running. */
export interface Connector {
  /**
   * Connects and begins producing events; resolves once running. A rejection (a bad token, an
   * unreachable server) is shown as the account's error and retried with backoff.
   */
  start(): Promise<void>;
  /** Disconnects and stops every timer and poll; the context's signal is already aborted. */
  stop(): Promise<void>;
  /** Delivers one message; rejects with the reason to show beside it when it cannot. */
  send(message: OutboundMessage): Promise<SendResult>;
  /** Optional named actions the Channels page offers (WhatsApp: "importHistory", "cancelImport"). */
  actions?: Record<string, () => Promise<void>>;
}

/** A channel's driver: what an account needs, and how to run one. */
export interface ChannelDriver<Config = Record<string, unknown>> {
  channel: Channel;
  /** The form fields, in order; their labels live in the renderer's translations. */
  fields: readonly AccountField[];
  /** Validates the non-secret fields; its messages are shown to the user as they are. */
  configSchema: z.ZodType<Config>;
  /** Validates the secret fields. */
  secretsSchema: z.ZodType<Record<string, string>>;
  /**
   * Checks credentials before an account is saved (Telegram's getMe) and returns a readable name
   * for it ("@loja_bot"); throws an Error with a readable message when they are wrong.
   */
  verify?(config: Config, secrets: Record<string, string>, signal: AbortSignal): Promise<string>;
  create(context: ConnectorContext<Config>): Connector;
}
