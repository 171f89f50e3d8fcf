/**
 * How the property tests run: a few hundred cases per property in `npm test`, thousands in
 * `npm run test:props:long` (CLIENTELA_PROPERTY_RUNS), a seed printed with any failure to replay
 * it (CLIENTELA_SEED), and the cases tried counted so each file can say how many it ran.
 */
import fc from 'fast-check';
import { afterAll } from 'vitest';

/** Cases per property. */
export const RUNS = Number(process.env.CLIENTELA_PROPERTY_RUNS ?? 200);
/** Time a property may take: the long runs take minutes on a busy machine. */
export const PROPERTY_TIMEOUT = RUNS > 200 ? 1_800_000 : 60_000;

let tried = 0;

/** Runs `property` (RUNS cases unless `numRuns` says otherwise) and counts its cases. */
export async function holds<T>(
  property: fc.IAsyncPropertyWithHooks<T> | fc.IPropertyWithHooks<T>,
  parameters: fc.Parameters<T> = {},
): Promise<void> {
  const seed = process.env.CLIENTELA_SEED;
  const details = await fc.check(property as fc.IAsyncPropertyWithHooks<T>, {
    numRuns: RUNS,
    ...(seed ? { seed: Number(seed) } : {}),
    ...parameters,
  });
  tried += details.numRuns;
  if (!details.failed) return;
  const why = details.errorInstance instanceof Error ? details.errorInstance.message : '';
  throw new Error(`${fc.defaultReportMessage(details) ?? 'property failed'}\n${why}`, {
    cause: details.errorInstance,
  });
}

/** Prints, after the file's tests, how many cases its properties tried. */
export function reportCasesTried(what: string): void {
  afterAll(() => console.log(`${what}: ${tried} property cases tried`));
}
