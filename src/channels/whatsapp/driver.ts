/**
 * The WhatsApp channel: one whatsapp-web.js session per connected number, paired by QR code on the
 * Channels page. No secrets: the session lives in the account's data folder.
 */
import type { ChannelDriver } from '../connector';
import { findInstalledBrowser } from './chrome';
import {
  WHATSAPP_FIELDS,
  WhatsAppConfigSchema,
  WhatsAppSecretsSchema,
  type WhatsAppConfig,
} from './config';
import { createWhatsAppConnector } from './connector';
import { whatsappTexts } from './texts';
import { sessionDirOf, webClientFactory } from './web-client';

/** The WhatsApp driver: no secrets to check; the browser is looked for at each start. */
export const whatsappDriver: ChannelDriver<WhatsAppConfig> = {
  channel: 'whatsapp',
  fields: WHATSAPP_FIELDS,
  configSchema: WhatsAppConfigSchema,
  secretsSchema: WhatsAppSecretsSchema,
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
