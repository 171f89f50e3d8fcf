/** A WhatsApp account's settings, as the Channels page and `channels add` collect them. */
import { z } from 'zod';
import { say } from '../../i18n/catalogue';
import type { AccountField } from '../connector';
import { whatsappTexts } from './texts';

/** The form, in order. */
export const WHATSAPP_FIELDS: readonly AccountField[] = [
  {
    key: 'chromePath',
    type: 'text',
    // The browser started for WhatsApp: a program this computer runs.
    localOnly: 'runsProgram',
    placeholder: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  },
  { key: 'includeGroups', type: 'boolean' },
  { key: 'markChatsRead', type: 'boolean' },
];

/** An account's settings: an optional browser path, whether groups are kept, and read marks. */
export const WhatsAppConfigSchema = z.object({
  /** A browser to use instead of the one found on the machine. */
  chromePath: z
    .string()
    .trim()
    .max(
      1024,
      say(() => whatsappTexts().browserPathTooLong),
    )
    .transform((path) => path || undefined)
    .optional(),
  /** Keep group conversations too (each group is one conversation). */
  includeGroups: z.boolean().default(false),
  /**
   * Mark the chat read on the phone when an agent replies (the library's default). Off unless a
   * shop wants it: the phone's unread chats are how many owners see what still needs an answer.
   */
  markChatsRead: z.boolean().default(false),
});
export type WhatsAppConfig = z.output<typeof WhatsAppConfigSchema>;

/** No secrets: the session lives in the account's data folder. */
export const WhatsAppSecretsSchema = z.object({}).strict();
