/** What the customer methods take: the list's filters and order, an export, a customer typed, a sheet. */
import { z } from 'zod';
import { CHANNELS, SOURCES } from '../shared/domain';
import { say } from '../i18n/catalogue';
import { texts } from '../i18n/texts';
import { id, instant, optionalText, text, wholeNumber } from './fields';

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
export const TagsSchema = z.array(text(50).min(1)).max(MAX_TAGS);

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
