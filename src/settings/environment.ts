/**
 * The seed's switches (shared/seed-customer-auto-creation.md), read from the environment when
 * `clientela serve` or the desktop app starts: each fixes one setting for as long as the process
 * runs, over what the owner chose, and is never stored as if the owner had chosen it.
 */
import type { Settings } from '../api/contract';

/** Each switch by the setting it fixes. */
export const ENVIRONMENT_SWITCHES = {
  autoCreateCustomers: 'CUSTOMER_AUTO_CREATION_ENABLED',
  fetchProfilePictures: 'WHATSAPP_PROFILE_PICTURE_FETCH_ENABLED',
} as const satisfies Partial<Record<keyof Settings, string>>;

/** Settings fixed for the life of the process, and the variable that fixed each. */
export interface SettingsOverrides {
  values: Partial<Settings>;
  fixedBy: Partial<Record<keyof Settings, string>>;
}

export const NO_OVERRIDES: SettingsOverrides = { values: {}, fixedBy: {} };

const ON = new Set(['true', '1']);
const OFF = new Set(['false', '0']);

/**
 * The switches set in `env` ("true" or "false", also 1 or 0; unset or empty leaves the owner's
 * setting), and a sentence for each set to anything else, which the caller refuses to start on.
 */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv): {
  overrides: SettingsOverrides;
  problems: string[];
} {
  const overrides: SettingsOverrides = { values: {}, fixedBy: {} };
  const problems: string[] = [];
  for (const [setting, variable] of Object.entries(ENVIRONMENT_SWITCHES) as [
    keyof typeof ENVIRONMENT_SWITCHES,
    string,
  ][]) {
    const raw = env[variable]?.trim().toLowerCase();
    if (!raw) continue;
    if (!ON.has(raw) && !OFF.has(raw)) {
      problems.push(`${variable} must be true or false, not "${env[variable]}"`);
      continue;
    }
    overrides.values[setting] = ON.has(raw);
    overrides.fixedBy[setting] = variable;
  }
  return { overrides, problems };
}
