/**
 * i18next with the app's two languages; the language follows the settings (or the system). Each
 * catalogue is its own chunk, fetched when its language is first shown: a window shows one.
 */
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Messages } from './pt-BR';

const CATALOGUES: Record<string, () => Promise<Messages>> = {
  'pt-BR': () => import('./pt-BR').then((module) => module.ptBR),
  en: () => import('./en').then((module) => module.en),
};

const catalogues: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, done) {
    const load = CATALOGUES[language];
    if (!load) return done(new Error(`No catalogue for ${language}`), false);
    load().then(
      (messages) => done(null, messages),
      (error: Error) => done(error, false),
    );
  },
};

void i18next
  .use(catalogues)
  .use(initReactI18next)
  .init({
    // Fetched while the settings are asked for; App changes it if they name the other one.
    lng: navigator.language.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en',
    // Both catalogues have every key (Messages), so nothing falls back to another language.
    fallbackLng: false,
    load: 'currentOnly',
    // React escapes what it renders; escaping here too would show "&amp;" in names.
    interpolation: { escapeValue: false },
    // App waits for `ready` and shows its empty shell meanwhile, so nothing needs to suspend.
    react: { useSuspense: false },
  });

export { i18next };
