/**
 * The JSON the SMS Gateway for Android app's local server answers, as its OpenAPI document
 * (app/src/main/assets/api/swagger.json) and its Kotlin routes (modules/localserver/routes) define
 * it. Only the fields the connector reads are checked; the app adds fields from version to version.
 * Gson leaves out null fields, hence `nullish`.
 */
import { z } from 'zod';

/**
 * A message's processing state (me.capcom.smsgateway.domain.ProcessingState). The OpenAPI document
 * lists five; the app itself also has Cancelling and Cancelled since it can cancel queued messages.
 */
export const ProcessingStateSchema = z.enum([
  'Pending',
  'Processed',
  'Sent',
  'Delivered',
  'Failed',
  'Cancelling',
  'Cancelled',
]);
export type ProcessingState = z.output<typeof ProcessingStateSchema>;

/** `smsgateway.MessageState`: the answer of POST /messages (202) and GET /messages/{id}. */
export const MessageStateSchema = z.object({
  id: z.string().min(1),
  state: ProcessingStateSchema,
  recipients: z.array(
    z.object({
      phoneNumber: z.string(),
      state: ProcessingStateSchema,
      error: z.string().nullish(),
    }),
  ),
});
export type MessageState = z.output<typeof MessageStateSchema>;

/** `smsgateway.IncomingMessage`: one element of GET /inbox (app 1.59.0 and later). */
export const IncomingMessageSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  sender: z.string(),
  /** The whole text for an SMS (only data SMS and MMS are shortened to a preview). */
  contentPreview: z.string(),
  /** The SMS's own time stamp, in the phone's offset: "2026-11-24T09:00:00.000-03:00". */
  createdAt: z.iso.datetime({ offset: true }),
});
export type IncomingMessage = z.output<typeof IncomingMessageSchema>;

export const InboxPageSchema = z.array(IncomingMessageSchema);

/** GET / : the app's greeting, naming the phone's model. */
export const GreetingSchema = z.object({ status: z.string(), model: z.string().nullish() });

/**
 * `HealthResponse` of GET /health (domain/HealthResponse.kt): the app's version (its release tag
 * without the "v", a commit hash for a test build) and HealthService's checks, keyed
 * "battery:level", "battery:charging", "connection:status"... The app answers it with 500 when a
 * check fails (a battery under 10%, no internet), with the same body.
 */
export const HealthSchema = z.object({
  // Shown to the owner when refused: a release number or a commit hash, never a page of text.
  version: z.string().max(64).nullish(),
  checks: z
    .record(
      z.string(),
      z.object({ status: z.string().nullish(), observedValue: z.number().nullish() }),
    )
    .nullish(),
});
export type Health = z.output<typeof HealthSchema>;

/**
 * The answer of PATCH /settings: every section's settings after the change (SettingsService.getAll).
 * Only the order we set is checked: an app that did not take it must not pass for one that did.
 */
export const FifoSettingsSchema = z.object({
  messages: z.object({ processing_order: z.literal('FIFO') }),
});
