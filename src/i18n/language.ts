/**
 * The language the core writes in. One database is one business with one language, so the core
 * keeps it process-wide: the settings store sets it when it loads and whenever the setting
 * changes, and every text is picked at the moment it is produced (an error, a stored failure
 * reason, a placeholder). zod's own messages follow it too (zod.ts).
 */

export type Language = 'pt-BR' | 'en';

/** Portuguese when the system speaks any Portuguese, else English. */
export function systemLanguage(): Language {
  const locale = Intl.DateTimeFormat().resolvedOptions().locale.toLowerCase();
  return locale.startsWith('pt') ? 'pt-BR' : 'en';
}

let current: Language = systemLanguage();

/** The language texts are written in right now. */
export function currentLanguage(): Language {
  return current;
}

/** Switches every text the core produces from now on (the settings store calls it). */
export function setLanguage(language: Language): void {
  current = language;
}
