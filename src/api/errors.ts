import type { z } from 'zod';

/** Error kinds every transport maps the same way (HTTP status, IPC error code). */
export type ApiErrorCode = 'bad_input' | 'not_found' | 'conflict' | 'unknown_method' | 'internal';

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

export const notFound = (what: string) => new ApiError('not_found', `${what} not found`);
export const badInput = (message: string, details?: unknown) =>
  new ApiError('bad_input', message, details);

/** A readable sentence from zod's issues, naming the field: "limit: Too big: expected ...". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}
