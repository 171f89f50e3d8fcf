/**
 * The API contract: every method's input schema (zod) and result type. Electron's IPC and host
 * mode's HTTP serve the same table; the renderer's client is typed from it.
 */
import { z } from 'zod';
import type {
  AppInfo,
  BackupSet,
  BackupStatus,
  ChannelAccount,
  ChannelDriverInfo,
  ConversationSummary,
  CustomerDetail,
  CustomerStats,
  CustomerSummary,
  DataRequest,
  ErasureReport,
  ImportReport,
  Message,
  Note,
  Page,
  RestoreResult,
  TagCount,
} from './types';
import { say } from '../i18n/catalogue';
import { texts } from '../i18n/texts';
import {
  accountRef,
  AddAccountSchema,
  ListConversationsSchema,
  ListMessagesSchema,
  StartConversationSchema,
} from './conversation-schemas';
import {
  CreateCustomerSchema,
  CustomerFilterSchema,
  ImportSheetSchema,
  ListCustomersSchema,
  UpdateCustomerSchema,
} from './customer-schemas';
import { id, localPath, text, wholeNumber } from './fields';
import { SettingsSchema, type Settings, type SettingsEnvironment } from './settings-schemas';

export * from './conversation-schemas';
export * from './customer-schemas';
export * from './settings-schemas';

const MB = 1024 * 1024;

/**
 * The largest request body a method takes over HTTP, unless its entry says otherwise: every
 * input but a sheet to import fits in far less, so a flood of bytes is refused before it is read.
 */
export const DEFAULT_BODY_LIMIT = MB;

/**
 * A method: its input schema, its result as a phantom type (`method<Result>()(schema)`), and the
 * largest body it takes over HTTP (`method<Result>({ maxBodyBytes })(schema)`).
 */
const method =
  <O>(limits: { maxBodyBytes?: number } = {}) =>
  <I extends z.ZodType>(input: I) => ({
    input,
    output: undefined as unknown as O,
    maxBodyBytes: limits.maxBodyBytes ?? DEFAULT_BODY_LIMIT,
  });

const nothing = z.object({}).strict().optional();
const byId = z.object({ id });
const noteBody = text(10_000).min(
  1,
  say(() => texts().noteEmpty),
);
type Deleted = { deleted: true };

export const contract = {
  'customers.list': method<Page<CustomerSummary>>()(ListCustomersSchema),
  'customers.count': method<{ count: number }>()(CustomerFilterSchema),
  'customers.stats': method<CustomerStats>()(nothing),
  'customers.newPerDay': method<{ date: string; count: number }[]>()(
    z.object({ days: wholeNumber(z.number().int().min(1).max(366)).default(30) }),
  ),
  'customers.get': method<CustomerDetail>()(byId),
  'customers.create': method<CustomerDetail>()(CreateCustomerSchema),
  'customers.update': method<CustomerDetail>()(UpdateCustomerSchema),
  'customers.merge': method<CustomerDetail>()(z.object({ targetId: id, sourceId: id })),
  'customers.split': method<{ original: CustomerDetail; created: CustomerDetail }>()(
    z.object({ customerId: id, identityIds: z.array(id).min(1) }),
  ),
  /** Not the same person: the other customer is no longer offered as a possible match. */
  'customers.dismissMatch': method<CustomerDetail>()(z.object({ customerId: id, otherId: id })),
  'customers.delete': method<Deleted>()(byId),
  /**
   * Erases the customer under the LGPD: every row, search entry and picture, the freed pages,
   * and a history import will not bring them back (src/privacy). Their data's copy is a download
   * (`GET /api/customers/:id/export.zip`), not a method.
   */
  'customers.erase': method<ErasureReport>()(byId),
  /** The newest exports and erasures of one person's data (the LGPD log), no personal data. */
  'dataRequests.list': method<DataRequest[]>()(
    z.object({ limit: wholeNumber(z.number().int().min(1).max(500)).default(50) }),
  ),
  'customers.addNote': method<Note>()(z.object({ customerId: id, body: noteBody })),
  'customers.updateNote': method<Note>()(z.object({ noteId: id, body: noteBody })),
  'customers.deleteNote': method<Deleted>()(z.object({ noteId: id })),
  // A whole sheet (up to 200 MB) in one call, escaped as JSON.
  'customers.importCsv': method<ImportReport>({ maxBodyBytes: 256 * MB })(ImportSheetSchema),
  /** What importing this sheet would create, update and skip, with the reasons; stores nothing. */
  'customers.importPreview': method<ImportReport>({ maxBodyBytes: 256 * MB })(ImportSheetSchema),
  'tags.list': method<TagCount[]>()(nothing),
  'conversations.list': method<Page<ConversationSummary>>()(ListConversationsSchema),
  /** One conversation, whether or not a page of the list (or its filter) holds it. */
  'conversations.get': method<ConversationSummary>()(byId),
  /** Unread messages over every conversation, whatever a list shows: the navigation's badge. */
  'conversations.unreadTotal': method<{ unread: number }>()(nothing),
  'conversations.messages': method<Page<Message>>()(ListMessagesSchema),
  'conversations.start': method<{ conversation: ConversationSummary; message: Message }>()(
    StartConversationSchema,
  ),
  'conversations.send': method<Message>()(
    z.object({
      conversationId: id,
      text: text(65_536).min(
        1,
        say(() => texts().typeMessage),
      ),
    }),
  ),
  'conversations.retry': method<Message>()(z.object({ messageId: id })),
  'conversations.markRead': method<ConversationSummary>()(z.object({ conversationId: id })),
  'channels.drivers': method<ChannelDriverInfo[]>()(nothing),
  'channels.list': method<ChannelAccount[]>()(nothing),
  'channels.add': method<ChannelAccount>()(AddAccountSchema),
  'channels.remove': method<Deleted>()(z.object(accountRef)),
  /** Pauses (`enabled: false`) or resumes an account; its secrets and session stay. */
  'channels.setEnabled': method<ChannelAccount>()(
    z.object({ ...accountRef, enabled: z.boolean() }),
  ),
  /** One of the connector's actions; `done: false` when it goes on in the background. */
  'channels.action': method<{ done: boolean }>()(
    z.object({
      ...accountRef,
      action: text(100).min(
        1,
        say(() => texts().nameAction),
      ),
    }),
  ),
  /** Which database is open and whether it holds anything yet. */
  'app.info': method<AppInfo>()(nothing),
  /** Opens a throwaway demo filled with sample data (only while the database is empty). */
  'demo.start': method<AppInfo>()(nothing),
  /** Deletes the demo and reopens the owner's database. */
  'demo.stop': method<AppInfo>()(nothing),
  /** The backups: where they go, the last one, and whether it is too old or failed. */
  'backup.status': method<BackupStatus>()(nothing),
  /** Takes a backup now (this computer only); progress comes as `backup.progress` events. */
  'backup.run': method<BackupSet>()(nothing),
  /**
   * Replaces the database with a backup (this computer only), once the copy is checked; the file
   * it replaces is kept beside it. The app goes on with the restored database.
   */
  'backup.restore': method<RestoreResult>()(z.object({ from: localPath })),
  'settings.get': method<Settings>()(nothing),
  /** What the computer running Clientela decides around the settings. */
  'settings.environment': method<SettingsEnvironment>()(nothing),
  'settings.update': method<Settings>()(SettingsSchema.partial().strict()),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;

/** The largest body `method` takes over HTTP; the default for a name that is not a method. */
export const bodyLimitOf = (method: string): number =>
  Object.hasOwn(contract, method) ? contract[method as Method].maxBodyBytes : DEFAULT_BODY_LIMIT;
/** What a caller may send (defaults not yet applied). */
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = Contract[M]['output'];
