/**
 * An account's form, or the command line's flags, as typed values: each field read by its type
 * (numbers, yes/no, comma- or line-separated lists), settings apart from secrets. The driver's
 * schemas then judge them (accounts.ts).
 */
import type { AccountField } from '../api/types';
import { badInput, fieldName } from '../api/errors';
import type { Channel } from '../shared/domain';
import { texts } from '../i18n/texts';

const TRUE = new Set(['true', '1', 'yes', 'on', 'sim']);
const FALSE = new Set(['false', '0', 'no', 'off', 'não', 'nao']);

/**
 * Turns a form's or the command line's values into typed ones by each field's type (numbers,
 * booleans, comma- or line-separated lists); empty values are left out, so optional fields are
 * simply absent. The driver's schemas then judge the values.
 */
export function readFieldValues(
  channel: Channel,
  fields: readonly AccountField[],
  raw: Record<string, unknown>,
): { config: Record<string, unknown>; secrets: Record<string, unknown> } {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const config: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = byKey.get(key);
    if (!field) throw badInput(texts().notASetting(key, channel));
    const typed = typedValue(field, value);
    if (typed !== undefined) (field.secret ? secrets : config)[key] = typed;
  }
  return { config, secrets };
}

function typedValue(field: AccountField, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  switch (field.type) {
    case 'number': {
      const number = Number(text);
      if (!Number.isFinite(number)) throw badInput(texts().notANumber(fieldName(field.key), text));
      return number;
    }
    case 'boolean':
      if (TRUE.has(text.toLowerCase())) return true;
      if (FALSE.has(text.toLowerCase())) return false;
      throw badInput(texts().notYesNo(fieldName(field.key), text));
    case 'list':
      return text
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    default:
      // A password keeps its spaces: they may be part of it.
      return field.type === 'password' ? value : text;
  }
}
