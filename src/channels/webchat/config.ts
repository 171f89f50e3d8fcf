/**
 * The settings of one web chat account. The widget's server is a door open to the internet, so
 * every setting is strict: an origin must be exactly an origin, the port a port.
 */
import { z } from 'zod';
import { say } from '../../i18n/catalogue';
import type { AccountField } from '../connector';
import { webchatTexts } from './texts';

/** The form, in order. */
export const WEBCHAT_FIELDS: readonly AccountField[] = [
  { key: 'port', type: 'number', required: true, placeholder: '8090' },
  {
    key: 'allowedOrigins',
    type: 'list',
    required: true,
    placeholder: 'https://minhaloja.com.br',
  },
  { key: 'publicUrl', type: 'url', placeholder: 'https://chat.minhaloja.com.br' },
  { key: 'host', type: 'text', localOnly: 'listens', placeholder: '127.0.0.1' },
  { key: 'greeting', type: 'text' },
  { key: 'prechatForm', type: 'boolean' },
  { key: 'trustProxy', type: 'boolean' },
];

/** "https://minhaloja.com.br" and nothing more: no path, no trailing slash, no wildcard. */
const origin = z.string().transform((value, ctx) => {
  const trimmed = value.trim().replace(/\/+$/, '');
  let parsed: URL | null = null;
  try {
    parsed = new URL(trimmed);
  } catch {
    // reported below
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== trimmed.toLowerCase()) {
    ctx.addIssue({
      code: 'custom',
      message: webchatTexts().notAnOrigin(value),
    });
    return z.NEVER;
  }
  return parsed.origin;
});

/** A list typed in one field (the CLI's `--allowed-origins a,b`) or given as an array. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value),
    z.array(item),
  );

/** "true" from a form or a command line flag is true; "false" is false. */
const flag = z.preprocess(
  (value) => (typeof value === 'string' ? /^(true|1|yes|on)$/i.test(value.trim()) : value),
  z.boolean(),
);

export const WebchatConfigSchema = z.object({
  /** 0 takes any free port (tests). */
  port: z.coerce
    .number(say(() => webchatTexts().portNumber))
    .int()
    .min(0)
    .max(
      65535,
      say(() => webchatTexts().portRange),
    ),
  /**
   * The address to listen on. Loopback by default: a website served over HTTPS can only load the
   * widget over HTTPS, so visitors reach it through a proxy or tunnel on this machine; listening
   * on every interface (0.0.0.0) is the owner's explicit choice.
   */
  host: z.string().trim().min(1).default('127.0.0.1'),
  allowedOrigins: list(origin).pipe(
    z.array(z.string()).min(
      1,
      say(() => webchatTexts().originsRequired),
    ),
  ),
  /** Where visitors reach the server (the proxy's HTTPS address); the snippet names it. */
  publicUrl: z.url({ protocol: /^https?$/, error: () => webchatTexts().publicUrl }).optional(),
  /** Ask the visitor's name and email before the first message. */
  prechatForm: flag.default(false),
  /** The first line the visitor reads; a friendly default in their language when empty. */
  greeting: z
    .string()
    .trim()
    .max(
      500,
      say(() => webchatTexts().greetingLength),
    )
    .optional(),
  /** Behind a proxy every request comes from it: take the visitor's address from X-Forwarded-For. */
  trustProxy: flag.default(false),
});

export type WebchatConfig = z.output<typeof WebchatConfigSchema>;

/** Nothing secret is typed in: the key that signs visitor tokens is made in the account's folder. */
export const WebchatSecretsSchema = z.record(z.string(), z.string());
