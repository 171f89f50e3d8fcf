/**
 * What the core itself says to the people using the app: API errors, the reasons stored on a
 * message that could not be sent, the Channels page's account errors, the CSV import's report.
 * Each channel keeps its own words beside its driver (e.g. channels/sms/texts.ts).
 */
import { defineTexts } from './catalogue';
import { EN } from './texts.en';
import { PT } from './texts.pt-BR';

export type { CoreTexts } from './core-texts';

/** The core's texts in the language in force. */
export const texts = defineTexts({ 'pt-BR': PT, en: EN });
