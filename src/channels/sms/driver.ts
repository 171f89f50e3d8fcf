/**
 * The SMS channel: an Android phone on the office network running "SMS Gateway for Android" in
 * Local Server mode. The account's settings are the phone's address, the app's user and, on a
 * phone with two SIMs, the one replies go out through; its password is a secret.
 */
import type { ChannelDriver } from '../connector';
import { createAndroidGatewayProvider } from './android-gateway/provider';
import { SMS_FIELDS, SmsConfigSchema, SmsSecretsSchema, type SmsConfig } from './config';
import { createSmsConnector } from './connector';

/** The provider for an account's settings. */
const providerFor = ({ simNumber, ...address }: SmsConfig, secrets: Record<string, string>) =>
  createAndroidGatewayProvider({ ...address, password: secrets.password ?? '' }, { simNumber });

/** The SMS driver: an account is checked by asking the phone's app who it is. */
export const smsDriver: ChannelDriver<SmsConfig> = {
  channel: 'sms',
  fields: SMS_FIELDS,
  configSchema: SmsConfigSchema,
  secretsSchema: SmsSecretsSchema,
  verify: (config, secrets, signal) => providerFor(config, secrets).describe(signal),
  create: (context) => createSmsConnector(context, providerFor(context.config, context.secrets)),
};
