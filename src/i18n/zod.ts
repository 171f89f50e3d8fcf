/**
 * zod's own messages (too long, not a number...) in the app's language, read when a value is
 * checked; a value left out says "Required" rather than "expected string, received undefined".
 * Schemas' own messages (`say`) still come first. Imported once, for its effect, by the API
 * contract that every schema user loads.
 */
import { z } from 'zod';
import { currentLanguage } from './language';
import { texts } from './texts';

const locales = { 'pt-BR': z.locales.ptBR(), en: z.locales.en() };

z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined ? texts().required : undefined,
  localeError: (issue) => locales[currentLanguage()].localeError(issue),
});
