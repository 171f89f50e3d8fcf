/**
 * The SMS channel: an Android phone on the office network running "SMS Gateway for Android" in
 * Local Server mode. The account's settings are the phone's address, the app's user and, on a
 * phone with two SIMs, the one replies go out through; its password is a secret.
 */
import { z } from 'zod';
import { say } from '../../i18n/catalogue';
import type { ChannelDriver } from '../connector';
import { createAndroidGatewayProvider } from './android-gateway/provider';
import { createSmsConnector } from './connector';
import { smsTexts } from './texts';

const ConfigSchema = z.object({
  url: z
    .string()
    .trim()
    // An address is often typed without its scheme ("192.168.0.50:8080").
    .transform((value) => (/^[a-z][a-z+.-]*:\/\//i.test(value) ? value : `http://${value}`))
    .pipe(
      z.url({
        protocol: /^https?$/,
        error: () => smsTexts().urlInvalid,
      }),
    )
    .refine(
      (value) => {
        const url = new URL(value);
        return url.username === '' && url.password === '';
      },
      say(() => smsTexts().credentialsInUrl),
    )
    .transform((value) => value.replace(/\/+$/, '')),
  username: z
    .string()
    .trim()
    .min(
      1,
      say(() => smsTexts().usernameRequired),
    ),
  // The app's own range for `simNumber` (its OpenAPI document): SIM slots 1 to 3.
  simNumber: z
    .number(say(() => smsTexts().simInvalid))
    .int(say(() => smsTexts().simInvalid))
    .min(
      1,
      say(() => smsTexts().simInvalid),
    )
    .max(
      3,
      say(() => smsTexts().simInvalid),
    )
    .optional(),
});
export type SmsConfig = z.output<typeof ConfigSchema>;

const SecretsSchema = z.object({
  password: z.string().min(
    1,
    say(() => smsTexts().passwordRequired),
  ),
});

/** The provider for an account's settings. */
const providerFor = ({ simNumber, ...address }: SmsConfig, secrets: Record<string, string>) =>
  createAndroidGatewayProvider({ ...address, password: secrets.password ?? '' }, { simNumber });

/** The SMS channel's driver. */
export const smsDriver: ChannelDriver<SmsConfig> = {
  channel: 'sms',
  fields: [
    {
      key: 'url',
      type: 'url',
      required: true,
      localOnly: 'callsOut',
      placeholder: 'http://192.168.0.50:8080',
    },
    { key: 'username', type: 'text', required: true, placeholder: 'sms' },
    { key: 'password', type: 'password', secret: true, required: true },
    { key: 'simNumber', type: 'number' },
  ],
  configSchema: ConfigSchema,
  secretsSchema: SecretsSchema,
  verify: (config, secrets, signal) => providerFor(config, secrets).describe(signal),
  create: (context) => createSmsConnector(context, providerFor(context.config, context.secrets)),
};
