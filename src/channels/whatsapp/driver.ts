/**
 * The WhatsApp channel: one whatsapp-web.js session per connected number, paired by QR code on the
 * Channels page. No secrets: the session lives in the account's data folder.
 */
import { z } from 'zod';
import type { ChannelDriver } from '../connector';
import { findInstalledBrowser } from './chrome';
import { whatsappTexts } from './texts';
import { sessionDirOf, webClientFactory } from './web-client';
import { createWhatsAppConnector, type WhatsAppConfig } from './connector';
import { say } from '../../i18n/catalogue';

/** An account's settings: an optional browser path, whether groups are kept, and read marks. */
export const WhatsAppConfigSchema = z.object({
  chromePath: z
    .string()
    .trim()
    .max(
      1024,
      say(() => whatsappTexts().browserPathTooLong),
    )
    .optional()
    .transform((path) => path || undefined),
  includeGroups: z.boolean().default(false),
  markChatsRead: z.boolean().default(false),
});

/** The WhatsApp driver: no secrets to check; the browser is looked for at each start. */
export const whatsappDriver: ChannelDriver<WhatsAppConfig> = {
  channel: 'whatsapp',
  fields: [
    {
      key: 'chromePath',
      type: 'text',
      // The browser started for WhatsApp: a program this computer runs.
      localOnly: 'runsProgram',
      placeholder: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    },
    { key: 'includeGroups', type: 'boolean' },
    { key: 'markChatsRead', type: 'boolean' },
  ],
  configSchema: WhatsAppConfigSchema,
  secretsSchema: z.object({}).strict(),
  create(ctx) {
    const browser = () => {
      const found = findInstalledBrowser(ctx.config.chromePath, whatsappTexts());
      if ('error' in found) throw new Error(found.error);
      return found.path;
    };
    return createWhatsAppConnector(ctx, {
      createClient: webClientFactory({ account: ctx.account, dataDir: ctx.dataDir, browser }),
      sessionDir: sessionDirOf(ctx.dataDir, ctx.account),
    });
  },
};
