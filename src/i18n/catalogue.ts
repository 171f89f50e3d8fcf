/**
 * A catalogue: the same typed set of texts in each language. Calling it gives the texts of the
 * language in force (language.ts); `in(language)` gives one language's, for tests and for a text
 * that must be in a language other than the app's.
 */
import { currentLanguage, type Language } from './language';

export interface Catalogue<T> {
  (): T;
  in(language: Language): T;
}

/** Declares a catalogue; both languages must have every text, with the same parameters. */
export function defineTexts<T>(byLanguage: Record<Language, T>): Catalogue<T> {
  const texts = () => byLanguage[currentLanguage()];
  return Object.assign(texts, { in: (language: Language) => byLanguage[language] });
}

/**
 * A zod message read when the value is checked, not when the schema is built, so it follows a
 * language switch: `.min(1, say(() => texts().enterName))`.
 */
export const say = (text: () => string) => ({ error: text });
