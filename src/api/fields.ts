/** The fields the contract's schemas are made of: whole numbers, ids, instants, text a person typed. */
import { z } from 'zod';
import { isWholeText } from '../shared/text';
import { say } from '../i18n/catalogue';
import { texts } from '../i18n/texts';
import '../i18n/zod';

/**
 * A whole number as JSON sends it, or as a URL or a query string writes it ("42"). Nothing else
 * reads as one: z.coerce took `true`, `[7]`, `""` and `"0x10"` for 1, 7, 0 and 16, so
 * `customers.delete {"id": true}` deleted customer 1, and a missing id said "received NaN".
 */
export const wholeNumber = (schema: z.ZodNumber) =>
  z.preprocess(
    (value) =>
      typeof value === 'string' && /^\s*\d{1,16}\s*$/.test(value) ? Number(value) : value,
    schema,
  );
export const id = wholeNumber(z.number().int().positive());
export const instant = z.iso.datetime({ offset: true }).or(z.iso.date());
/** Text a person typed: trimmed, at most `max` characters, none of them cut in half. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(
      isWholeText,
      say(() => texts().halfCharacter),
    );
/** A full path on the Clientela computer (a folder a backup goes to, or comes from). */
export const localPath = z
  .string()
  .trim()
  .min(1)
  .max(4_096)
  .refine(
    (path) => (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) && !path.includes('\0'),
    say(() => texts().fullPath),
  );
export const optionalText = (max: number) =>
  text(max)
    .transform((v) => (v === '' ? null : v))
    .nullish();
