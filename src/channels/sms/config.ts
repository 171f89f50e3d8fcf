/** An SMS account's settings and secret, as the Channels page and `channels add` collect them. */
import { z } from 'zod';
import { say } from '../../i18n/catalogue';
import type { AccountField } from '../connector';
import { smsTexts } from './texts';

/** The form, in order. */
export const SMS_FIELDS: readonly AccountField[] = [
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
];

/** An account's settings: the phone's address, the app's user, the SIM replies go out through. */
export const SmsConfigSchema = z.object({
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
export type SmsConfig = z.output<typeof SmsConfigSchema>;

/** The app's password: kept in the secret store only. */
export const SmsSecretsSchema = z.object({
  password: z.string().min(
    1,
    say(() => smsTexts().passwordRequired),
  ),
});
