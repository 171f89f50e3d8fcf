/**
 * Who calls the handler table, and what only the owner's own computer may change. Host mode is a
 * caller over the network; the desktop app's window (IPC) and the command line are local. Until
 * agents have roles, a setting declared `localOnly` (it runs a program, calls an address or
 * listens beyond this computer) is refused over the network, whichever channel or screen it is on.
 */
import { ApiError, fieldName } from './errors';
import type { LocalOnly } from './types';
import { texts } from '../i18n/texts';

export type Caller = 'local' | 'network';

/** Addresses that listen on this computer only: what every listener does when left alone. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

/** Whether a value is left out: empty text, an empty list, nothing. `false` is a value. */
function given(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Whether a caller over the network may give `value` to a setting of this kind. */
function allowedOverNetwork(kind: LocalOnly, value: unknown): boolean {
  if (!given(value)) return true;
  return kind === 'listens' && typeof value === 'string' && LOOPBACK.test(value.trim());
}

/** The `localOnly` declarations of a form's fields, by key. */
export function localOnlyOf(
  fields: readonly { key: string; localOnly?: LocalOnly }[],
): Record<string, LocalOnly> {
  return Object.fromEntries(fields.flatMap((f) => (f.localOnly ? [[f.key, f.localOnly]] : [])));
}

/**
 * Refuses a caller over the network that gives a value to any setting `declared` local-only,
 * naming every such field in the app's language; nothing is changed. Local callers pass.
 */
export function refuseLocalOnly(
  caller: Caller,
  declared: Readonly<Partial<Record<string, LocalOnly>>>,
  values: Readonly<Record<string, unknown>>,
): void {
  if (caller === 'local') return;
  const refused = Object.keys(values).filter((key) => {
    const kind = Object.hasOwn(declared, key) ? declared[key] : undefined;
    return kind !== undefined && !allowedOverNetwork(kind, values[key]);
  });
  if (refused.length > 0)
    throw new ApiError('local_only', texts().changedOnThisComputer(refused.map(fieldName)));
}

/** Refuses a whole method to a caller over the network (backups and restores), with `reason`. */
export function refuseOverNetwork(caller: Caller, reason: string): void {
  if (caller === 'network') throw new ApiError('local_only', reason);
}
