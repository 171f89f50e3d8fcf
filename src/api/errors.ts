import type { z } from 'zod';
import { texts, type CoreTexts } from '../i18n/texts';

/**
 * Error kinds every transport maps the same way (HTTP status, IPC error code). `local_only`: a
 * setting that is changed on the Clientela computer itself, asked for over the network.
 */
export type ApiErrorCode =
  'bad_input' | 'not_found' | 'conflict' | 'unknown_method' | 'local_only' | 'internal';

/** An error meant for the person using the app: its message is shown as it is. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** "Customer not found", in the app's language. */
export const notFound = (thing: Parameters<CoreTexts['notFound']>[0]) =>
  new ApiError('not_found', texts().notFound(thing));
export const badInput = (message: string, details?: unknown) =>
  new ApiError('bad_input', message, details);

/**
 * A readable sentence from zod's issues in the app's language, naming each field as the screens
 * do: "Telefone: Texto muito longo: ...". Field keys without a name of their own stay as they are.
 */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0
        ? `${issue.path.map(fieldName).join('.')}: ${issue.message}`
        : issue.message,
    )
    .join('; ');
}

/** A field as the screens name it, in the app's language; its key when it has no name. */
export function fieldName(key: PropertyKey): string {
  const { fieldNames } = texts();
  return typeof key === 'string' && Object.hasOwn(fieldNames, key) ? fieldNames[key]! : String(key);
}
