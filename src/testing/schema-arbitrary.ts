/**
 * Inputs for a zod schema, as a fast-check arbitrary read from the schema itself: a method added
 * to the contract is covered by the property tests without a test of its own. The values are
 * mostly ones the schema accepts (so the handler behind it runs), written with awkward text;
 * `mutated()` (hostile-input.ts) makes them hostile.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { awkwardText, hostileDate } from './hostile-input';

interface Def {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  format?: string;
  pattern?: RegExp;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
}

/** Arbitraries for fields the schema alone cannot describe (a refinement, a realistic form). */
export type Overrides = Record<string, fc.Arbitrary<unknown>>;

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The keys of an object schema whose values are numbers (ids, limits), however wrapped
 * (optional, with a default, read from digits).
 */
export function numberKeys(schema: z.ZodType): string[] {
  const def = defOf(schema);
  if (['optional', 'default', 'nullable'].includes(def.type)) return numberKeys(def.innerType!);
  return Object.entries(def.shape ?? {})
    .filter(([, field]) => isNumber(field))
    .map(([key]) => key);
}

function isNumber(schema: z.ZodType): boolean {
  const def = defOf(schema);
  if (def.type === 'number') return true;
  if (['optional', 'default', 'nullable'].includes(def.type)) return isNumber(def.innerType!);
  return def.type === 'pipe' && isNumber(def.out!);
}

/** The checks of a string or number schema, by kind. */
function limits(def: Def) {
  const found: { min?: number; max?: number; pattern?: RegExp; format?: string; int?: boolean } =
    {};
  for (const { _zod } of def.checks ?? []) {
    const check = _zod.def;
    if (check.check === 'min_length') found.min = check.minimum;
    if (check.check === 'max_length') found.max = check.maximum;
    if (check.check === 'greater_than') found.min = (check.value ?? 0) + (check.inclusive ? 0 : 1);
    if (check.check === 'less_than') found.max = (check.value ?? 0) - (check.inclusive ? 0 : 1);
    if (check.check === 'number_format') found.int = true;
    if (check.check === 'string_format') {
      found.format = check.format;
      found.pattern = check.pattern;
    }
  }
  return found;
}

/** Instants in and around the years the app holds, as a person or a script writes them. */
const instant = fc.oneof(
  fc
    .date({ min: new Date('1990-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().replace('Z', '-03:00')),
  hostileDate,
);

function stringOf(def: Def): fc.Arbitrary<string> {
  const { min = 0, max = 10_000, pattern, format } = limits(def);
  if (def.format === 'datetime' || def.format === 'date') return instant as fc.Arbitrary<string>;
  if (format === 'regex' && pattern) return fc.stringMatching(pattern);
  if (def.format === 'url' || format === 'url')
    return fc.oneof(fc.webUrl(), awkwardText(60)) as fc.Arbitrary<string>;
  const text = awkwardText(max);
  return min > 0 ? text.filter((t) => t.trim().length >= min) : text;
}

function numberOf(def: Def): fc.Arbitrary<number> {
  const { min = -1e9, max = 1e9, int } = limits(def);
  const top = Math.min(max, Number.MAX_SAFE_INTEGER);
  // Ids: mostly small, so they name rows that exist; sometimes far beyond any row.
  return int
    ? fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min, max: Math.min(top, min + 40) }) },
        { weight: 1, arbitrary: fc.integer({ min, max: top }) },
      )
    : fc.double({ min, max: top, noNaN: true });
}

/** An arbitrary of inputs for `schema`; `overrides` by field name replace what the schema says. */
export function arbitraryOf(schema: z.ZodType, overrides: Overrides = {}): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringOf(def);
    case 'number':
      return numberOf(def);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'literal':
      return fc.constantFrom(...(def.values ?? []));
    case 'optional':
      return fc.option(arbitraryOf(def.innerType!, overrides), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(arbitraryOf(def.innerType!, overrides), { nil: null, freq: 4 });
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return fc.option(arbitraryOf(def.innerType!, overrides), { nil: undefined, freq: 3 });
    case 'pipe': {
      // z.preprocess(fn, schema): the schema says what is wanted; the numbers among its inputs
      // also come as digits, the way a URL or a query string writes them.
      if (defOf(def.in!).type !== 'transform') return arbitraryOf(def.in!, overrides);
      const wanted = arbitraryOf(def.out!, overrides);
      return defOf(def.out!).type === 'number' ? fc.oneof(wanted, wanted.map(String)) : wanted;
    }
    case 'union':
      return fc.oneof(...def.options!.map((option) => arbitraryOf(option, overrides)));
    case 'array': {
      const { min = 0, max = 10 } = limits(def);
      return fc.array(arbitraryOf(def.element!, overrides), {
        minLength: min,
        maxLength: Math.min(max, min + 4),
      });
    }
    case 'record':
      return fc.dictionary(
        arbitraryOf(def.keyType!, overrides) as fc.Arbitrary<string>,
        arbitraryOf(def.valueType!, overrides),
        { maxKeys: 4 },
      );
    case 'object': {
      const shape = def.shape ?? {};
      const fields = Object.fromEntries(
        Object.entries(shape).map(([key, field]) => [
          key,
          overrides[key] ?? arbitraryOf(field, overrides),
        ]),
      );
      const required = Object.keys(shape).filter(
        (key) => !['optional', 'default', 'prefault'].includes(defOf(shape[key]!).type),
      );
      return fc.record(fields, { requiredKeys: required });
    }
    default:
      // transform, custom, unknown, any...: the schema gives no shape to follow.
      return fc.anything({ maxDepth: 1 });
  }
}
