/**
 * The website chat: a server of its own on the account's port serves the embeddable widget and
 * the visitors' API; what visitors write becomes InboundEvents, and agents' replies go out over
 * the visitor's open sockets (or wait in the history for their next visit).
 */
import type { ChannelDriver } from '../connector';
import {
  WEBCHAT_FIELDS,
  WebchatConfigSchema,
  WebchatSecretsSchema,
  type WebchatConfig,
} from './config';
import { createWebchatConnector } from './connector';
import { probeAddress } from './server';

/** The web chat driver: an account is checked by trying its address. */
export const webchatDriver: ChannelDriver<WebchatConfig> = {
  channel: 'webchat',
  fields: WEBCHAT_FIELDS,
  configSchema: WebchatConfigSchema,
  secretsSchema: WebchatSecretsSchema,
  /** A taken port is said on the form, not later as the account's error; named by its sites. */
  async verify(config) {
    await probeAddress(config);
    return config.allowedOrigins.map((origin) => new URL(origin).host).join(', ');
  },
  create: (ctx) => createWebchatConnector(ctx),
};
