import type { ReadableDB, WritableDB } from '../db/access';
import type { Rows } from '../db/rows';
import { SettingsSchema, type Settings } from '../api/contract';
import { ApiError } from '../api/errors';
import { setLanguage, systemLanguage } from '../i18n/language';
import { texts } from '../i18n/texts';
import { NO_OVERRIDES, type SettingsOverrides } from './environment';

/** The machine's own time zone and language, used until the user picks others. */
export function systemDefaults(): { timeZone: string; locale: string } {
  const { timeZone, locale } = Intl.DateTimeFormat().resolvedOptions();
  return { timeZone: timeZone || 'UTC', locale };
}

/** Settings as a fresh install has them. */
export function defaultSettings(): Settings {
  return {
    autoCreateCustomers: true,
    fetchProfilePictures: true,
    language: null,
    defaultRegion: 'BR',
    csvDelimiter: null,
    timeZone: systemDefaults().timeZone,
    networkAccess: false,
    autoUpdate: false,
    autoCreationInfoDismissed: false,
    backupFolder: null,
    backupKeep: 7,
  };
}

/** The language in use: the chosen one, else the system's when it is Portuguese, else English. */
export function effectiveLanguage(settings: Pick<Settings, 'language'>): 'pt-BR' | 'en' {
  return settings.language ?? systemLanguage();
}

/** ";" where Excel expects it (Portuguese), "," elsewhere, unless the user chose one. */
export function effectiveCsvDelimiter(settings: Settings): ',' | ';' {
  return settings.csvDelimiter ?? (effectiveLanguage(settings) === 'pt-BR' ? ';' : ',');
}

/** The owner's stored settings over the defaults, read once (before a migration, too). */
export function readSettings(db: ReadableDB): Settings {
  const stored: Record<string, unknown> = {};
  for (const row of db.prepare<[], Rows['settings']>('SELECT key, value FROM settings').all())
    stored[row.key] = JSON.parse(row.value);
  // A value that no longer validates (an older version's) falls back to its default.
  const parsed = SettingsSchema.safeParse({ ...defaultSettings(), ...stored });
  return parsed.success ? parsed.data : defaultSettings();
}

export interface SettingsStore {
  /** The settings in force: the owner's, with what the environment fixed at start-up over them. */
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
  /** The settings the environment fixed at start-up, by the variable that fixed each. */
  fixedBy(): SettingsOverrides['fixedBy'];
}

/**
 * Settings kept as one JSON value per key, read once and cached. The core's language
 * (i18n/language.ts) follows them: set when they are read, and again on every change.
 * `overrides` (settings/environment.ts) hold over the stored values and are never stored: a change
 * to one is refused while the process runs, and the owner's choice is back at the next start.
 */
export function createSettingsStore(
  db: WritableDB,
  overrides: SettingsOverrides = NO_OVERRIDES,
): SettingsStore {
  const write = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  let cached: Settings | undefined;

  function adopt(settings: Settings): Settings {
    setLanguage(effectiveLanguage(settings));
    return settings;
  }

  const load = (): Settings => ({ ...readSettings(db), ...overrides.values });

  /** The patch without what the environment fixed to the same value; refused if it differs. */
  function unfixed(patch: Partial<Settings>): Partial<Settings> {
    const entries = Object.entries(patch) as [keyof Settings, unknown][];
    for (const [key, value] of entries) {
      const variable = overrides.fixedBy[key];
      if (variable && overrides.values[key] !== value)
        throw new ApiError('conflict', texts().setByEnvironment(variable));
    }
    return Object.fromEntries(entries.filter(([key]) => !overrides.fixedBy[key]));
  }

  const store: SettingsStore = {
    get: () => (cached ??= adopt(load())),
    update(patch) {
      // A key sent as undefined (IPC carries them; JSON drops them) leaves that setting as it is.
      const given = unfixed(
        Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      );
      const next = SettingsSchema.parse({ ...this.get(), ...given });
      db.transaction(() => {
        for (const [key, value] of Object.entries(given)) write.run(key, JSON.stringify(value));
      })();
      cached = adopt(next);
      return next;
    },
    fixedBy: () => overrides.fixedBy,
  };
  // Read now: texts produced before anything else reads the settings are in the right language.
  store.get();
  return store;
}
