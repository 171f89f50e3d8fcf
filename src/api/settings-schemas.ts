/** The settings: their schema, what the computer decides around them, and which stay on it. */
import { z } from 'zod';
import { isTimeZone } from '../shared/time';
import { say } from '../i18n/catalogue';
import type { Language } from '../i18n/language';
import { texts } from '../i18n/texts';
import { localPath } from './fields';
import type { LocalOnly } from './types';

export const SettingsSchema = z.object({
  autoCreateCustomers: z.boolean(),
  fetchProfilePictures: z.boolean(),
  /** null: the language of the computer Clientela runs on (SettingsEnvironment), on every screen. */
  language: z.enum(['pt-BR', 'en']).nullable(),
  defaultRegion: z.string().regex(
    /^[A-Z]{2}$/,
    say(() => texts().countryCode),
  ),
  /** null: ";" for Portuguese (what Excel in Portuguese expects), "," otherwise. */
  csvDelimiter: z.enum([',', ';']).nullable(),
  timeZone: z.string().refine(
    isTimeZone,
    say(() => texts().unknownTimeZone),
  ),
  /** Host mode listens on the office network, not only on this computer. */
  networkAccess: z.boolean(),
  /** The desktop app downloads and installs new releases (off: builds are not code-signed). */
  autoUpdate: z.boolean(),
  autoCreationInfoDismissed: z.boolean(),
  /** null: a `backups` folder beside the database. */
  backupFolder: localPath.nullable(),
  /** Backups kept in the folder; the oldest beyond this are deleted after each new one. */
  backupKeep: z.number().int().min(1).max(365),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** What the computer running Clientela decides around the owner's settings. */
export interface SettingsEnvironment {
  /**
   * The computer's language, in force while `language` is null: what the core writes in, and so
   * what every screen shows, whatever the language of the browser it is shown in.
   */
  systemLanguage: Language;
  /**
   * Settings an environment variable fixed when Clientela started, by the variable's name: in
   * force while it runs, not changed from the screens, never stored as the owner's choice.
   */
  fixedBy: Partial<Record<keyof Settings, string>>;
}

/** The settings changed only on the Clientela computer itself (see LocalOnly). */
export const LOCAL_ONLY_SETTINGS: Partial<Record<keyof Settings, LocalOnly>> = {
  /** On, host mode listens on every interface. */
  networkAccess: 'listens',
  /** On, the desktop app asks the release server for new versions and installs what it gets. */
  autoUpdate: 'callsOut',
  /** Where copies of the whole database are written, and how many stay (the rest are deleted). */
  backupFolder: 'writesFiles',
  backupKeep: 'writesFiles',
};
