/**
 * The API contract: every method's input schema (zod) and result type. Electron's IPC and host
 * mode's HTTP serve the same table; the renderer's client is typed from it.
 */
import { z } from 'zod';
import { CHANNELS, SOURCES } from '../shared/domain';
import { isWholeText } from '../shared/text';
import { isTimeZone } from '../shared/time';
import type {
  AppInfo,
  BackupSet,
  BackupStatus,
  ChannelAccount,
  ChannelDriverInfo,
  LocalOnly,
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
import type { Language } from '../i18n/language';
import { texts } from '../i18n/texts';
import '../i18n/zod';

/**
 * A whole number as JSON sends it, or as a URL or a query string writes it ("42"). Nothing else
 * reads as one: z.coerce took `true`, `[7]`, `""` and `"0x10"` for 1, 7, 0 and 16, so
 * `customers.delete {"id": true}` deleted customer 1, and a missing id said "received NaN".
 */
const wholeNumber = (schema: z.ZodNumber) =>
  z.preprocess(
    (value) =>
      typeof value === 'string' && /^\s*\d{1,16}\s*$/.test(value) ? Number(value) : value,
    schema,
  );
const id = wholeNumber(z.number().int().positive());
const instant = z.iso.datetime({ offset: true }).or(z.iso.date());
/** Text a person typed: trimmed, at most `max` characters, none of them cut in half. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(
      isWholeText,
      say(() => texts().halfCharacter),
    );
/** A full path on the Clientela computer (a folder a backup goes to, or comes from). */
const localPath = z
  .string()
  .trim()
  .min(1)
  .max(4_096)
  .refine(
    (path) => (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) && !path.includes('\0'),
    say(() => texts().fullPath),
  );
const optionalText = (max: number) =>
  text(max)
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const CustomerFilterSchema = z.object({
  search: text(200).optional(),
  channel: z.enum(CHANNELS).optional(),
  source: z.enum(SOURCES).optional(),
  tag: text(50).optional(),
  /** Last seen (a message from the person) at or after this instant. */
  activeSince: instant.optional(),
  /** First contact within [firstContactFrom, firstContactTo). */
  firstContactFrom: instant.optional(),
  firstContactTo: instant.optional(),
});
export type CustomerFilter = z.infer<typeof CustomerFilterSchema>;

export const CUSTOMER_SORTS = ['lastSeen', 'firstContact', 'name'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const CustomerOrderSchema = z.object({
  sort: z.enum(CUSTOMER_SORTS).default('lastSeen'),
  /** Defaults to newest first for dates and A to Z for names. */
  order: z.enum(['asc', 'desc']).optional(),
});

export const ListCustomersSchema = CustomerFilterSchema.extend(CustomerOrderSchema.shape).extend({
  cursor: z.string().max(500).optional(),
  limit: wholeNumber(z.number().int().min(1).max(500)).default(50),
});

/** The files the customer list is exported to. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

/**
 * An export: the list's filters and order, the file's format (CSV when absent) and, for a CSV,
 * the delimiter (the settings' when absent).
 */
export const ExportCustomersSchema = CustomerFilterSchema.extend(CustomerOrderSchema.shape).extend({
  format: z.enum(EXPORT_FORMATS).optional(),
  delimiter: z.enum([',', ';']).optional(),
  /**
   * The headers' language (and so the default delimiter): the one on the person's screen, which
   * in a browser may differ from the server's; the settings' when absent.
   */
  language: z.enum(['pt-BR', 'en']).optional(),
});
export type ExportCustomersRequest = z.input<typeof ExportCustomersSchema>;

/** Tags one customer carries at most. */
export const MAX_TAGS = 50;
const TagsSchema = z.array(text(50).min(1)).max(MAX_TAGS);

export const CreateCustomerSchema = z.object({
  displayName: text(200).min(
    1,
    say(() => texts().enterName),
  ),
  phone: optionalText(40),
  email: optionalText(254),
  tags: TagsSchema.optional(),
  note: optionalText(10_000),
  /** Attach this channel identity (a person who wrote while auto-creation was off). */
  identityId: id.optional(),
});

export const UpdateCustomerSchema = z.object({
  id,
  displayName: text(200)
    .min(
      1,
      say(() => texts().nameEmpty),
    )
    .optional(),
  phone: optionalText(40),
  email: optionalText(254),
  tags: TagsSchema.optional(),
});

export const SettingsSchema = z.object({
  autoCreateCustomers: z.boolean(),
  fetchProfilePictures: z.boolean(),
  /** null: the language of the computer Clientela runs on (SettingsEnvironment), on every screen. */
  language: z.enum(['pt-BR', 'en']).nullable(),
  defaultRegion: z.string().regex(
    /^[A-Z]{2}$/,
    say(() => texts().countryCode),
  ),
  /** null: ";" for Portuguese (what Excel in Portuguese expects), "," otherwise. */
  csvDelimiter: z.enum([',', ';']).nullable(),
  timeZone: z.string().refine(
    isTimeZone,
    say(() => texts().unknownTimeZone),
  ),
  /** Host mode listens on the office network, not only on this computer. */
  networkAccess: z.boolean(),
  /** The desktop app downloads and installs new releases (off: builds are not code-signed). */
  autoUpdate: z.boolean(),
  autoCreationInfoDismissed: z.boolean(),
  /** null: a `backups` folder beside the database. */
  backupFolder: localPath.nullable(),
  /** Backups kept in the folder; the oldest beyond this are deleted after each new one. */
  backupKeep: z.number().int().min(1).max(365),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** What the computer running Clientela decides around the owner's settings. */
export interface SettingsEnvironment {
  /**
   * The computer's language, in force while `language` is null: what the core writes in, and so
   * what every screen shows, whatever the language of the browser it is shown in.
   */
  systemLanguage: Language;
  /**
   * Settings an environment variable fixed when Clientela started, by the variable's name: in
   * force while it runs, not changed from the screens, never stored as the owner's choice.
   */
  fixedBy: Partial<Record<keyof Settings, string>>;
}

/** The settings changed only on the Clientela computer itself (see LocalOnly). */
export const LOCAL_ONLY_SETTINGS: Partial<Record<keyof Settings, LocalOnly>> = {
  /** On, host mode listens on every interface. */
  networkAccess: 'listens',
  /** On, the desktop app asks the release server for new versions and installs what it gets. */
  autoUpdate: 'callsOut',
  /** Where copies of the whole database are written, and how many stay (the rest are deleted). */
  backupFolder: 'writesFiles',
  backupKeep: 'writesFiles',
};

export const StartConversationSchema = z
  .object({
    channel: z.enum(CHANNELS),
    account: text(100).min(1).default('default'),
    phone: optionalText(40),
    username: optionalText(100),
    externalUserId: optionalText(512),
    displayName: optionalText(200),
    text: text(65_536).min(
      1,
      say(() => texts().typeMessage),
    ),
  })
  .refine(
    (v) => v.phone || v.username || v.externalUserId,
    say(() => texts().giveRecipient),
  );

export const ListConversationsSchema = z.object({
  channel: z.enum(CHANNELS).optional(),
  // A query string says "false" as text, which z.coerce.boolean() would read as true.
  unreadOnly: z.union([z.boolean(), z.stringbool()]).optional(),
  customerId: id.optional(),
  cursor: z.string().max(500).optional(),
  limit: wholeNumber(z.number().int().min(1).max(200)).default(50),
});

export const ListMessagesSchema = z.object({
  conversationId: id,
  /** Older messages than this cursor (pages go back in time). */
  cursor: z.string().max(500).optional(),
  limit: wholeNumber(z.number().int().min(1).max(500)).default(100),
});

/** An account key names a folder and appears in every message's `account`: kept plain. */
export const AccountKeySchema = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,39}$/,
    say(() => texts().accountKey),
  );

const accountRef = { channel: z.enum(CHANNELS), account: AccountKeySchema };

/** A form's value as typed, or already typed; the driver's schemas judge it. */
const FieldValueSchema = z.union([
  z.string().max(10_000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(2_000)).max(500),
  z.null(),
]);

export const AddAccountSchema = z.object({
  channel: z.enum(CHANNELS),
  /** The first free of `default`, `default-2`, ... when absent. */
  account: AccountKeySchema.optional(),
  fields: z.record(z.string().max(100), FieldValueSchema).default({}),
});

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

/** A sheet to import: a CSV's text, or an .xlsx file's bytes in base64; one of the two. */
export const ImportSheetSchema = z
  .object({
    csv: z
      .string()
      .min(
        1,
        say(() => texts().fileEmpty),
      )
      .max(200_000_000)
      .optional(),
    xlsx: z
      .base64()
      .min(
        1,
        say(() => texts().fileEmpty),
      )
      .max(200_000_000)
      .optional(),
  })
  .refine(
    (sheet) => (sheet.csv === undefined) !== (sheet.xlsx === undefined),
    say(() => texts().importOneSheet),
  );
export type ImportSheet = z.infer<typeof ImportSheetSchema>;

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
