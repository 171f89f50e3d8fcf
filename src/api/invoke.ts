/**
 * How a call reaches a handler table, whichever transport carries it: the table's type, read from
 * the contract, and the one place an input is checked against its method's schema.
 */
import type { z } from 'zod';
import { contract, type Method, type Output, type ParsedInput } from './contract';
import { ApiError, describeZodError } from './errors';
import { texts } from '../i18n/texts';

/** One function per method of the contract, taking its parsed input. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };

/** Parses `input` with `schema`, or throws a bad_input ApiError naming each wrong field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new ApiError('bad_input', describeZodError(parsed.error), parsed.error.issues);
  return parsed.data;
}

/**
 * Validates `input` against the method's schema and runs its handler. Bad input and unknown
 * methods become ApiErrors with a readable message; nothing is changed.
 */
export async function invoke(handlers: Handlers, method: string, input: unknown): Promise<unknown> {
  if (!Object.hasOwn(contract, method))
    throw new ApiError('unknown_method', texts().unknownMethod(method));
  const m = method as Method;
  const handler = handlers[m] as (input: unknown) => unknown;
  return handler(parseInput(contract[m].input, input));
}
