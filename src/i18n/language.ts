/**
 * The language the core writes in. One database is one business with one language, so the core
 * keeps it process-wide: the settings store sets it when it loads and whenever the setting
 * changes, and every text is picked at the moment it is produced (an error, a stored failure
 * reason, a placeholder). zod's own messages follow it too (zod.ts). While no language is chosen
 * it is the computer's, and every screen shows that one as well (the API says which it is).
 */

export type Language = 'pt-BR' | 'en';

/** The language of a locale ("pt-BR", "pt_PT.UTF-8", "en-US"): Portuguese for any Portuguese. */
export function languageOf(locale: string): Language {
  return locale.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}

// Node reads it from the environment (LANG and the like).
let system: Language = languageOf(Intl.DateTimeFormat().resolvedOptions().locale);

/** The computer's language: Portuguese when it speaks any Portuguese, else English. */
export function systemLanguage(): Language {
  return system;
}

/**
 * Says what the computer's language is where the runtime knows it better than Node's Intl: the
 * desktop app asks Chromium, which reads the system's preferences, while Node reads LANG, which
 * an app opened from the macOS Finder does not have. Call it before opening a database.
 */
export function setSystemLocale(locale: string): void {
  system = languageOf(locale);
}

let current: Language = system;

/** The language texts are written in right now. */
export function currentLanguage(): Language {
  return current;
}

/** Switches every text the core produces from now on (the settings store calls it). */
export function setLanguage(language: Language): void {
  current = language;
}
